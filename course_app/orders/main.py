"""The orders service: ``uvicorn course_app.orders.main:create_app --factory``."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI

from course_app.common.app import build_app
from course_app.common.broker import Broker
from course_app.common.db import database_answers, open_pool
from course_app.orders import consumer
from course_app.orders.api import router
from course_app.orders.clients import InventoryClient, UsersClient
from course_app.orders.deps import OrdersAdapters
from course_app.orders.outbox import OutboxRelay
from course_app.orders.provider_states import states
from course_app.orders.repository import SCHEMA_SQL, PostgresOrderRepository, PostgresOutbox
from course_app.orders.settings import OrdersSettings, get_settings


@asynccontextmanager
async def open_adapters(settings: OrdersSettings) -> AsyncIterator[OrdersAdapters]:
    pool = await open_pool(settings.database_url, schema_sql=SCHEMA_SQL, max_size=20)
    broker = Broker(settings.amqp_url, settings.events_exchange, queue_prefix=settings.queue_prefix)
    relay = OutboxRelay(PostgresOutbox(pool), broker.publish, interval=settings.outbox_poll_seconds)
    async with UsersClient(settings.users_url) as users, InventoryClient(settings.inventory_url) as products:
        adapters = OrdersAdapters(
            repository=PostgresOrderRepository(pool),
            users=users,
            products=products,
            health_checks={"database": partial(database_answers, pool), "broker": broker.answers},
        )
        consumer.subscribe(broker, adapters.service())
        await broker.start()
        relay.start()
        try:
            yield adapters
        finally:
            await relay.stop()
            await broker.stop()
            await pool.close()


def create_app(settings: OrdersSettings | None = None, adapters: OrdersAdapters | None = None) -> FastAPI:
    settings = settings or get_settings()
    return build_app(
        title="orders",
        settings=settings,
        open_adapters=partial(open_adapters, settings),
        routers=[router],
        provider_states=states,
        adapters=adapters,
    )
