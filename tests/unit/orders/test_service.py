from datetime import UTC, datetime, timedelta

import httpx
import pytest

from course_app.common.errors import UpstreamUnavailable
from course_app.common.fakes import RecordingPublisher
from course_app.common.security import TokenClaims, create_access_token
from course_app.events import InventoryRejected, InventoryReserved, OrderPlaced
from course_app.orders.bootstrap import OrdersAdapters, bootstrap
from course_app.orders.clients import ProductNotFound, UserNotFound
from course_app.orders.consumer import handle_inventory_event
from course_app.orders.domain import (
    InsufficientInventory,
    NotYourOrder,
    NotYourOrders,
    OrderNotFound,
)
from course_app.orders.fakes import FakeProducts, FakeUsers, InMemoryOrderRepository
from course_app.orders.main import create_app
from course_app.orders.outbox import OutboxRelay
from course_app.orders.schemas import OrderCreate
from course_app.orders.settings import OrdersSettings
from unit.builders import TEST_SECRET

pytestmark = [pytest.mark.unit, pytest.mark.service("orders"), pytest.mark.asyncio]
FOREVER = datetime.max.replace(tzinfo=UTC)
ALICE = TokenClaims(user_id=1, role="user", expires_at=FOREVER)
BOB = TokenClaims(user_id=2, role="user", expires_at=FOREVER)
ADMIN = TokenClaims(user_id=99, role="admin", expires_at=FOREVER)


@pytest.fixture
def settings() -> OrdersSettings:
    return OrdersSettings(
        database_url="postgresql://unused", amqp_url="amqp://unused", jwt_secret=TEST_SECRET
    )


@pytest.fixture
def adapters(settings: OrdersSettings) -> OrdersAdapters:
    """The service's composition root with in-memory fakes; its broker is never started."""
    return bootstrap(
        settings,
        repository=InMemoryOrderRepository(),
        users=FakeUsers(1, 2),
        products=FakeProducts({"A": {"price": 2.5, "quantity": 10}}),
    )


def an_order(user_id: int = 1, product_id: str = "A", quantity: int = 2) -> OrderCreate:
    return OrderCreate(user_id=user_id, items=[{"product_id": product_id, "quantity": quantity}])


async def test_placing_an_order_stores_it_pending_with_an_outbox_message(adapters) -> None:
    order = await adapters.service().place_order(ALICE, an_order(quantity=2))

    assert order.id.startswith("ORD") and order.status == "pending" and order.total == 5.0
    [(message, published)] = adapters.repository.outbox
    assert message.routing_key == "order.placed" and not published
    assert OrderPlaced.model_validate(message.payload).order_id == order.id


@pytest.mark.parametrize(
    ("claims", "request_", "error"),
    [
        (ALICE, an_order(user_id=2), NotYourOrder),
        (ALICE, an_order(quantity=11), InsufficientInventory),
        (ALICE, an_order(product_id="NOPE"), ProductNotFound),
        (
            TokenClaims(user_id=9, role="admin", expires_at=FOREVER),
            an_order(user_id=9),
            UserNotFound,
        ),
    ],
)
async def test_orders_that_cannot_be_placed_leave_no_trace(
    adapters, claims, request_, error
) -> None:
    with pytest.raises(error):
        await adapters.service().place_order(claims, request_)
    assert adapters.repository.orders == {} and adapters.repository.outbox == []


async def test_inventory_answers_settle_orders_once(adapters) -> None:
    service = adapters.service()
    confirmed = await service.place_order(ALICE, an_order())
    rejected = await service.place_order(ALICE, an_order())
    handle = handle_inventory_event(service)

    await handle("inventory.reserved", InventoryReserved(order_id=confirmed.id).payload())
    await handle(
        "inventory.rejected", InventoryRejected(order_id=rejected.id, reason="none").payload()
    )
    assert not await service.settle(InventoryRejected(order_id=confirmed.id, reason="late"))

    assert (await service.get_order(confirmed.id)).status == "confirmed"
    assert (await service.get_order(rejected.id)).status == "rejected"
    with pytest.raises(ValueError):
        await handle("inventory.unknown", {})


async def test_relay_publishes_only_when_the_broker_takes_the_message(adapters) -> None:
    await adapters.service().place_order(ALICE, an_order())
    publisher = RecordingPublisher()
    publisher.broker_down = True

    async def publish(routing_key: str, payload: dict, message_id: str) -> None:
        await publisher.publish_event(OrderPlaced.model_validate(payload))

    relay = OutboxRelay(adapters.repository, publish)
    with pytest.raises(UpstreamUnavailable):
        await relay.run_once()
    assert adapters.repository.outbox[0][1] is False

    publisher.broker_down = False
    assert await relay.run_once() == 1
    assert await relay.run_once() == 0
    assert len(publisher.events) == 1


async def test_orders_api_requires_a_token_and_answers_with_the_order(settings, adapters) -> None:
    app = create_app(settings, adapters=adapters)
    token = create_access_token(
        1, "user", secret=TEST_SECRET, now=datetime.now(UTC), lifetime=timedelta(hours=1)
    )
    auth = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://orders"
    ) as http:
        assert (await http.post("/orders", json={})).status_code == 401
        body = {"user_id": 1, "items": [{"product_id": "A", "quantity": 1}]}
        created = await http.post("/orders", json=body, headers=auth)
        assert created.status_code == 201 and created.json()["status"] == "pending"
        order_url = f"/orders/{created.json()['id']}"
        assert (await http.get(order_url, headers=auth)).json()["total"] == 2.5
        mine = await http.get("/orders", params={"user_id": 1}, headers=auth)
        assert [o["id"] for o in mine.json()] == [created.json()["id"]]
        assert (await http.get("/orders/ORD-NOPE", headers=auth)).json()["code"] == (
            "ORDER_NOT_FOUND"
        )
        too_many = {"user_id": 1, "items": [{"product_id": "A", "quantity": 99}]}
        assert (
            "insufficient inventory"
            in (await http.post("/orders", json=too_many, headers=auth)).json()["error"]
        )


async def test_an_order_is_read_by_its_owner_and_the_admin_only(adapters) -> None:
    service = adapters.service()
    alices = await service.place_order(ALICE, an_order())
    assert (await service.get_order_as(ALICE, alices.id)).id == alices.id
    assert (await service.get_order_as(ADMIN, alices.id)).id == alices.id
    with pytest.raises(OrderNotFound):  # the same answer as for an order that does not exist
        await service.get_order_as(BOB, alices.id)


async def test_a_list_of_orders_is_the_callers_own_unless_they_are_the_admin(adapters) -> None:
    service = adapters.service()
    alices = await service.place_order(ALICE, an_order())
    bobs = await service.place_order(BOB, an_order(user_id=2))
    assert [o.id for o in await service.list_orders_as(ALICE, None)] == [alices.id]
    assert [o.id for o in await service.list_orders_as(BOB, 2)] == [bobs.id]
    assert {o.id for o in await service.list_orders_as(ADMIN, None)} == {alices.id, bobs.id}
    assert [o.id for o in await service.list_orders_as(ADMIN, 1)] == [alices.id]
    with pytest.raises(NotYourOrders):
        await service.list_orders_as(BOB, 1)
