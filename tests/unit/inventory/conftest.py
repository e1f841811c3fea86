from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from course_app.common.fakes import RecordingPublisher
from course_app.inventory.bootstrap import bootstrap
from course_app.inventory.fakes import InMemoryProductRepository
from course_app.inventory.main import create_app
from course_app.inventory.settings import InventorySettings
from unit.builders import TEST_SECRET


@pytest.fixture
def publisher() -> RecordingPublisher:
    return RecordingPublisher()


@pytest.fixture
def settings() -> InventorySettings:
    return InventorySettings(
        database_url="postgresql://unused", amqp_url="amqp://unused", jwt_secret=TEST_SECRET
    )


@pytest_asyncio.fixture
async def http(
    settings: InventorySettings,
    repository: InMemoryProductRepository,
    publisher: RecordingPublisher,
) -> AsyncIterator[httpx.AsyncClient]:
    """The inventory API in process, on the test module's ``repository``."""
    app = create_app(
        settings, adapters=bootstrap(settings, repository=repository, publisher=publisher)
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://inventory"
    ) as client:
        yield client
