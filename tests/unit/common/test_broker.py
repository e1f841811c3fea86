"""The broker adapter's promises that need no RabbitMQ: refusing to publish while away, and message ids."""

import pytest

from course_app.common.broker import Broker, EventPublisher
from course_app.common.errors import UpstreamUnavailable
from course_app.common.fakes import RecordingPublisher
from course_app.events import InventoryReserved, OrderLine, OrderPlaced

pytestmark = pytest.mark.unit


class RecordingBroker(Broker):
    def __init__(self) -> None:
        super().__init__("amqp://127.0.0.1:1/", "events")
        self.sent: list[tuple[str, dict, str]] = []

    async def publish(self, routing_key: str, payload: dict, message_id: str) -> None:
        self.sent.append((routing_key, payload, message_id))


@pytest.mark.asyncio
async def test_publishing_before_a_connection_is_a_broker_unavailable_error() -> None:
    with pytest.raises(UpstreamUnavailable) as raised:
        await Broker("amqp://127.0.0.1:1/", "events").publish("order.placed", {}, "id-1")
    assert raised.value.code == "BROKER_UNAVAILABLE"


@pytest.mark.asyncio
async def test_an_event_is_published_under_its_routing_key_and_message_id() -> None:
    broker = RecordingBroker()
    event = InventoryReserved(order_id="ORD-1")

    await broker.publish_event(event)

    assert broker.sent == [("inventory.reserved", {"order_id": "ORD-1"}, event.message_id)]


def test_a_message_id_names_the_event_and_the_order_so_a_redelivery_keeps_it() -> None:
    placed = OrderPlaced(order_id="ORD-1", user_id=1, items=[OrderLine(product_id="A", quantity=1)])
    assert placed.message_id == "order.placed:ORD-1"
    assert placed.message_id != InventoryReserved(order_id="ORD-1").message_id


@pytest.mark.asyncio
async def test_the_recording_fake_keeps_the_publisher_promise() -> None:
    fake: EventPublisher = RecordingPublisher()
    await fake.publish_event(InventoryReserved(order_id="ORD-2"))
    fake.broker_down = True
    with pytest.raises(UpstreamUnavailable):
        await fake.publish_event(InventoryReserved(order_id="ORD-3"))
    assert fake.events == [InventoryReserved(order_id="ORD-2")]


def test_the_publisher_interface_declares_only_publish_event() -> None:
    members = {name for name in vars(EventPublisher) if not name.startswith("_")}
    assert members == {"publish_event"}
