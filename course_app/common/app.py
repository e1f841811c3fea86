"""The app factory every service uses: errors, CORS, rate limit, health, test hooks.

A service passes its routers and a function that opens its adapters (its composition
root, ``bootstrap(settings).running()``). The adapters live for the app's lifespan on
``app.state.adapters``; unit tests pass ready-made fakes instead, so no I/O happens.
"""

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from course_app.common.client_identity import VouchedClientMiddleware
from course_app.common.http_errors import CatchAllErrors, error_response, register_error_handlers
from course_app.common.provider_states import ProviderStates
from course_app.common.ratelimit import RateLimiter, RateLimitMiddleware
from course_app.common.settings import ServiceSettings

AdapterOpener = Callable[[], AbstractAsyncContextManager[Any]]

health_router = APIRouter(tags=["health"])


async def adapters_of(request: Request) -> Any:
    """The running service's adapters: the dependency each service's ``deps`` types."""
    return request.app.state.adapters


@health_router.get("/health")
async def health(request: Request) -> JSONResponse:
    """200 only when every dependency answers; 503 names the ones that do not."""
    checks = request.app.state.adapters.health_checks
    failing = [name for name, check in checks.items() if not await check()]
    if failing:
        return error_response(
            503, f"Unavailable: {', '.join(failing)}", "SERVICE_UNAVAILABLE", status="unavailable"
        )
    return JSONResponse({"status": "ok"})


def build_app(
    *,
    title: str,
    settings: ServiceSettings,
    open_adapters: AdapterOpener,
    routers: list[APIRouter],
    provider_states: ProviderStates | None = None,
    adapters: Any | None = None,
) -> FastAPI:
    """``adapters`` given (fakes, in tests): used as they are, nothing is opened."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if adapters is not None:
            yield
            return
        async with open_adapters() as opened:
            app.state.adapters = opened
            yield

    app = FastAPI(title=title, lifespan=lifespan)
    app.state.settings = settings
    app.state.adapters = adapters
    register_error_handlers(app)
    limiter = RateLimiter(settings.rate_limit_requests, settings.rate_limit_window_seconds)
    app.add_middleware(RateLimitMiddleware, limiter=limiter)
    secret = settings.client_identity_secret
    # Outside the rate limit, so the limit counts per vouched shopper, not per proxy.
    app.add_middleware(
        VouchedClientMiddleware, secret=secret.get_secret_value() if secret else None
    )
    app.add_middleware(  # outside the rate limit, so preflights always get an answer
        CORSMiddleware,
        allow_origins=settings.cors_origin_list,
        allow_methods=["GET", "POST", "PUT", "DELETE", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "Accept"],
    )
    app.add_middleware(CatchAllErrors)
    app.include_router(health_router)
    for router in routers:
        app.include_router(router)
    # The API's own routes, for the 405's Allow header (common/http_errors.py).
    app.state.api_routes = [
        route for router in (health_router, *routers) for route in router.routes
    ]
    if settings.test_hooks and provider_states is not None:
        app.include_router(provider_states.router())
    return app
