"""pytest fixtures for real services: `postgres_service`, `rabbitmq_service`, `browser_info`.

Session-scoped: one PostgreSQL and one RabbitMQ per test run, shared by all tests
(tests isolate themselves with their own schema / queue prefix). When a service is
missing the tests that need it are skipped with the how-to-get-it message; CI sets
COURSE_REQUIRE_SERVICES=1 so that a missing service fails the run instead.

`--share-rabbitmq` (with `-p course_app.provision.pytest_plugin`) starts one RabbitMQ
before a run and hands it to every process the run starts, through COURSE_RABBITMQ_URL:
the notebook stage of `make test` gives it to the kernels of its nbval runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack

import pytest

from course_app.provision import (
    BrowserInfo,
    ServiceHandle,
    ServiceUnavailable,
    find_browser,
    postgres,
    rabbitmq,
)
from course_app.provision.rabbitmq import SPEC as RABBITMQ


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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--share-rabbitmq",
        action="store_true",
        help="start one RabbitMQ for the run and give its URL (COURSE_RABBITMQ_URL) to "
        "every process the run starts, e.g. the kernels of an nbval run",
    )


def pytest_configure(config: pytest.Config) -> None:
    # Only RabbitMQ: everything that uses it in a notebook declares exchanges and queues
    # of its own, so two notebooks running at once never meet there. A broker's start
    # costs seconds of CPU and wall time, paid once instead of per notebook. (PostgreSQL
    # is not shared: some notebooks create their tables in the server's one database.)
    if not config.getoption("share_rabbitmq") or hasattr(config, "workerinput"):
        return  # pytest-xdist's workers inherit the environment set here
    if os.environ.get(RABBITMQ.env_var):
        return  # a broker was given: that one is shared already
    broker = ExitStack()
    try:
        handle = broker.enter_context(rabbitmq())
    except ServiceUnavailable:
        return  # each notebook then says what is missing, as it does when run alone
    config.add_cleanup(broker.close)  # at the end, also after Ctrl-C
    os.environ[RABBITMQ.env_var] = handle.url
    config.add_cleanup(lambda: os.environ.pop(RABBITMQ.env_var, None))
