"""Fixtures for the end-to-end tests: the whole system, started once per session.

It runs on free ports (never clashing with a system a learner has running), on the
session's PostgreSQL and RabbitMQ, with a database and an exchange of its own. When a
test in this folder fails, the last lines of every service's log join its report.
"""

from collections.abc import Callable, Iterator

import pytest

from course_app.system import RunningSystem

from .client import CourseApi
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
def api(system: RunningSystem) -> Iterator[CourseApi]:
    client = CourseApi(system.urls)
    yield client
    client.close()


@pytest.fixture(scope="session")
def admin_token(api: CourseApi, system: RunningSystem) -> str:
    response = api.token(system.admin.email, system.admin.password)
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


@pytest.fixture
def customer(api: CourseApi) -> dict:
    """A freshly registered user: the API's answer plus its password and a token."""
    user = new_user()
    created = api.create_user(user)
    assert created.status_code == 201, created.text
    token = api.token(user["email"], user["password"])
    assert token.status_code == 200, token.text
    return {**created.json(), "password": user["password"],
            "token": token.json()["access_token"]}


@pytest.fixture
def make_product(api: CourseApi, admin_token: str) -> Callable[..., dict]:
    """Add a product with a unique id to the inventory: make_product(quantity=5)."""
    def make(**overrides: object) -> dict:
        product = new_product(**overrides)
        response = api.create_product(product, token=admin_token)
        assert response.status_code == 201, response.text
        return response.json()

    return make


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """On failure, attach the tail of each service's log: the why is usually there."""
    report = yield
    running = item.session.stash.get(RUNNING_SYSTEM, None)
    if report.failed and running is not None:
        for name in running.urls:
            report.sections.append(
                (f"{name} log (last {LOG_LINES_ON_FAILURE} lines)",
                 running.log_tail(name, LOG_LINES_ON_FAILURE)))
    return report
