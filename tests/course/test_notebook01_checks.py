"""Notebook 01's checks accept every answer their prompts allow and reject wrong ones.

The honesty checker proves each check fails on the stub and passes on *the* solution. This
runs the check cells themselves, with the notebook's planted bugs and broken services, on
other right answers (an injected clock, a plain ``TestCase``, a bare ``AsyncMock``,
``try``/``except`` instead of ``pytest.raises``) and on wrong ones, each a mistake its prompt
rules out. No kernel: the check's tests run in a pytest of their own, in a subprocess.
Also the two small tools the checks use: ``workbook.suite_shape`` and ``run_suite`` without
coverage.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import nbformat
import pytest

from coursekit import convention as cv
from coursekit.paths import REPO_ROOT
from workbook.mutants import Mutant, run_suite
from workbook.suite_shape import fixture_names, unittest_classes

pytestmark = pytest.mark.course

NOTEBOOK = REPO_ROOT / "solutions" / "01_unit_tests_and_doubles.ipynb"


def notebook_cells():
    return nbformat.read(NOTEBOOK, as_version=4).cells


def cell_starting(prefix: str) -> str:
    return next(c.source for c in notebook_cells() if c.source.startswith(prefix))


def solution(exercise: str) -> str:
    """The solution cell's code; for a ``%%writefile`` cell, the file it writes."""
    source = next(
        c.source for c in notebook_cells() if cv.is_solution(c) and cv.exercise_id(c) == exercise
    )
    return source.split("\n", 1)[1] if source.startswith("%%writefile") else source


def check_body(exercise: str) -> str:
    source = next(
        c.source for c in notebook_cells() if cv.is_check(c) and cv.exercise_id(c) == exercise
    )
    return source.split("\n", 1)[1]  # without %%ipytest


def from_solution(exercise: str, old: str, new: str) -> str:
    source = solution(exercise)
    assert source.count(old) == 1, f"{old!r} is no longer in the solution of {exercise}"
    return source.replace(old, new)


# ---- exercise 1.2: a unittest.TestCase, the clock pinned -------------------------------------

AGE_INJECTED_CLOCK_PLAIN_TESTCASE = """
import asyncio
import unittest
from datetime import UTC, datetime
from unittest.mock import AsyncMock, Mock

from course_app.common.clock import fixed_clock
from course_app.users.schemas import UserCreate
from course_app.users.service import UserService


class AgeAtSignUp(unittest.TestCase):
    def setUp(self):
        self.repository = Mock(add=AsyncMock())
        self.notifier = Mock(send_welcome_email=AsyncMock())

    def age_stored_on(self, day):
        service = UserService(self.repository, Mock(), self.notifier, Mock(),
                              clock=fixed_clock(datetime(2025, 6, day, tzinfo=UTC)))
        asyncio.run(service.create_user(UserCreate(name="Ada", email="ada@example.com",
                                                   birth_date="1990-06-15")))
        return self.repository.add.await_args.args[0].age

    def test_boundary(self):
        self.assertEqual(self.age_stored_on(14), 34)

    def test_birthday(self):
        self.assertEqual(self.age_stored_on(15), 35)
"""

AGE_PATCH_DECORATOR_AND_FAKES = """
import unittest
from datetime import UTC, datetime
from unittest.mock import create_autospec, patch

from course_app.common.cache import InMemoryCache
from course_app.users.fakes import FakeOrdersLookup, InMemoryUserRepository
from course_app.users.notifications import WelcomeNotifier
from course_app.users.schemas import UserCreate
from course_app.users.service import UserService


class TestSignUp(unittest.IsolatedAsyncioTestCase):
    def setUp(self):
        self.service = UserService(InMemoryUserRepository(), InMemoryCache(),
                                   create_autospec(WelcomeNotifier, instance=True), FakeOrdersLookup())

    @patch("course_app.common.clock.datetime")
    async def test_34_the_day_before(self, clock):
        clock.now.return_value = datetime(2025, 6, 14, 23, 59, tzinfo=UTC)
        user = await self.service.create_user(UserCreate(name="Ada", email="ada@example.com",
                                                         birth_date="1990-06-15"))
        self.assertEqual(user.age, 34)

    @patch("course_app.common.clock.datetime")
    async def test_35_on_the_day(self, clock):
        clock.now.return_value = datetime(2025, 6, 15, tzinfo=UTC)
        user = await self.service.create_user(UserCreate(name="Ada", email="ada@example.com",
                                                         birth_date="1990-06-15"))
        self.assertEqual(user.age, 35)
"""

AGE_PYTEST_FUNCTIONS = """
from datetime import UTC, datetime

import pytest

from course_app.common.cache import InMemoryCache
from course_app.common.clock import fixed_clock
from course_app.users.fakes import FakeOrdersLookup, InMemoryUserRepository, RecordingNotifier
from course_app.users.schemas import UserCreate
from course_app.users.service import UserService


@pytest.mark.asyncio
@pytest.mark.parametrize(("day", "age"), [(14, 34), (15, 35)])
async def test_the_age_a_sign_up_stores(day, age):
    service = UserService(InMemoryUserRepository(), InMemoryCache(), RecordingNotifier(),
                          FakeOrdersLookup(), clock=fixed_clock(datetime(2025, 6, day, tzinfo=UTC)))
    user = await service.create_user(UserCreate(name="Ada", email="ada@example.com",
                                                birth_date="1990-06-15"))
    assert user.age == age
"""

AGE_ANSWERS = {
    "right: the solution": ("pass", lambda: solution("1.2")),
    "right: an injected clock, a plain TestCase with asyncio.run": (
        "pass",
        lambda: AGE_INJECTED_CLOCK_PLAIN_TESTCASE,
    ),
    "right: @patch on each test, the fakes, the stored user's age": (
        "pass",
        lambda: AGE_PATCH_DECORATOR_AND_FAKES,
    ),
    "wrong: pytest functions, no TestCase": ("fail", lambda: AGE_PYTEST_FUNCTIONS),
    "wrong: only the birthday itself is checked": (
        "fail",
        lambda: from_solution(
            "1.2",
            "datetime(2025, 6, 14, tzinfo=UTC))\n"
            '        self.repository.add.assert_awaited_once_with(NewUser("Ada Lovelace", "ada@example.com", 34))',
            "datetime(2025, 6, 15, tzinfo=UTC))\n"
            '        self.repository.add.assert_awaited_once_with(NewUser("Ada Lovelace", "ada@example.com", 35))',
        ),
    ),
    "wrong: the clock is not pinned": (
        "fail",
        lambda: from_solution(
            "1.2",
            "mock_datetime.now.return_value = today",
            "mock_datetime.now.side_effect = datetime.now",
        ),
    ),
    "wrong: only that something was stored": (
        "fail",
        lambda: from_solution(
            "1.2",
            'self.repository.add.assert_awaited_once_with(NewUser("Ada Lovelace", "ada@example.com", 34))',
            "self.repository.add.assert_awaited_once()",
        ),
    ),
}

# ---- exercise 1.4: pytest fixtures with an AsyncMock -----------------------------------------

ORDERS_BARE_ASYNCMOCK_AND_ASYNC_FIXTURE = """
from unittest.mock import AsyncMock, Mock

import pytest
import pytest_asyncio

from course_app.common.cache import InMemoryCache
from course_app.users.domain import NewUser, UserNotFound
from course_app.users.fakes import InMemoryUserRepository, RecordingNotifier
from course_app.users.service import UserService

pytestmark = pytest.mark.asyncio


@pytest.fixture
def orders():
    return Mock(orders_of=AsyncMock(return_value=[{"id": "ORD-9"}]))


@pytest.fixture
def users():
    return InMemoryUserRepository()


@pytest_asyncio.fixture
async def grace(users):
    return await users.add(NewUser("Grace", "grace@example.com"))


@pytest.fixture
def service(users, orders):
    return UserService(users, InMemoryCache(), RecordingNotifier(), orders)


async def test_orders_of_a_known_user(service, orders, grace):
    assert await service.orders_of(grace.id) == [{"id": "ORD-9"}]
    assert orders.orders_of.await_args_list == [((grace.id,),)]


async def test_unknown(service, orders):
    try:
        await service.orders_of(12345)
    except UserNotFound:
        pass
    else:
        raise AssertionError("an unknown user must be UserNotFound")
    assert orders.orders_of.await_count == 0
"""

ORDERS_NO_FIXTURES = """
from unittest.mock import create_autospec

import pytest

from course_app.common.cache import InMemoryCache
from course_app.users.clients import OrdersLookup
from course_app.users.domain import NewUser, UserNotFound
from course_app.users.fakes import InMemoryUserRepository, RecordingNotifier
from course_app.users.service import UserService


def build():
    orders = create_autospec(OrdersLookup, instance=True)
    orders.orders_of.return_value = [{"id": "ORD-1"}]
    repository = InMemoryUserRepository()
    return UserService(repository, InMemoryCache(), RecordingNotifier(), orders), repository, orders


@pytest.mark.asyncio
async def test_known():
    service, repository, orders = build()
    user = await repository.add(NewUser("Ada", "ada@example.com"))
    assert await service.orders_of(user.id) == [{"id": "ORD-1"}]
    orders.orders_of.assert_awaited_once_with(user.id)


@pytest.mark.asyncio
async def test_unknown():
    service, _, orders = build()
    with pytest.raises(UserNotFound):
        await service.orders_of(999)
    orders.orders_of.assert_not_awaited()
"""

ORDERS_ANSWERS = {
    "right: the solution": ("pass", lambda: solution("1.4")),
    "right: a bare AsyncMock, an async fixture, pytestmark, try/except": (
        "pass",
        lambda: ORDERS_BARE_ASYNCMOCK_AND_ASYNC_FIXTURE,
    ),
    "wrong: no fixtures": ("fail", lambda: ORDERS_NO_FIXTURES),
    "wrong: never asks whether the orders service was asked": (
        "fail",
        lambda: from_solution("1.4", "    orders.orders_of.assert_not_awaited()\n", ""),
    ),
    "wrong: the stub answers an empty list": (
        "fail",
        lambda: from_solution(
            "1.4",
            '[{"id": "ORD-1", "status": "confirmed"}, {"id": "ORD-2", "status": "pending"}]',
            "[]",
        ),
    ),
    "wrong: only that the orders service was asked": (
        "fail",
        lambda: from_solution(
            "1.4",
            "assert await service.orders_of(user.id) == orders.orders_of.return_value",
            "await service.orders_of(user.id)",
        ),
    ),
}


def file_check_module(exercise: str, bugs_prefix: str, path_name: str, answer_path) -> str:
    """A check cell that runs a learner's test file, as a module: imports, path, bugs, tests."""
    return "\n".join(
        [
            "from pathlib import Path",
            "import pytest",
            "from course_app.users.domain import age_on",
            "from course_app.users.service import UserService",
            "from workbook.mutants import Mutant, run_suite",
            "from workbook.suite_shape import fixture_names, unittest_classes",
            f"{path_name} = Path({str(answer_path)!r})",
            cell_starting(bugs_prefix),
            check_body(exercise),
        ]
    )


def run_check(tmp_path, module: str) -> str:
    (tmp_path / "test_the_check.py").write_text(module)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "pytest_asyncio.plugin",
            "test_the_check.py",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONPATH": str(REPO_ROOT)},
    )
    return ("pass" if run.returncode == 0 else "fail"), run.stdout[-3000:] + run.stderr[-2000:]


# exercise -> (its answers, the cell that plants its bugs, the path variable, the file's name)
FILE_EXERCISES = {
    "1.2": (AGE_ANSWERS, "AGE_BUGS =", "AGE_TESTS", "test_sign_up_age.py"),
    "1.4": (ORDERS_ANSWERS, "ORDERS_BUGS =", "ORDERS_TESTS", "test_orders_of.py"),
}


@pytest.mark.parametrize(
    ("exercise", "name"),
    [(exercise, name) for exercise, (answers, *_) in FILE_EXERCISES.items() for name in answers],
)
def test_the_check_judges_the_test_file(exercise, name, tmp_path):
    answers, bugs_prefix, path_name, file_name = FILE_EXERCISES[exercise]
    expected, answer = answers[name]
    answer_path = tmp_path / "answer" / file_name
    answer_path.parent.mkdir()
    answer_path.write_text(answer())
    verdict, output = run_check(
        tmp_path, file_check_module(exercise, bugs_prefix, path_name, answer_path)
    )
    assert verdict == expected, f"{exercise}, {name}: the check said {verdict}\n{output}"


# ---- exercise 1.3: a taken email, with the fakes ---------------------------------------------

TAKEN_EMAIL_TRY_EXCEPT = """
async def verify_taken_email(service_class):
    service = service_with_fakes(service_class)
    first = await service.create_user(UserCreate(name="Grace Hopper", email="grace@example.com"))
    try:
        await service.create_user(UserCreate(name="Someone Else", email="grace@example.com", age=40))
    except EmailAlreadyRegistered:
        pass
    else:
        raise AssertionError("a taken email must be refused")
    assert (await service.get_user(first.id)).name == "Grace Hopper"
    assert len(service.notifier.sent) == 1 and service.notifier.sent[0] == first.email
"""

TAKEN_EMAIL_ANSWERS = {
    "right: the solution": ("pass", lambda: solution("1.3")),
    "right: try/except, comparing fields": ("pass", lambda: TAKEN_EMAIL_TRY_EXCEPT),
    "wrong: the notifier is never looked at": (
        "fail",
        lambda: from_solution("1.3", "    assert service.notifier.sent == [email]\n", ""),
    ),
    "wrong: the refusal is not required": (
        "fail",
        lambda: from_solution(
            "1.3",
            "    with pytest.raises(EmailAlreadyRegistered):\n"
            '        await service.create_user(UserCreate(name="Ada Impostor", email=email))\n',
            "",
        ),
    ),
}


def fakes_check_module(answer: str) -> str:
    """Check 1.3 as a module: the notebook's imports, helpers and services, then the answer."""
    imports = cell_starting("import inspect").split("\nfor name, parameter")[0]
    return "\n\n".join(
        [
            imports,
            cell_starting("def service_with_fakes"),
            cell_starting("class SilentUserService"),
            cell_starting("class CheckEmailFirstUserService"),
            cell_starting("class WelcomeBeforeSavingUserService"),
            answer,
            check_body("1.3"),
        ]
    )


@pytest.mark.parametrize("name", TAKEN_EMAIL_ANSWERS)
def test_check_1_3_judges_the_taken_email_test(name, tmp_path):
    expected, answer = TAKEN_EMAIL_ANSWERS[name]
    verdict, output = run_check(tmp_path, fakes_check_module(answer()))
    assert verdict == expected, f"{name}: the check said {verdict}\n{output}"


# ---- the tools the checks use ----------------------------------------------------------------

SHAPES = """
import unittest
import pytest
import pytest_asyncio
from unittest import IsolatedAsyncioTestCase


class TestA(unittest.TestCase):
    pass


class B(IsolatedAsyncioTestCase):
    pass


class TestNotACase:
    pass


@pytest.fixture
def plain():
    return 1


@pytest.fixture(scope="module")
def called():
    return 2


@pytest_asyncio.fixture
async def awaited():
    return 3


@pytest.mark.asyncio
async def test_not_a_fixture(plain):
    pass
"""


def test_suite_shape_finds_testcases_and_fixtures(tmp_path):
    path = tmp_path / "test_shapes.py"
    path.write_text(SHAPES)
    assert unittest_classes(path) == ["TestA", "B"]
    assert fixture_names(path) == ["plain", "called", "awaited"]


def test_suite_shape_of_a_stub_or_a_broken_file_is_empty(tmp_path):
    stub = tmp_path / "stub.py"
    stub.write_text('"""tests"""\n# YOUR CODE HERE\nraise NotImplementedError("Exercise 1.2: x")\n')
    broken = tmp_path / "broken.py"
    broken.write_text("class TestA(unittest.TestCase:\n")
    for path in (stub, broken, tmp_path / "missing.py"):
        assert unittest_classes(path) == [] and fixture_names(path) == []


def test_run_suite_without_a_module_measures_nothing_and_still_judges(tmp_path):
    rules = tmp_path / "rules_for_01.py"
    rules.write_text("def double(n):\n    return n * 2\n")
    sys.path.insert(0, str(tmp_path))
    try:
        import rules_for_01
    finally:
        sys.path.remove(str(tmp_path))
    tests = tmp_path / "test_rules.py"
    tests.write_text(
        textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(tmp_path)!r})
        from rules_for_01 import double

        def test_double():
            assert double(3) == 6
        """)
    )
    bug = Mutant("adds instead", rules_for_01.double, "n * 2", "n + 2")
    harmless = Mutant("same value", rules_for_01.double, "n * 2", "2 * n")
    result = run_suite(tests, None, [bug, harmless])
    assert result.passed and result.coverage is None and result.coverage_report == ""
    assert result.survivors == ["same value"]
