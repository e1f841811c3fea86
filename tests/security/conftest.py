"""Fixtures for the security tests: the running system, an HTTP client, and accounts.

The system runs with the relaxed "test" rate-limit profile, so no check here is
disturbed by a 429; test_rate_limit.py starts its own system with the strict default
profile. Like the end-to-end tests it runs on free ports, on the session's PostgreSQL
and RabbitMQ, with a database and an exchange of its own.
"""

from collections.abc import Callable, Iterator

import httpx
import pytest

from course_app.system import RunningSystem
from workbook.attacks import Account, register


@pytest.fixture(scope="session")
def system(start_system) -> Iterator[RunningSystem]:
    with start_system() as running:
        yield running


@pytest.fixture(scope="session")
def urls(system: RunningSystem) -> dict[str, str]:
    return system.urls


@pytest.fixture(scope="session")
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10.0) as client:
        yield client


@pytest.fixture(scope="session")
def jwt_secret(system: RunningSystem) -> str:
    """The secret users signs tokens with (the launcher gives all services the same one).

    Only the JWT tests need it, to forge tokens that are wrong in exactly one way:
    expired but correctly signed, or signed correctly with a forbidden algorithm.
    """
    return system.jwt_secret


@pytest.fixture(scope="session")
def admin(http: httpx.Client, urls: dict[str, str], system: RunningSystem) -> Account:
    response = http.post(f"{urls['users']}/auth/token",
                         json={"email": system.admin.email, "password": system.admin.password})
    assert response.status_code == 200, response.text
    user = http.get(f"{urls['users']}/users/profile",
                    headers={"Authorization": f"Bearer {response.json()['access_token']}"})
    return Account(user.json(), system.admin.password, response.json()["access_token"])


@pytest.fixture
def make_account(http: httpx.Client, urls: dict[str, str]) -> Callable[..., Account]:
    """make_account(): a freshly registered customer with a password and a token."""
    return lambda **overrides: register(http, urls["users"], **overrides)


@pytest.fixture
def customer(make_account: Callable[..., Account]) -> Account:
    return make_account()
