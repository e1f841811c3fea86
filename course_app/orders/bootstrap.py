"""The orders service's composition root: the one place that builds it from its settings.

``bootstrap(settings)`` builds the real adapters (the PostgreSQL repository and outbox, the
users and inventory clients, the broker and the outbox relay) and subscribes the consumer
of inventory's answers; ``adapters.service()`` is the service layer on them. Name an
adapter to hand in your own instead: unit tests pass in-memory fakes, notebook 04 fakes
for the two HTTP clients. Building connects nothing; ``async with adapters.running():``
opens the pool, starts the broker and the relay, and stops them in reverse afterwards.
"""

from dataclasses import dataclass

from course_app.common.clock import Clock, utc_now
from course_app.common.wiring import Resources, ServiceAdapters
from course_app.orders import consumer
from course_app.orders.clients import InventoryClient, ProductsLookup, UsersClient, UsersLookup
from course_app.orders.outbox import OutboxRelay
from course_app.orders.repository import (
    SCHEMA_SQL,
    OrderRepository,
    PostgresOrderRepository,
    PostgresOutbox,
)
from course_app.orders.service import OrderService
from course_app.orders.settings import OrdersSettings


@dataclass
class OrdersAdapters(ServiceAdapters):
    """Everything the use cases talk to; real ones from ``bootstrap``, fakes in tests."""

    repository: OrderRepository
    users: UsersLookup
    products: ProductsLookup
    clock: Clock = utc_now

    def service(self) -> OrderService:
        return OrderService(self.repository, self.users, self.products, self.clock)


def bootstrap(
    settings: OrdersSettings,
    *,
    repository: OrderRepository | None = None,
    users: UsersLookup | None = None,
    products: ProductsLookup | None = None,
    clock: Clock = utc_now,
) -> OrdersAdapters:
    """The orders service's adapters: the ones given, and real ones for the rest.

    A repository handed in is the outbox too: the in-memory one keeps both, as PostgreSQL
    writes an order and its message in one transaction.
    """
    resources = Resources()
    if repository is None:
        pool = resources.pool(settings.database_url, schema_sql=SCHEMA_SQL, max_size=20)
        repository, outbox = PostgresOrderRepository(pool), PostgresOutbox(pool)
    else:
        outbox = repository
    adapters = OrdersAdapters(
        repository=repository,
        users=resources.closing(UsersClient(settings.users_url)) if users is None else users,
        products=resources.closing(InventoryClient(settings.inventory_url))
        if products is None
        else products,
        clock=clock,
        resources=resources,
    )
    broker = resources.broker(settings)
    consumer.subscribe(broker, adapters.service())
    relay = OutboxRelay(outbox, broker.publish, interval=settings.outbox_poll_seconds)
    resources.add(relay.start, relay.stop)
    return adapters
