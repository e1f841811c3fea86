"""The users service: ``uvicorn course_app.users.main:create_app --factory``."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI

from course_app.common.app import build_app
from course_app.common.cache import InMemoryCache
from course_app.common.db import database_answers, open_pool
from course_app.users.api import router
from course_app.users.auth import AuthService
from course_app.users.clients import OrdersClient
from course_app.users.deps import UsersAdapters
from course_app.users.notifications import LoggingNotifier
from course_app.users.provider_states import states
from course_app.users.repository import SCHEMA_SQL, PostgresUserRepository
from course_app.users.settings import UsersSettings, get_settings


@asynccontextmanager
async def open_adapters(settings: UsersSettings) -> AsyncIterator[UsersAdapters]:
    """The real adapters, open for the app's lifetime and closed after it."""
    pool = await open_pool(settings.database_url, schema_sql=SCHEMA_SQL)
    orders = OrdersClient(settings.orders_url)
    try:
        repository = PostgresUserRepository(pool)
        if settings.admin_email and settings.admin_password:
            auth = AuthService(repository, secret=settings.jwt_secret.get_secret_value())
            await auth.ensure_admin(settings.admin_email, settings.admin_password.get_secret_value())
        yield UsersAdapters(
            repository=repository,
            cache=InMemoryCache(),
            notifier=LoggingNotifier(),
            orders=orders,
            health_checks={"database": partial(database_answers, pool)},
        )
    finally:
        await orders.aclose()
        await pool.close()


def create_app(settings: UsersSettings | None = None, adapters: UsersAdapters | None = None) -> FastAPI:
    settings = settings or get_settings()
    return build_app(
        title="users",
        settings=settings,
        open_adapters=partial(open_adapters, settings),
        routers=[router],
        provider_states=states,
        adapters=adapters,
    )
