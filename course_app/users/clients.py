"""The users service's client of the orders service (for ``GET /users/{id}/orders``).

Orders are their owner's, so the orders service answers only with a token: the client
reads them as the caller (``acting_for(token)``), never with a key of its own, and the
orders service decides what that caller may see.
"""

import copy
from typing import Any, Protocol, Self

from course_app.common.http_client import ServiceClient
from course_app.users.domain import NotAllowed


class OrdersLookup(Protocol):
    async def orders_of(self, user_id: int) -> list[dict[str, Any]]: ...

    def acting_for(self, token: str) -> "OrdersLookup":
        """The same lookup, reading orders as the caller whose bearer token this is."""
        ...


class OrdersClient(ServiceClient):
    service_name = "orders"
    _token: str | None = None

    def acting_for(self, token: str) -> Self:
        caller = copy.copy(self)  # shares the connections; only the token differs
        caller._token = token
        return caller

    async def orders_of(self, user_id: int) -> list[dict[str, Any]]:
        headers = {"Authorization": f"Bearer {self._token}"} if self._token else None
        response = await self._get(
            "/orders", params={"user_id": user_id, "limit": 100}, headers=headers
        )
        if response.status_code == 403:
            raise NotAllowed("You may only see your own orders")
        if response.status_code != 200:
            raise self._unavailable()
        return response.json()
