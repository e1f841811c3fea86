"""pytest fixtures for real services: `postgres_service`, `rabbitmq_service`, `browser_info`.

Session-scoped: one PostgreSQL and one RabbitMQ per test run, shared by all tests
(tests isolate themselves with their own schema / queue prefix). When a service is
missing the tests that need it are skipped with the how-to-get-it message; CI sets
COURSE_REQUIRE_SERVICES=1 so that a missing service fails the run instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest

from course_app.provision import (
    BrowserInfo,
    ServiceHandle,
    ServiceUnavailable,
    find_browser,
    postgres,
    rabbitmq,
)


def services_required() -> bool:
    return os.environ.get("COURSE_REQUIRE_SERVICES", "") not in ("", "0", "false", "no")


def skip_or_fail(reason: object) -> None:
    """Skip a test whose service is missing; fail it instead where services are required
    (COURSE_REQUIRE_SERVICES=1, as in CI), so a missing service never hides as a skip."""
    if services_required():
        pytest.fail(f"COURSE_REQUIRE_SERVICES=1 and {reason}", pytrace=False)
    pytest.skip(str(reason))


def _provide(service: Callable[[], AbstractContextManager[ServiceHandle]]):
    try:
        with service() as handle:
            yield handle
    except ServiceUnavailable as error:  # raised before the yield: the service is missing
        skip_or_fail(error)


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
        skip_or_fail(error)
        raise  # unreachable: skip_or_fail always skips or fails
