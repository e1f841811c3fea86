"""The inventory service's composition root: real adapters from settings, fakes where handed in."""

import pytest

from course_app.common.broker import Broker
from course_app.common.fakes import RecordingPublisher
from course_app.inventory.bootstrap import bootstrap
from course_app.inventory.fakes import InMemoryProductRepository
from course_app.inventory.repository import PostgresProductRepository
from course_app.inventory.settings import InventorySettings

pytestmark = [pytest.mark.unit, pytest.mark.service("inventory")]
SETTINGS = InventorySettings(
    database_url="postgresql://nobody@127.0.0.1:1/none",
    amqp_url="amqp://127.0.0.1:1/",
    queue_prefix="unit.",
)


def test_from_settings_alone_the_broker_publishes_and_consumes_placed_orders() -> None:
    adapters = bootstrap(SETTINGS)

    assert (
        isinstance(adapters.repository, PostgresProductRepository)
        and adapters.repository.pool.closed
    )
    assert isinstance(adapters.publisher, Broker)
    assert [sub.queue for sub in adapters.publisher.subscriptions] == [
        "unit.inventory.order-placed"
    ]
    assert set(adapters.health_checks) == {"database", "broker"}


def test_with_a_publisher_handed_in_there_is_no_broker_to_open() -> None:
    publisher = RecordingPublisher()
    adapters = bootstrap(SETTINGS, repository=InMemoryProductRepository(), publisher=publisher)

    assert adapters.publisher is publisher and adapters.service().publisher is publisher
    assert adapters.health_checks == {}
