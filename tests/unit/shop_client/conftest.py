"""The three services in this process, on in-memory fakes, for the shop client's tests.

One ASGI app answers for all three and routes on the Host header, so a request to
``http://users/...`` reaches the users app: the sync client reaches it through Starlette's
``TestClient``, the async one through ``httpx.ASGITransport``. Orders calls the other two
with its real HTTP clients, over ASGI too. No broker: a test settles orders itself.
"""

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import httpx
import pytest
import pytest_asyncio
from starlette.testclient import TestClient

from course_app.common.fakes import RecordingPublisher
from course_app.events import InventoryReserved
from course_app.inventory.bootstrap import bootstrap as inventory_bootstrap
from course_app.inventory.fakes import InMemoryProductRepository
from course_app.inventory.main import create_app as inventory_app
from course_app.inventory.settings import InventorySettings
from course_app.orders.bootstrap import OrdersAdapters
from course_app.orders.bootstrap import bootstrap as orders_bootstrap
from course_app.orders.clients import InventoryClient, UsersClient
from course_app.orders.fakes import InMemoryOrderRepository
from course_app.orders.main import create_app as orders_app
from course_app.orders.settings import OrdersSettings
from course_app.shop_client import AsyncShopClient, ShopClient
from course_app.users.bootstrap import bootstrap as users_bootstrap
from course_app.users.fakes import FakeOrdersLookup, InMemoryUserRepository, RecordingNotifier
from course_app.users.main import create_app as users_app
from course_app.users.settings import UsersSettings
from unit.builders import TEST_SECRET

URLS = {"users": "http://users", "orders": "http://orders", "inventory": "http://inventory"}
ADMIN_EMAIL, ADMIN_PASSWORD = "admin@example.com", "admin-password-for-tests"
UNUSED = {"database_url": "postgresql://unused", "amqp_url": "amqp://unused"}


@dataclass
class Shop:
    app: object  # the ASGI app that routes to the three services
    orders: OrdersAdapters

    async def settle(self, order_id: str) -> None:
        """Inventory's answer "reserved", as the broker would deliver it."""
        await self.orders.service().settle(InventoryReserved(order_id=order_id))


def route_by_host(apps: dict[str, object]):
    async def app(scope, receive, send) -> None:
        host = dict(scope.get("headers", [])).get(b"host", b"").decode()
        await apps[host](scope, receive, send)

    return app


@pytest.fixture
def shop() -> Shop:
    users_settings = UsersSettings(database_url=UNUSED["database_url"], jwt_secret=TEST_SECRET)
    users = users_bootstrap(
        users_settings,
        repository=InMemoryUserRepository(),
        notifier=RecordingNotifier(),
        orders=FakeOrdersLookup(),
    )
    asyncio.run(users.auth(users_settings).ensure_admin(ADMIN_EMAIL, ADMIN_PASSWORD))
    inventory_settings = InventorySettings(**UNUSED, jwt_secret=TEST_SECRET)
    apps = {
        "users": users_app(users_settings, adapters=users),
        "inventory": inventory_app(
            inventory_settings,
            adapters=inventory_bootstrap(
                inventory_settings,
                repository=InMemoryProductRepository(),
                publisher=RecordingPublisher(),
            ),
        ),
    }
    orders_settings = OrdersSettings(**UNUSED, jwt_secret=TEST_SECRET)
    orders = orders_bootstrap(
        orders_settings,
        repository=InMemoryOrderRepository(),
        users=UsersClient(URLS["users"], transport=httpx.ASGITransport(app=apps["users"])),
        products=InventoryClient(
            URLS["inventory"], transport=httpx.ASGITransport(app=apps["inventory"])
        ),
    )
    apps["orders"] = orders_app(orders_settings, adapters=orders)
    return Shop(route_by_host(apps), orders)


@pytest.fixture
def client(shop: Shop) -> Iterator[ShopClient]:
    http = TestClient(shop.app)  # not entered: that would run the apps' lifespans (real adapters)
    yield ShopClient(URLS, http=http)
    http.close()


@pytest_asyncio.fixture
async def async_client(shop: Shop) -> AsyncIterator[AsyncShopClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=shop.app)) as http:
        yield AsyncShopClient(URLS, http=http)
