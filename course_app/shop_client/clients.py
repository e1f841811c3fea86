"""``ShopClient`` (sync, ``httpx.Client``) and ``AsyncShopClient`` (``httpx.AsyncClient``).

Both have every endpoint method of ``ShopEndpoints`` and the same journeys; they differ
only in how a journey's request is sent and how they wait. Pass ``http`` to use a client
you configured (a transport, a timeout); otherwise the shop client makes and closes one.
"""

from collections.abc import Awaitable, Mapping
from typing import Any, Self

import httpx

from course_app.provision.waiting import NotReady, eventually, poll_until
from course_app.shop_client import journeys
from course_app.shop_client.endpoints import ShopEndpoints
from course_app.shop_client.journeys import Account, Journey, T

PENDING = "pending"  # an order inventory has not answered yet
SETTLE_TIMEOUT_S = 30.0  # generous: it only costs time when inventory never answers


class ShopClient(ShopEndpoints[httpx.Response]):
    def __init__(
        self, urls: Mapping[str, str], *, http: httpx.Client | None = None, timeout: float = 10.0
    ) -> None:
        super().__init__(urls)
        self._owns_http = http is None
        self._http = httpx.Client(timeout=timeout) if http is None else http

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _run(self, journey: Journey[T]) -> T:
        try:
            request = next(journey)
            while True:
                request = journey.send(request)  # sync: the request already is the response
        except StopIteration as done:
            return done.value

    def register(self, user: Mapping[str, Any]) -> Account:
        return self._run(journeys.register(self, user))

    def log_in(self, email: str, password: str) -> Account:
        return self._run(journeys.log_in(self, email, password))

    def add_product(
        self, product: Mapping[str, Any], admin: Account, *, exists_ok: bool = False
    ) -> dict:
        return self._run(journeys.add_product(self, product, admin, exists_ok=exists_ok))

    def order(self, order_id: str, token: str) -> dict:
        return self._run(journeys.order(self, order_id, token))

    def product(self, product_id: str) -> dict:
        return self._run(journeys.product(self, product_id))

    def wait_until_settled(
        self, order_id: str, token: str, timeout: float = SETTLE_TIMEOUT_S
    ) -> dict:
        """The order once inventory has answered (it leaves "pending" after the 201)."""

        def settled() -> dict:
            if (order := self.order(order_id, token))["status"] == PENDING:
                raise NotReady(f"order {order_id} is still pending")
            return order

        return poll_until(settled, timeout, f"order {order_id} settling")


class AsyncShopClient(ShopEndpoints[Awaitable[httpx.Response]]):
    def __init__(
        self,
        urls: Mapping[str, str],
        *,
        http: httpx.AsyncClient | None = None,
        timeout: float = 10.0,
    ) -> None:
        super().__init__(urls)
        self._owns_http = http is None
        self._http = httpx.AsyncClient(timeout=timeout) if http is None else http

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()

    async def _run(self, journey: Journey[T]) -> T:
        try:
            request = next(journey)
            while True:
                request = journey.send(await request)
        except StopIteration as done:
            return done.value

    async def register(self, user: Mapping[str, Any]) -> Account:
        return await self._run(journeys.register(self, user))

    async def log_in(self, email: str, password: str) -> Account:
        return await self._run(journeys.log_in(self, email, password))

    async def add_product(
        self, product: Mapping[str, Any], admin: Account, *, exists_ok: bool = False
    ) -> dict:
        return await self._run(journeys.add_product(self, product, admin, exists_ok=exists_ok))

    async def order(self, order_id: str, token: str) -> dict:
        return await self._run(journeys.order(self, order_id, token))

    async def product(self, product_id: str) -> dict:
        return await self._run(journeys.product(self, product_id))

    async def wait_until_settled(
        self, order_id: str, token: str, timeout: float = SETTLE_TIMEOUT_S
    ) -> dict:
        """The order once inventory has answered (it leaves "pending" after the 201)."""
        return await eventually(
            lambda: self.order(order_id, token),
            lambda o: o["status"] != PENDING,
            timeout=timeout,
            what=f"order {order_id} settling",
        )
