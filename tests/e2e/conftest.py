"""Fixtures for the end-to-end tests: the whole system, started once per session.

It runs on free ports (never clashing with a system a learner has running), on the
session's PostgreSQL and RabbitMQ, with a database and an exchange of its own. Tests talk
to it through the course's shop client (``course_app.shop_client``). When a test in this
folder fails, the last lines of every service's log join its report.
"""

from collections.abc import Callable, Iterator

import pytest

from course_app.shop_client import Account, ShopClient
from course_app.system import RunningSystem
from workbook.testing import new_product, new_user

LOG_LINES_ON_FAILURE = 30
RUNNING_SYSTEM = pytest.StashKey[RunningSystem]()


@pytest.fixture(scope="session")
def system(request, start_system) -> Iterator[RunningSystem]:
    with start_system() as running:
        request.session.stash[RUNNING_SYSTEM] = running
        yield running
        del request.session.stash[RUNNING_SYSTEM]


@pytest.fixture(scope="session")
def api(system: RunningSystem) -> Iterator[ShopClient]:
    with ShopClient(system.urls) as client:
        yield client


@pytest.fixture(scope="session")
def admin(api: ShopClient, system: RunningSystem) -> Account:
    return api.log_in(system.admin.email, system.admin.password)


@pytest.fixture(scope="session")
def admin_token(admin: Account) -> str:
    return admin.token


@pytest.fixture
def customer(api: ShopClient) -> dict:
    """A freshly registered user: the API's answer plus its password and a token."""
    account = api.register(new_user())
    return {**account.user, "password": account.password, "token": account.token}


@pytest.fixture
def make_product(api: ShopClient, admin: Account) -> Callable[..., dict]:
    """Add a product with a unique id to the inventory: make_product(quantity=5)."""
    return lambda **overrides: api.add_product(new_product(**overrides), admin)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """On failure, attach the tail of each service's log: the why is usually there."""
    report = yield
    running = item.session.stash.get(RUNNING_SYSTEM, None)
    if report.failed and running is not None:
        for name in running.urls:
            report.sections.append(
                (
                    f"{name} log (last {LOG_LINES_ON_FAILURE} lines)",
                    running.log_tail(name, LOG_LINES_ON_FAILURE),
                )
            )
    return report
