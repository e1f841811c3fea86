"""Fixtures for integration tests: real PostgreSQL and RabbitMQ from the provisioning
plugin (session-scoped), and the three services per test with their own queues."""

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import pytest_asyncio

from course_app.provision import ServiceHandle
from integration.system import System, running_system


@pytest.fixture
def system(postgres_service: ServiceHandle, rabbitmq_service: ServiceHandle) -> Iterator[System]:
    with running_system(postgres_service.url, rabbitmq_service.url) as running:
        yield running


@pytest_asyncio.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=30) as client:
        yield client
