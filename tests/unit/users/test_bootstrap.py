"""The users service's composition root: real adapters from settings, fakes where handed in."""

import pytest

from course_app.common.cache import InMemoryCache
from course_app.users.bootstrap import bootstrap
from course_app.users.clients import OrdersClient
from course_app.users.fakes import FakeOrdersLookup, InMemoryUserRepository, RecordingNotifier
from course_app.users.notifications import LoggingNotifier
from course_app.users.repository import PostgresUserRepository
from course_app.users.schemas import UserCreate
from course_app.users.settings import UsersSettings
from unit.builders import TEST_SECRET, user_payload

pytestmark = [pytest.mark.unit, pytest.mark.service("users"), pytest.mark.asyncio]


def settings(**values: object) -> UsersSettings:
    return UsersSettings(
        database_url="postgresql://nobody@127.0.0.1:1/none", jwt_secret=TEST_SECRET, **values
    )


async def test_from_settings_alone_it_builds_the_real_adapters_without_connecting() -> None:
    adapters = bootstrap(settings(orders_url="http://orders.test"))

    assert isinstance(adapters.repository, PostgresUserRepository)
    assert adapters.repository.pool.closed  # nothing opened until running()
    assert isinstance(adapters.orders, OrdersClient) and isinstance(
        adapters.notifier, LoggingNotifier
    )
    assert isinstance(adapters.cache, InMemoryCache)
    assert set(adapters.health_checks) == {"database"}
    await adapters.orders.aclose()


async def test_the_service_layer_works_on_the_adapters_handed_in() -> None:
    repository, notifier = InMemoryUserRepository(), RecordingNotifier()
    adapters = bootstrap(
        settings(), repository=repository, notifier=notifier, orders=FakeOrdersLookup()
    )

    user = await adapters.service().create_user(UserCreate(**user_payload(password="secret123")))

    assert await repository.get(user.id) == user and notifier.sent == [user.email]
    assert adapters.health_checks == {}  # nothing of its own to check
    token = await adapters.auth(settings()).login(user.email, "secret123")
    assert token.count(".") == 2


async def test_running_creates_the_admin_the_settings_name() -> None:
    repository = InMemoryUserRepository()
    adapters = bootstrap(
        settings(admin_email="root@example.com", admin_password="root-password"),
        repository=repository,
        orders=FakeOrdersLookup(),
    )
    assert await repository.get_by_email("root@example.com") is None  # building changes nothing

    async with adapters.running() as running:
        assert running is adapters
        admin = await repository.get_by_email("root@example.com")
        assert admin is not None and admin.role == "admin"
