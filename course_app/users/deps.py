"""The users API's dependencies, as typed aliases routes can declare.

The providers are ``async def`` although they await nothing: FastAPI runs a plain ``def``
dependency in a worker thread, and for code that never blocks that hop only costs time
(about half the throughput of ``GET /users/{id}`` here).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request

from course_app.common.app import HealthCheck
from course_app.common.cache import Cache
from course_app.common.clock import Clock, utc_now
from course_app.users.auth import AuthService
from course_app.users.clients import OrdersLookup
from course_app.users.notifications import WelcomeNotifier
from course_app.users.repository import UserRepository
from course_app.users.service import UserService


@dataclass
class UsersAdapters:
    """Everything the use cases talk to; real ones from ``main``, fakes in unit tests."""

    repository: UserRepository
    cache: Cache
    notifier: WelcomeNotifier
    orders: OrdersLookup
    clock: Clock = utc_now
    health_checks: dict[str, HealthCheck] = field(default_factory=dict)


async def get_adapters(request: Request) -> UsersAdapters:
    return request.app.state.adapters


AdaptersDep = Annotated[UsersAdapters, Depends(get_adapters)]


async def get_user_service(adapters: AdaptersDep) -> UserService:
    return UserService(adapters.repository, adapters.cache, adapters.notifier, adapters.orders, adapters.clock)


async def get_auth_service(adapters: AdaptersDep, request: Request) -> AuthService:
    settings = request.app.state.settings
    return AuthService(
        adapters.repository,
        secret=settings.jwt_secret.get_secret_value(),
        token_lifetime=timedelta(minutes=settings.access_token_minutes),
        clock=adapters.clock,
    )


UserServiceDep = Annotated[UserService, Depends(get_user_service)]
AuthServiceDep = Annotated[AuthService, Depends(get_auth_service)]
