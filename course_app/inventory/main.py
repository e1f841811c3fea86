"""The inventory service: ``uvicorn course_app.inventory.main:create_app --factory``."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI

from course_app.common.app import build_app
from course_app.common.broker import Broker
from course_app.common.db import database_answers, open_pool
from course_app.inventory import consumer
from course_app.inventory.api import router
from course_app.inventory.deps import InventoryAdapters
from course_app.inventory.provider_states import states
from course_app.inventory.repository import SCHEMA_SQL, PostgresProductRepository
from course_app.inventory.settings import InventorySettings, get_settings


@asynccontextmanager
async def open_adapters(settings: InventorySettings) -> AsyncIterator[InventoryAdapters]:
    pool = await open_pool(settings.database_url, schema_sql=SCHEMA_SQL)
    broker = Broker(settings.amqp_url, settings.events_exchange, queue_prefix=settings.queue_prefix)
    adapters = InventoryAdapters(
        repository=PostgresProductRepository(pool),
        publisher=broker,
        health_checks={"database": partial(database_answers, pool), "broker": broker.answers},
    )
    consumer.subscribe(broker, adapters.service())
    await broker.start()
    try:
        yield adapters
    finally:
        await broker.stop()
        await pool.close()


def create_app(
    settings: InventorySettings | None = None, adapters: InventoryAdapters | None = None
) -> FastAPI:
    settings = settings or get_settings()
    return build_app(
        title="inventory",
        settings=settings,
        open_adapters=partial(open_adapters, settings),
        routers=[router],
        provider_states=states,
        adapters=adapters,
    )
