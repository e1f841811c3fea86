"""The users service's composition root: the one place that builds it from its settings.

``bootstrap(settings)`` builds the real adapters (the PostgreSQL repository, an in-memory
cache, the logging notifier, the orders client); ``adapters.service()`` and
``adapters.auth(settings)`` are the service layer on them. Name an adapter to hand in your
own instead: the unit tests pass in-memory fakes. Building connects nothing;
``async with adapters.running():`` opens the pool and makes sure the admin account the
settings name exists, and closes the client and the pool afterwards.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from course_app.common.cache import Cache, InMemoryCache
from course_app.common.clock import Clock, utc_now
from course_app.common.settings import TokenSettings
from course_app.common.wiring import Resources, ServiceAdapters
from course_app.users.auth import AuthService
from course_app.users.clients import OrdersClient, OrdersLookup
from course_app.users.notifications import LoggingNotifier, WelcomeNotifier
from course_app.users.repository import SCHEMA_SQL, PostgresUserRepository, UserRepository
from course_app.users.service import UserService
from course_app.users.settings import UsersSettings


@dataclass
class UsersAdapters(ServiceAdapters):
    """Everything the use cases talk to; real ones from ``bootstrap``, fakes in tests."""

    repository: UserRepository
    cache: Cache
    notifier: WelcomeNotifier
    orders: OrdersLookup
    clock: Clock = utc_now

    def service(self, *, caller_token: str | None = None) -> UserService:
        """The use cases; with ``caller_token`` they read orders as that caller."""
        orders = self.orders if caller_token is None else self.orders.acting_for(caller_token)
        return UserService(self.repository, self.cache, self.notifier, orders, self.clock)

    def auth(self, settings: TokenSettings) -> AuthService:
        return AuthService(
            self.repository,
            secret=settings.jwt_secret.get_secret_value(),
            token_lifetime=timedelta(minutes=settings.access_token_minutes),
            clock=self.clock,
        )


def bootstrap(
    settings: UsersSettings,
    *,
    repository: UserRepository | None = None,
    cache: Cache | None = None,
    notifier: WelcomeNotifier | None = None,
    orders: OrdersLookup | None = None,
    clock: Clock = utc_now,
) -> UsersAdapters:
    """The users service's adapters: the ones given, and real ones for the rest."""
    resources = Resources()
    if repository is None:
        pool = resources.pool(settings.database_url, schema_sql=SCHEMA_SQL)
        repository = PostgresUserRepository(pool)
    adapters = UsersAdapters(
        repository=repository,
        cache=InMemoryCache() if cache is None else cache,
        notifier=LoggingNotifier() if notifier is None else notifier,
        orders=resources.closing(OrdersClient(settings.orders_url)) if orders is None else orders,
        clock=clock,
        resources=resources,
    )
    if (
        settings.admin_email and settings.admin_password
    ):  # a step after the pool's: it needs it open
        password = settings.admin_password.get_secret_value()
        resources.add(partial(adapters.auth(settings).ensure_admin, settings.admin_email, password))
    return adapters
