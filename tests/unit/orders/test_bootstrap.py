"""The orders service's composition root: real adapters from settings, fakes where handed in."""

import asyncio

import pytest

from course_app.common.security import TokenClaims
from course_app.orders.bootstrap import bootstrap
from course_app.orders.clients import InventoryClient, UsersClient
from course_app.orders.fakes import FakeProducts, FakeUsers, InMemoryOrderRepository
from course_app.orders.repository import PostgresOrderRepository
from course_app.orders.schemas import OrderCreate
from course_app.orders.settings import OrdersSettings

pytestmark = [pytest.mark.unit, pytest.mark.service("orders"), pytest.mark.asyncio]
# Port 1 refuses at once: the broker's connection attempts fail without waiting.
SETTINGS = OrdersSettings(
    database_url="postgresql://nobody@127.0.0.1:1/none",
    amqp_url="amqp://127.0.0.1:1/",
    broker_retry_seconds=0.05,
    outbox_poll_seconds=0.01,
)


async def test_from_settings_alone_it_builds_the_real_adapters_without_connecting() -> None:
    adapters = bootstrap(SETTINGS)

    assert (
        isinstance(adapters.repository, PostgresOrderRepository) and adapters.repository.pool.closed
    )
    assert isinstance(adapters.users, UsersClient) and isinstance(
        adapters.products, InventoryClient
    )
    assert set(adapters.health_checks) == {"database", "broker"}
    assert not await adapters.health_checks["broker"]()  # not started, so not connected
    await adapters.users.aclose()
    await adapters.products.aclose()


async def test_running_keeps_an_order_in_the_outbox_while_the_broker_is_away_and_leaves_no_task() -> (
    None
):
    repository = InMemoryOrderRepository()
    adapters = bootstrap(
        SETTINGS,
        repository=repository,
        users=FakeUsers(1),
        products=FakeProducts({"A": {"price": 1.0, "quantity": 5}}),
    )
    before = asyncio.all_tasks()

    async with adapters.running():
        alice = TokenClaims(user_id=1, role="user", expires_at=adapters.clock().replace(year=9999))
        await adapters.service().place_order(
            alice, OrderCreate(user_id=1, items=[{"product_id": "A", "quantity": 1}])
        )
        await asyncio.sleep(0.1)  # the relay tries several times meanwhile
        assert [published for _, published in repository.outbox] == [False]
        assert len(asyncio.all_tasks()) > len(before)  # the relay and the broker connection

    assert asyncio.all_tasks() == before
