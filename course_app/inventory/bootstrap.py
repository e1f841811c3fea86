"""The inventory service's composition root: the one place that builds it from its settings.

``bootstrap(settings)`` builds the real adapters (the PostgreSQL repository and the broker,
which also publishes the reservations) and subscribes the consumer of placed orders;
``adapters.service()`` is the service layer on them. Name an adapter to hand in your own
instead: unit tests pass the in-memory repository and a recording publisher. Building
connects nothing; ``async with adapters.running():`` opens the pool and starts the broker,
and stops them in reverse afterwards.
"""

from dataclasses import dataclass

from course_app.common.broker import EventPublisher
from course_app.common.wiring import Resources, ServiceAdapters
from course_app.inventory import consumer
from course_app.inventory.repository import SCHEMA_SQL, PostgresProductRepository, ProductRepository
from course_app.inventory.service import InventoryService
from course_app.inventory.settings import InventorySettings


@dataclass
class InventoryAdapters(ServiceAdapters):
    """Everything the use cases talk to; real ones from ``bootstrap``, fakes in tests."""

    repository: ProductRepository
    publisher: EventPublisher

    def service(self) -> InventoryService:
        return InventoryService(self.repository, self.publisher)


def bootstrap(
    settings: InventorySettings,
    *,
    repository: ProductRepository | None = None,
    publisher: EventPublisher | None = None,
) -> InventoryAdapters:
    """The inventory service's adapters: the ones given, and real ones for the rest.

    With a publisher handed in there is no broker, so nothing consumes placed orders:
    a test calls the service layer, or ``consumer.handle_order_placed``, itself.
    """
    resources = Resources()
    if repository is None:
        pool = resources.pool(settings.database_url, schema_sql=SCHEMA_SQL)
        repository = PostgresProductRepository(pool)
    broker = resources.broker(settings) if publisher is None else None
    adapters = InventoryAdapters(
        repository=repository,
        publisher=broker if publisher is None else publisher,
        resources=resources,
    )
    if broker is not None:
        consumer.subscribe(broker, adapters.service())
    return adapters
