"""The shop's three services in this process, and copies of it with one promise broken.

Notebook 07's journey exercise runs a learner's end-to-end journey on the running system,
then here: on the faithful copy (the journey must hold) and on a copy with a planted fault
that breaks the journey's promise (the journey must fail). Both are the real code of the
users, orders and inventory services (``course_app``) on their in-memory stand-ins: one
ASGI app answers for all three and routes on the Host header, and orders calls the other
two with its real HTTP clients, over ASGI too. The broker is a function: after each
request, placed orders go to inventory and inventory's answers back to orders, so a new
order is ``pending`` in the answer to ``POST /orders`` and settled by the next request.

    async with shop_in_process(JOURNEYS["stock-after-confirmed-orders"].faults[0]) as (shop, admin):
        await my_journey(shop, admin)   # should fail: the fault breaks that journey's promise
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from unittest.mock import patch

import httpx
from argon2 import PasswordHasher

from course_app.common import security
from course_app.common.fakes import RecordingPublisher
from course_app.inventory import consumer as inventory_consumer
from course_app.inventory.bootstrap import InventoryAdapters
from course_app.inventory.domain import ReservationOutcome, merge_lines
from course_app.inventory.fakes import InMemoryProductRepository
from course_app.inventory.main import create_app as inventory_app
from course_app.inventory.settings import InventorySettings
from course_app.orders import consumer as orders_consumer
from course_app.orders.bootstrap import OrdersAdapters
from course_app.orders.clients import InventoryClient, UsersClient
from course_app.orders.domain import REJECTED, InsufficientInventory, Order, OrderItem, new_order_id
from course_app.orders.fakes import InMemoryOrderRepository
from course_app.orders.main import create_app as orders_app
from course_app.orders.service import OrderService
from course_app.orders.settings import OrdersSettings
from course_app.shop_client import Account, AsyncShopClient
from course_app.users.bootstrap import bootstrap as users_bootstrap
from course_app.users.clients import OrdersClient
from course_app.users.domain import NewUser
from course_app.users.fakes import InMemoryUserRepository, RecordingNotifier
from course_app.users.main import create_app as users_app
from course_app.users.settings import UsersSettings

URLS = {"users": "http://users", "orders": "http://orders", "inventory": "http://inventory"}
ADMIN_EMAIL = "admin@example.com"
UNUSED = {"database_url": "postgresql://unused", "amqp_url": "amqp://unused"}  # never opened
NO_RATE_LIMIT = {"rate_limit_requests": 1_000_000}  # a journey may send many requests


# ---- the planted faults: each removes one rule of the real services ----


class _RefusalKeepsTheOrder(OrderService):
    """Refuses an order above the stock, but keeps it in the customer's history."""

    async def place_order(self, actor, data):
        try:
            return await super().place_order(actor, data)
        except InsufficientInventory:
            kept = Order(new_order_id(), data.user_id, REJECTED, [], 0.0, self.clock())
            await self.repository.put(kept)
            raise


class _RefusalTakesStock(OrderService):
    """Refuses an order above the stock, after reserving what was left for it."""

    stock: InMemoryProductRepository

    async def _priced(self, product_id, quantity):
        try:
            return await super()._priced(product_id, quantity)
        except InsufficientInventory:
            product = await self.stock.get(product_id)
            product.reserved, product.quantity = product.reserved + product.quantity, 0
            raise


class _LastUnitsRefused(OrderService):
    """Off by one: an order for exactly the units in stock is refused."""

    async def _priced(self, product_id, quantity):
        product = await self.products.get_product(product_id)
        if product["quantity"] <= quantity:
            raise InsufficientInventory(product_id)
        return OrderItem(product_id, quantity, float(product["price"]))


class _NoStockCheck(OrderService):
    """Takes any quantity: the courtesy check of POST /orders is gone."""

    async def _priced(self, product_id, quantity):
        product = await self.products.get_product(product_id)
        return OrderItem(product_id, quantity, float(product["price"]))


class _Oversells(InMemoryProductRepository):
    """Confirms every order, taking what is left when there is not enough."""

    async def reserve(self, order_id, lines):
        for product_id, quantity in merge_lines(lines):
            if product := self.products.get(product_id):
                taken = min(quantity, product.quantity)
                product.quantity, product.reserved = (
                    product.quantity - taken,
                    product.reserved + taken,
                )
        self.outcomes[order_id] = ReservationOutcome(order_id, True)
        return self.outcomes[order_id]


class _OnlyFirstOrderTakesStock(InMemoryProductRepository):
    """Confirms every order, but takes stock only for the first order of each product."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    async def reserve(self, order_id, lines):
        if order_id in self.outcomes:
            return self.outcomes[order_id]
        first = [line for line in lines if line.product_id not in self.seen]
        self.seen.update(line.product_id for line in lines)
        return await super().reserve(order_id, first)


class _AnyoneReadsAnOrder(OrderService):
    """Reads an order for anyone with a token: the owner is never asked."""

    async def get_order_as(self, actor, order_id):
        return await self.get_order(order_id)


class _AnyoneListsAnyOrders(OrderService):
    """Lists any customer's orders for anyone who asks with their id."""

    async def list_orders_as(self, actor, user_id, limit=50, offset=0):
        return await self.list_orders(actor.user_id if user_id is None else user_id, limit, offset)


@dataclass(frozen=True)
class Fault:
    """A copy of the shop with one rule removed; ``broken`` says what no longer holds."""

    broken: str
    orders_service: type[OrderService] = OrderService
    stock: type[InMemoryProductRepository] = InMemoryProductRepository


@dataclass(frozen=True)
class Journey:
    promise: str  # what the learner's journey checks, end to end
    faults: tuple[Fault, ...]  # copies where the promise does not hold: the journey must fail


JOURNEYS = {
    "refused-order-changes-nothing": Journey(
        "An order for more than the stock is refused (400), and the product's stock and the "
        "customer's order history are as they were before it.",
        (
            Fault("a refused order still appears in the history", _RefusalKeepsTheOrder),
            Fault("a refused order still takes the stock that was left", _RefusalTakesStock),
        ),
    ),
    "what-is-left-can-be-bought": Journey(
        "An order for more than the stock is not confirmed; a later order for exactly what "
        "is left is confirmed.",
        (
            Fault("an order for exactly what is left is refused", _LastUnitsRefused),
            Fault("an order above the stock is confirmed", _NoStockCheck, _Oversells),
        ),
    ),
    "stock-after-confirmed-orders": Journey(
        "After N >= 2 confirmed orders of a product, its stock is the starting stock minus "
        "everything ordered.",
        (Fault("only a product's first order takes stock", stock=_OnlyFirstOrderTakesStock),),
    ),
    "my-orders-are-mine": Journey(
        "A customer reads their own order; another customer asking for it gets the same 404 "
        "as for an order that does not exist, and cannot list the first customer's orders.",
        (
            Fault("another customer reads the order", _AnyoneReadsAnOrder),
            Fault("another customer lists the first one's orders", _AnyoneListsAnyOrders),
        ),
    ),
}


def faults_of(journey: str) -> tuple[Fault, ...]:
    """The broken copies for a journey named in JOURNEYS (a clear error for any other name)."""
    if journey not in JOURNEYS:
        raise KeyError(
            f"{journey!r} is not a journey of this notebook; pick one of {list(JOURNEYS)}"
        )
    return JOURNEYS[journey].faults


# ---- the shop in this process ----


@dataclass
class _Orders(OrdersAdapters):
    service_class: type[OrderService] = OrderService
    stock: InMemoryProductRepository | None = None  # what a fault may reach into

    def service(self) -> OrderService:
        service = self.service_class(self.repository, self.users, self.products, self.clock)
        service.stock = self.stock
        return service


def _route_by_host(apps: dict[str, Any]):
    async def app(scope, receive, send) -> None:
        host = dict(scope.get("headers", [])).get(b"host", b"").decode()
        await apps[host](scope, receive, send)

    return app


class _DeliversEvents(httpx.AsyncBaseTransport):
    """ASGI to the services; after each answer, the events that request caused are delivered."""

    def __init__(self, app: Any, deliver: Callable[[], Awaitable[None]]) -> None:
        self._asgi = httpx.ASGITransport(app=app)
        self._deliver = deliver

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._asgi.handle_async_request(request)
        await self._deliver()
        return response


def _cheap_password_hashing():
    """argon2 with its smallest costs while a shop runs here: a journey registers a customer,
    and the real costs (chosen to slow down attackers) take half a second a password."""
    return patch.object(
        security, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


@asynccontextmanager
async def shop_in_process(
    fault: Fault | None = None,
) -> AsyncIterator[tuple[AsyncShopClient, Account]]:
    """A fresh shop (no fault: the real rules) and its admin, logged in, for one journey."""
    secret = secrets.token_urlsafe(32)
    apps: dict[str, Any] = {}
    router = _route_by_host(apps)
    over_asgi = httpx.ASGITransport(app=router)
    fault = fault or Fault("nothing: the real rules")

    users_settings = UsersSettings(
        database_url=UNUSED["database_url"], jwt_secret=secret, **NO_RATE_LIMIT
    )
    users = users_bootstrap(
        users_settings,
        repository=InMemoryUserRepository(),
        notifier=RecordingNotifier(),
        orders=OrdersClient(URLS["orders"], transport=over_asgi),
    )
    # The admin without a password (nobody logs in as them here), with a token issued at once:
    # hashing and checking a password costs argon2's half second, twice.
    admin = await users.repository.add(NewUser("Administrator", ADMIN_EMAIL, role="admin"))
    admin_token = users.auth(users_settings).issue_token(admin)

    stock, answers = fault.stock(), RecordingPublisher()
    inventory = InventoryAdapters(repository=stock, publisher=answers)
    orders = _Orders(
        repository=InMemoryOrderRepository(),
        users=UsersClient(URLS["users"], transport=over_asgi),
        products=InventoryClient(URLS["inventory"], transport=over_asgi),
        service_class=fault.orders_service,
        stock=stock,
    )
    apps["users"] = users_app(users_settings, adapters=users)
    apps["inventory"] = inventory_app(
        InventorySettings(**UNUSED, jwt_secret=secret, **NO_RATE_LIMIT), adapters=inventory
    )
    apps["orders"] = orders_app(
        OrdersSettings(**UNUSED, jwt_secret=secret, **NO_RATE_LIMIT), adapters=orders
    )

    to_inventory = inventory_consumer.handle_order_placed(inventory.service())
    to_orders = orders_consumer.handle_inventory_event(orders.service())

    async def deliver() -> None:
        await orders.repository.relay_pending(lambda key, payload, _id: to_inventory(key, payload))
        while answers.events:
            event = answers.events.pop(0)
            await to_orders(event.routing_key, event.payload())

    try:
        with _cheap_password_hashing():
            async with httpx.AsyncClient(transport=_DeliversEvents(router, deliver)) as http:
                shop = AsyncShopClient(URLS, http=http)
                profile = await shop.my_profile(admin_token)
                yield shop, Account(profile.json(), password="", token=admin_token)
    finally:
        for client in (users.orders, orders.users, orders.products):
            await client.aclose()
