"""The users service: ``uvicorn course_app.users.main:create_app --factory``."""

from fastapi import FastAPI

from course_app.common.app import build_app
from course_app.users.api import router
from course_app.users.bootstrap import UsersAdapters, bootstrap
from course_app.users.provider_states import states
from course_app.users.settings import UsersSettings, get_settings


def create_app(
    settings: UsersSettings | None = None, adapters: UsersAdapters | None = None
) -> FastAPI:
    """The app; it runs ``bootstrap(settings)`` for its lifespan unless ``adapters`` are given."""
    settings = settings or get_settings()
    return build_app(
        title="users",
        settings=settings,
        open_adapters=lambda: bootstrap(settings).running(),
        routers=[router],
        provider_states=states,
        adapters=adapters,
    )
