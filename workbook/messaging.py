"""Notebook 04's harness: the order flow wired from the services' composition roots.

``order_flow(database_url, amqp_url)`` runs the orders and inventory services in this
event loop, each built by its own ``bootstrap`` exactly as ``main.create_app`` builds it,
on the given PostgreSQL and RabbitMQ, with an exchange and queue prefix of their own. Only
the two HTTP lookups that ``place_order`` makes first are the app's in-memory fakes.

What a test gets is a ``Flow``: place orders, read the stock, see inventory's answers on
the exchange, and cut the services off RabbitMQ for a while (``outage``). The services
reach RabbitMQ through a ``Link``, a TCP relay the test can cut and restore, the idea of
Toxiproxy: the node stays up, and the services see exactly what an outage shows them — a
dropped connection and refused reconnects.

A broken copy of one piece (notebook 04's checks use those of ``workbook.broken_messaging``)
is handed in by name: ``inventory_repository`` replaces the stock-keeping repository that
inventory's consumer works on, ``orders_repository`` the one that ``place_order`` stores
orders with.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

import aio_pika
from psycopg_pool import AsyncConnectionPool

from course_app.common.security import TokenClaims
from course_app.common.wiring import Resources
from course_app.inventory.bootstrap import bootstrap as bootstrap_inventory
from course_app.inventory.domain import Product
from course_app.inventory.repository import SCHEMA_SQL as INVENTORY_SQL
from course_app.inventory.repository import PostgresProductRepository, ProductRepository
from course_app.inventory.settings import InventorySettings
from course_app.orders.bootstrap import bootstrap as bootstrap_orders
from course_app.orders.domain import Order
from course_app.orders.fakes import FakeProducts, FakeUsers
from course_app.orders.repository import OrderRepository, Publish
from course_app.orders.schemas import OrderCreate
from course_app.orders.service import OrderService
from course_app.orders.settings import OrdersSettings
from workbook.testing import eventually, unique

USER_ID = 1
InventoryRepositoryFor = Callable[[AsyncConnectionPool], ProductRepository]
OrdersRepositoryFor = Callable[[AsyncConnectionPool, Publish], OrderRepository]


class Link:
    """A TCP relay to ``host:port`` that a test can cut (every connection dropped, new ones
    refused) and restore. ``async with Link(host, port) as link:`` listens on ``link.port``."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.target_port = host, port
        self.up = True
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._pipes: set[asyncio.Task] = set()

    async def __aenter__(self) -> Link:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.cut()
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()
        if self._pipes:
            await asyncio.wait(self._pipes, timeout=5)

    def cut(self) -> None:
        """Drop every connection now, and refuse new ones until ``restore``."""
        self.up = False
        for writer in list(self._writers):
            writer.transport.abort()

    def restore(self) -> None:
        self.up = True

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not self.up:
            writer.transport.abort()
            return
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(
                self.host, self.target_port
            )
        except OSError:
            writer.transport.abort()
            return
        pair = {writer, upstream_writer}
        self._writers |= pair
        pipes = [
            asyncio.create_task(self._copy(reader, upstream_writer)),
            asyncio.create_task(self._copy(upstream_reader, writer)),
        ]
        self._pipes.update(pipes)
        try:
            await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for each in pair:  # one side closed: close the other
                each.transport.abort()
            await asyncio.wait(pipes)
            self._pipes.difference_update(pipes)
            self._writers -= pair

    @staticmethod
    async def _copy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with suppress(ConnectionError, OSError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()


def through(url: str, link: Link) -> str:
    """``url`` with its host and port replaced by the link's."""
    parts = urlsplit(url)
    credentials = parts.netloc.rpartition("@")[0]
    netloc = f"{credentials}@127.0.0.1:{link.port}" if credentials else f"127.0.0.1:{link.port}"
    return urlunsplit(parts._replace(netloc=netloc))


@dataclass
class Flow:
    """What a test of the order flow works with.

    - ``orders``: the orders service's use cases (``place_order``, ``get_order``);
    - ``products``: inventory's stock in PostgreSQL (``await flow.products.get(id)``);
    - ``amqp_url`` and ``exchange``: the broker itself and the flow's topic exchange;
    - ``add_product``, ``place``, ``answers`` and ``outage``: below.
    - ``heard``: every answer inventory published, as (order id, routing key, the
      ``time.monotonic()`` it arrived at).
    """

    orders: OrderService
    products: PostgresProductRepository
    catalogue: FakeProducts  # what orders is told about products (its stand-in for inventory's API)
    amqp_url: str
    exchange: str
    link: Link
    health_checks: list[Callable[[], Awaitable[bool]]]
    heard: list[tuple[str, str, float]] = field(default_factory=list)

    async def add_product(self, quantity: int) -> Product:
        """A new product with ``quantity`` units in stock, known to both services."""
        product = await self.products.add(
            Product(unique("PROD-").upper(), "Kettle", 25.0, quantity=quantity)
        )
        self.catalogue.products[product.id] = {
            "name": product.name,
            "price": product.price,
            "quantity": quantity,
        }
        return product

    async def place(self, product: Product, quantity: int) -> Order:
        """Place an order for ``quantity`` units, as the customer with id 1."""
        claims = TokenClaims(USER_ID, "user", datetime.now(UTC) + timedelta(hours=1))
        items = [{"product_id": product.id, "quantity": quantity}]
        return await self.orders.place_order(claims, OrderCreate(user_id=USER_ID, items=items))

    async def answers(self, order_id: str) -> list[str]:
        """Inventory's answers about ``order_id`` seen on the exchange so far, in order:
        ``"inventory.reserved"`` or ``"inventory.rejected"``, one per order handled."""
        return [key for heard_id, key, _ in self.heard if heard_id == order_id]

    async def connected(self) -> bool:
        """Do both services' health checks (database and broker) answer?"""
        return all([await check() for check in self.health_checks])

    @asynccontextmanager
    async def outage(self) -> AsyncIterator[None]:
        """RabbitMQ out of reach for the ``async with`` block: both services have noticed
        when the block starts; they reconnect on their own after it."""
        self.link.cut()
        try:
            await eventually(self.connected, lambda up: not up, what="the services noticing")
            yield
        finally:
            self.link.restore()


@asynccontextmanager
async def _listening(flow: Flow) -> AsyncIterator[None]:
    """Record every answer inventory publishes on the flow's exchange (a private queue)."""
    async with await aio_pika.connect(flow.amqp_url) as connection:
        channel = await connection.channel()
        exchange = await channel.declare_exchange(
            flow.exchange, aio_pika.ExchangeType.TOPIC, durable=True
        )
        queue = await channel.declare_queue(exclusive=True)
        await queue.bind(exchange, "inventory.*")

        async def heard(message: aio_pika.abc.AbstractIncomingMessage) -> None:
            async with message.process():
                order_id = json.loads(message.body)["order_id"]
                flow.heard.append((order_id, message.routing_key or "", time.monotonic()))

        await queue.consume(heard)
        yield


def _settings(database_url: str, amqp_url: str) -> dict:
    return dict(
        database_url=database_url,
        amqp_url=amqp_url,
        events_exchange=unique("events-"),
        queue_prefix=unique("test-") + ".",
        broker_retry_seconds=0.2,
    )


@asynccontextmanager
async def order_flow(
    database_url: str,
    amqp_url: str,
    *,
    inventory_repository: InventoryRepositoryFor | None = None,
    orders_repository: OrdersRepositoryFor | None = None,
) -> AsyncIterator[Flow]:
    """Orders and inventory from their composition roots, connected, for one test."""
    async with AsyncExitStack() as stack:
        link = await stack.enter_async_context(Link(*host_and_port(amqp_url)))
        shared = _settings(database_url, through(amqp_url, link))
        catalogue = FakeProducts()
        orders = bootstrap_orders(
            OrdersSettings(**shared, outbox_poll_seconds=0.05),
            users=FakeUsers(USER_ID),
            products=catalogue,
        )
        own = Resources()  # what the flow opens itself: broken copies' pool and broker
        if inventory_repository is None:
            inventory = bootstrap_inventory(InventorySettings(**shared))
            pool = inventory.repository.pool
        else:
            pool = own.pool(database_url, schema_sql=INVENTORY_SQL)
            inventory = bootstrap_inventory(
                InventorySettings(**shared), repository=inventory_repository(pool)
            )
        service = orders.service()
        if orders_repository is not None:  # place_order stores and publishes its own way
            publisher = own.broker(OrdersSettings(**shared))
            service.repository = orders_repository(orders.repository.pool, publisher.publish)
        await stack.enter_async_context(own.running())
        await stack.enter_async_context(inventory.running())
        await stack.enter_async_context(orders.running())
        flow = Flow(
            orders=service,
            products=PostgresProductRepository(pool),
            catalogue=catalogue,
            amqp_url=amqp_url,
            exchange=shared["events_exchange"],
            link=link,
            health_checks=[
                *orders.health_checks.values(),
                *inventory.health_checks.values(),
                *own.health_checks.values(),
            ],
        )
        await stack.enter_async_context(_listening(flow))
        await eventually(flow.connected, timeout=30, what="both services connected")
        yield flow


def host_and_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 5672


async def fails_against(test: Awaitable[None], broken: str, *, within: float) -> None:
    """Await a learner's test against a broken copy: it must fail, and within ``within`` s.

    Any exception counts as failing (an assertion, a timeout, the broken copy's own error),
    except ``NotImplementedError``: an exercise not started yet is reported as that.
    """
    started = time.monotonic()
    try:
        await asyncio.wait_for(test, timeout=within)
    except NotImplementedError:
        raise
    except TimeoutError:
        raise AssertionError(
            f"against {broken}, your test was still running after {within:.0f} s: "
            "does it give up at its timeout?"
        ) from None
    except BaseException as failure:  # noqa: BLE001 - pytest.fail's exception is a BaseException
        if isinstance(failure, asyncio.CancelledError | KeyboardInterrupt | SystemExit):
            raise
        return
    raise AssertionError(
        f"your test passed against {broken} (in {time.monotonic() - started:.1f} s): "
        "it does not catch that bug"
    )


async def left_on_broker(amqp_url: str, queues: list[str], exchange: str) -> list[str]:
    """Which of ``queues`` and ``exchange`` still exist on the broker (a passive declare
    finds them without creating them; a missing one closes its channel, hence one each)."""
    left = []
    async with await aio_pika.connect(amqp_url) as connection:
        for name, declare in [
            *((queue, "declare_queue") for queue in queues),
            (exchange, "declare_exchange"),
        ]:
            channel = await connection.channel()
            try:
                await getattr(channel, declare)(name, passive=True)
                left.append(name)
            except aio_pika.exceptions.ChannelNotFoundEntity:
                pass
            finally:
                if not channel.is_closed:
                    await channel.close()
    return left
