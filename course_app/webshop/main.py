"""The web shop app: ``uvicorn course_app.webshop.main:create_app --factory``."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from course_app.common.http_client import service_http_client
from course_app.common.http_errors import register_error_handlers
from course_app.webshop import pages, proxy
from course_app.webshop.security_headers import SecurityHeaders
from course_app.webshop.settings import ShopSettings, get_settings


def create_app(settings: ShopSettings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # One client for the app's lifetime: connections to the services are reused.
        async with service_http_client(timeout=settings.proxy_timeout_seconds) as client:
            app.state.http = client
            yield

    app = FastAPI(title="Course web shop", lifespan=lifespan)
    app.state.service_urls = settings.service_urls()
    app.state.health_timeout = settings.health_timeout_seconds
    secret = settings.client_identity_secret
    app.state.client_identity_secret = secret.get_secret_value() if secret else None
    register_error_handlers(app)
    app.include_router(proxy.router)
    app.include_router(pages.build_router())
    app.mount("/static", StaticFiles(directory=pages.STATIC_DIR), name="static")
    app.add_middleware(SecurityHeaders)
    return app
