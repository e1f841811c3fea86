"""The inventory service: ``uvicorn course_app.inventory.main:create_app --factory``."""

from fastapi import FastAPI

from course_app.common.app import build_app
from course_app.inventory.api import router
from course_app.inventory.bootstrap import InventoryAdapters, bootstrap
from course_app.inventory.provider_states import states
from course_app.inventory.settings import InventorySettings, get_settings


def create_app(
    settings: InventorySettings | None = None, adapters: InventoryAdapters | None = None
) -> FastAPI:
    """The app; it runs ``bootstrap(settings)`` for its lifespan unless ``adapters`` are given."""
    settings = settings or get_settings()
    return build_app(
        title="inventory",
        settings=settings,
        open_adapters=lambda: bootstrap(settings).running(),
        routers=[router],
        provider_states=states,
        adapters=adapters,
    )
