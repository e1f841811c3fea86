"""Fixtures for the security tests: the running system, HTTP and shop clients, and accounts.

The system runs with the relaxed "test" rate-limit profile, so no check here is
disturbed by a 429; test_rate_limit.py starts its own system with the strict default
profile. Like the end-to-end tests it runs on free ports, on the session's PostgreSQL
and RabbitMQ, with a database and an exchange of its own.
"""

from collections.abc import Callable, Iterator

import httpx
import pytest

from course_app.shop_client import Account, ShopClient
from course_app.system import RunningSystem
from workbook.testing import new_user


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
def shop(http: httpx.Client, urls: dict[str, str]) -> ShopClient:
    return ShopClient(urls, http=http)


@pytest.fixture(scope="session")
def admin(shop: ShopClient, system: RunningSystem) -> Account:
    return shop.log_in(system.admin.email, system.admin.password)


@pytest.fixture
def make_account(shop: ShopClient) -> Callable[..., Account]:
    """make_account(): a freshly registered customer with a password and a token."""
    return lambda **overrides: shop.register(new_user(**overrides))


@pytest.fixture
def customer(make_account: Callable[..., Account]) -> Account:
    return make_account()
