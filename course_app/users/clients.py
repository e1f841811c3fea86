"""The users service's client of the orders service (for ``GET /users/{id}/orders``)."""

from typing import Any, Protocol

from course_app.common.http_client import ServiceClient


class OrdersLookup(Protocol):
    async def orders_of(self, user_id: int) -> list[dict[str, Any]]: ...


class OrdersClient(ServiceClient):
    service_name = "orders"

    async def orders_of(self, user_id: int) -> list[dict[str, Any]]:
        response = await self._get("/orders", params={"user_id": user_id, "limit": 100})
        if response.status_code != 200:
            raise self._unavailable()
        return response.json()
