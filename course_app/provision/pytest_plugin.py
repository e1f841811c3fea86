"""pytest fixtures for real services: `postgres_service`, `rabbitmq_service`, `browser_info`.

Session-scoped: one PostgreSQL and one RabbitMQ per test run, shared by all tests
(tests isolate themselves with their own schema / queue prefix). When a service is
missing the tests that need it are skipped with the how-to-get-it message; CI sets
COURSE_REQUIRE_SERVICES=1 so that a missing service fails the run instead.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager
from typing import Callable, Iterator

import pytest

from course_app.provision import (
    BrowserInfo, ServiceHandle, ServiceUnavailable, find_browser, postgres, rabbitmq,
)


def services_required() -> bool:
    return os.environ.get("COURSE_REQUIRE_SERVICES", "") not in ("", "0", "false", "no")


def _missing(error: ServiceUnavailable) -> None:
    if services_required():
        pytest.fail(f"COURSE_REQUIRE_SERVICES=1 and {error}", pytrace=False)
    pytest.skip(str(error))


def _provide(service: Callable[[], AbstractContextManager[ServiceHandle]]):
    try:
        with service() as handle:
            yield handle
    except ServiceUnavailable as error:  # raised before the yield: the service is missing
        _missing(error)


@pytest.fixture(scope="session")
def postgres_service() -> Iterator[ServiceHandle]:
    yield from _provide(postgres)


@pytest.fixture(scope="session")
def rabbitmq_service() -> Iterator[ServiceHandle]:
    yield from _provide(rabbitmq)


@pytest.fixture(scope="session")
def browser_info() -> BrowserInfo:
    try:
        return find_browser()
    except ServiceUnavailable as error:
        _missing(error)
        raise  # unreachable: _missing always skips or fails
