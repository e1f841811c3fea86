"""The orders service: ``uvicorn course_app.orders.main:create_app --factory``."""

from fastapi import FastAPI

from course_app.common.app import build_app
from course_app.orders.api import router
from course_app.orders.bootstrap import OrdersAdapters, bootstrap
from course_app.orders.provider_states import states
from course_app.orders.settings import OrdersSettings, get_settings


def create_app(
    settings: OrdersSettings | None = None, adapters: OrdersAdapters | None = None
) -> FastAPI:
    """The app; it runs ``bootstrap(settings)`` for its lifespan unless ``adapters`` are given."""
    settings = settings or get_settings()
    return build_app(
        title="orders",
        settings=settings,
        open_adapters=lambda: bootstrap(settings).running(),
        routers=[router],
        provider_states=states,
        adapters=adapters,
    )
