from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from course_app.users.bootstrap import UsersAdapters, bootstrap
from course_app.users.fakes import FakeOrdersLookup, InMemoryUserRepository, RecordingNotifier
from course_app.users.main import create_app
from course_app.users.settings import UsersSettings
from unit.builders import TEST_SECRET


@pytest.fixture
def settings() -> UsersSettings:
    return UsersSettings(
        database_url="postgresql://unused", jwt_secret=TEST_SECRET, test_hooks=True
    )


@pytest.fixture
def adapters(settings: UsersSettings) -> UsersAdapters:
    """The service's composition root with in-memory fakes (its own in-memory cache)."""
    return bootstrap(
        settings,
        repository=InMemoryUserRepository(),
        notifier=RecordingNotifier(),
        orders=FakeOrdersLookup(),
    )


@pytest_asyncio.fixture
async def client(
    settings: UsersSettings, adapters: UsersAdapters
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, adapters=adapters)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://users") as http:
        yield http
