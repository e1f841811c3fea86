"""Notebook 07's checks accept every answer their prompts allow and reject wrong ones.

The honesty checker proves each check fails on the stub and passes on *the* solution. Here
the check cells themselves run (taken from the notebook) on other answers:

- exercise 7.2 (a journey of the learner's choice): a right journey for each of the four
  the notebook lists, in several spellings, passes; journeys that leave part of the promise
  unchecked, or declare another journey than they test, fail. The check's first test needs
  the running system; it is left out here (the notebook's own run covers it), the shop in
  this process is the real services' code, so what passes there passes on the system too.
- exercise 7.3 (the hook that attaches the logs): right hooks (the solution, an old-style
  hookwrapper, logs in the failure's text) pass; wrong ones (logs on a passing test, the
  whole log, one service, a crash on a test without the system) fail. A fake system stands
  in: four tiny HTTP servers, each keeping an access log.

And the in-process shop itself: it settles orders like the system, each fault breaks what
it says, and it leaves argon2's costs as they were.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import nbformat
import pytest

from course_app.common import security
from coursekit import convention as cv
from coursekit.paths import REPO_ROOT
from workbook.shop_in_process import JOURNEYS, faults_of, shop_in_process
from workbook.testing import new_product, new_user, order_for

pytestmark = pytest.mark.course

NOTEBOOK = REPO_ROOT / "solutions" / "07_api_end_to_end.ipynb"


def cells():
    return nbformat.read(NOTEBOOK, as_version=4).cells


def cell_of(exercise: str, kind) -> str:
    return next(cell.source for cell in cells() if kind(cell) and cv.exercise_id(cell) == exercise)


def without_markers(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if "### " not in line)


def verdicts(
    tmp_path, modules: dict[str, str], *args: str, failing_test: str | None = None
) -> tuple[dict[str, str], str]:
    """Run every module (name -> source) in one pytest run: name -> "pass" or "fail", and the output.

    With ``failing_test``, "fail" means: that test failed and every other one passed
    (anything else is "broken": the answer failed for a reason the check does not name).

    One run, not one per answer: starting pytest and importing the course takes seconds.
    """
    files = {}
    for number, (name, source) in enumerate(modules.items()):
        files[name] = f"test_answer_{number}"
        (tmp_path / f"{files[name]}.py").write_text(source)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    outcomes: dict[str, set[str]] = {}
    for line in run.stdout.splitlines():
        word, _, nodeid = line.partition(" ")
        if word in ("PASSED", "FAILED", "ERROR"):
            file, _, test = nodeid.split(" ")[0].partition(".py::")
            outcomes.setdefault(file, set()).add(word)
            outcomes.setdefault(f"{file}::{test}", set()).add(word)

    def verdict(file: str) -> str:
        if outcomes.get(file) == {"PASSED"}:
            return "pass"
        if (
            failing_test is None
            or outcomes.get(f"{file}::{failing_test}") == {"FAILED"}
            and (
                outcomes.get(file) == {"PASSED", "FAILED"}  # ... and every other test passed
            )
        ):
            return "fail"
        return "broken"

    output = run.stdout[-6000:] + run.stderr[-2000:]
    return {name: verdict(file) for name, file in files.items()}, output


def misjudged(expected: dict[str, tuple[str, object]], found: dict[str, str]) -> list[str]:
    return [
        f"{name}: the check said {found[name]}, it should {verdict}"
        for name, (verdict, _) in expected.items()
        if found[name] != verdict
    ]


# ---- exercise 7.2: the journey ----

REFUSED_NEW_CUSTOMER = """
async def my_journey(shop, admin):
    customer = await shop.register(new_user())
    product = await shop.add_product(new_product(quantity=3), admin)
    refused = await shop.place_order(order_for(customer.id, product["id"], 4), customer.token)
    assert refused.status_code == 400 and refused.json()["code"] == "INSUFFICIENT_INVENTORY"
    stock = await shop.product(product["id"])
    assert (stock["quantity"], stock["reserved"]) == (3, 0)
    assert (await shop.user_orders(customer.id, customer.token)).json() == []
"""

WHAT_IS_LEFT_ANY_REFUSAL = """
async def my_journey(shop, admin):
    customer = await shop.register(new_user())
    product = await shop.add_product(new_product(quantity=5), admin)
    first = await shop.place_order(order_for(customer.id, product["id"], 2), customer.token)
    assert (await shop.wait_until_settled(first.json()["id"], customer.token))["status"] == "confirmed"
    too_many = await shop.place_order(order_for(customer.id, product["id"], 4), customer.token)
    if too_many.status_code == 201:  # refused later by inventory: also "not confirmed"
        assert (await shop.wait_until_settled(too_many.json()["id"], customer.token))["status"] == "rejected"
    else:
        assert too_many.status_code == 400, too_many.text
    rest = await shop.place_order(order_for(customer.id, product["id"], 3), customer.token)
    assert rest.status_code == 201, rest.text
    assert (await shop.wait_until_settled(rest.json()["id"], customer.token))["status"] == "confirmed"
"""

WHAT_IS_LEFT_FROM_ZERO = """
async def my_journey(shop, admin):
    customer = await shop.register(new_user())
    product = await shop.add_product(new_product(quantity=4), admin)
    assert (await shop.place_order(order_for(customer.id, product["id"], 5), customer.token)).status_code == 400
    rest = await shop.place_order(order_for(customer.id, product["id"], 4), customer.token)
    assert (await shop.wait_until_settled(rest.json()["id"], customer.token))["status"] == "confirmed"
    assert (await shop.product(product["id"]))["quantity"] == 0
"""

STOCK_AFTER_THREE = """
async def my_journey(shop, admin):
    customer = await shop.register(new_user())
    product = await shop.add_product(new_product(quantity=10), admin)
    for quantity in (1, 2, 3):
        placed = await shop.place_order(order_for(customer.id, product["id"], quantity), customer.token)
        assert (await shop.wait_until_settled(placed.json()["id"], customer.token))["status"] == "confirmed"
    stock = await shop.product(product["id"])
    assert (stock["quantity"], stock["reserved"]) == (4, 6)
"""

STOCK_AFTER_TWO_OF_ONE = """
async def my_journey(shop, admin):
    customer = await shop.register(new_user())
    product = await shop.add_product(new_product(quantity=7), admin)
    for _ in range(2):
        placed = await shop.place_order(order_for(customer.id, product["id"]), customer.token)
        await shop.wait_until_settled(placed.json()["id"], customer.token)
    assert (await shop.product(product["id"]))["quantity"] == 5
"""


MINE = """
async def my_journey(shop, admin):
    alice, bob = await shop.register(new_user()), await shop.register(new_user())
    product = await shop.add_product(new_product(quantity=3), admin)
    placed = await shop.place_order(order_for(alice.id, product["id"]), alice.token)
    assert placed.status_code == 201, placed.text
    order_id = placed.json()["id"]
    assert (await shop.get_order(order_id, alice.token)).status_code == 200
    seen = await shop.get_order(order_id, bob.token)
    missing = await shop.get_order("ORD-NO-SUCH-ORDER", bob.token)
    assert (seen.status_code, seen.json()) == (404, missing.json())
    assert (await shop.list_orders(bob.token, user_id=alice.id)).status_code == 403
"""

MINE_LISTS_UNCHECKED = MINE.replace(
    "    assert (await shop.list_orders(bob.token, user_id=alice.id)).status_code == 403\n", ""
)
assert MINE_LISTS_UNCHECKED != MINE


def solution_journey() -> tuple[str, str]:
    source = without_markers(cell_of("7.2", cv.is_solution))
    namespace: dict = {}
    exec(source.split("async def", 1)[0], namespace)  # MY_JOURNEY = ...
    return namespace["MY_JOURNEY"], source.split("\n\n\n", 1)[1]


def drop(source: str, line: str) -> str:
    assert line in source, f"the journey changed: {line!r} is gone"
    return source.replace(line, "")


JOURNEY_ANSWERS = {
    "right: the solution": ("pass", solution_journey),
    "right: refused, a new customer's history stays empty": (
        "pass",
        lambda: ("refused-order-changes-nothing", REFUSED_NEW_CUSTOMER),
    ),
    "right: what is left, refused now or rejected later": (
        "pass",
        lambda: ("what-is-left-can-be-bought", WHAT_IS_LEFT_ANY_REFUSAL),
    ),
    "right: what is left, the whole stock": (
        "pass",
        lambda: ("what-is-left-can-be-bought", WHAT_IS_LEFT_FROM_ZERO),
    ),
    "right: stock after three orders of 1, 2 and 3": (
        "pass",
        lambda: ("stock-after-confirmed-orders", STOCK_AFTER_THREE),
    ),
    "right: stock after two orders of one unit": (
        "pass",
        lambda: ("stock-after-confirmed-orders", STOCK_AFTER_TWO_OF_ONE),
    ),
    "right: my orders are mine": ("pass", lambda: ("my-orders-are-mine", MINE)),
    "wrong: my orders are mine, lists unchecked": (
        "fail",
        lambda: ("my-orders-are-mine", MINE_LISTS_UNCHECKED),
    ),
    "wrong: refused, the history unchecked": (
        "fail",
        lambda: (
            "refused-order-changes-nothing",
            drop(
                REFUSED_NEW_CUSTOMER,
                "    assert (await shop.user_orders(customer.id, customer.token)).json() == []\n",
            ),
        ),
    ),
    "wrong: refused, the stock unchecked": (
        "fail",
        lambda: (
            "refused-order-changes-nothing",
            drop(
                REFUSED_NEW_CUSTOMER,
                '    assert (stock["quantity"], stock["reserved"]) == (3, 0)\n',
            ),
        ),
    ),
    "wrong: what is left, the refusal unchecked": (
        "fail",
        lambda: (
            "what-is-left-can-be-bought",
            drop(
                WHAT_IS_LEFT_FROM_ZERO,
                '    assert (await shop.place_order(order_for(customer.id, product["id"], 5), '
                "customer.token)).status_code == 400\n",
            ),
        ),
    ),
    "wrong: stock after one order": (
        "fail",
        lambda: (
            "stock-after-confirmed-orders",
            STOCK_AFTER_TWO_OF_ONE.replace("range(2)", "range(1)").replace("== 5", "== 6"),
        ),
    ),
    "wrong: stock after orders, only their status checked": (
        "fail",
        lambda: (
            "stock-after-confirmed-orders",
            drop(
                STOCK_AFTER_THREE, '    assert (stock["quantity"], stock["reserved"]) == (4, 6)\n'
            ),
        ),
    ),
    "wrong: declares another journey than it tests": (
        "fail",
        lambda: ("stock-after-confirmed-orders", REFUSED_NEW_CUSTOMER),
    ),
}


def journey_module(journey: str, scenario: str) -> str:
    return "\n".join(
        [
            "import pytest",
            "from course_app.shop_client import AsyncShopClient",
            "from workbook.shop_in_process import faults_of, shop_in_process",
            "from workbook.testing import new_product, new_user, order_for",
            f"MY_JOURNEY = {journey!r}",
            scenario,
            cell_of("7.2", cv.is_check).split("\n", 1)[1],  # without %%ipytest
        ]
    )


def test_the_journey_check_judges_every_answer(tmp_path):
    modules = {name: journey_module(*answer()) for name, (_, answer) in JOURNEY_ANSWERS.items()}
    found, output = verdicts(
        tmp_path,
        modules,
        "-k",
        "not running_system",  # needs the system; the notebook's run covers it
        "-o",
        "asyncio_default_fixture_loop_scope=function",
        failing_test="test_your_journey_fails_where_its_promise_is_broken",
    )
    wrong = misjudged(JOURNEY_ANSWERS, found)
    assert not wrong, "\n".join(wrong) + "\n" + output


def test_every_journey_has_faults_and_an_unknown_name_is_named():
    assert all(JOURNEYS[name].faults for name in JOURNEYS)
    with pytest.raises(KeyError, match="pick one of"):
        faults_of("the-happy-path")


def test_the_shop_in_process_keeps_the_systems_rules_and_leaves_argon2_as_it_was():
    hasher = security._hasher

    async def journey():
        async with shop_in_process() as (shop, admin):
            assert security._hasher is not hasher  # cheap while the shop runs
            customer = await shop.register(new_user())
            product = await shop.add_product(new_product(price=2.5, quantity=3), admin)
            placed = await shop.place_order(
                order_for(customer.id, product["id"], 2), customer.token
            )
            assert placed.status_code == 201 and placed.json()["status"] == "pending"
            assert (await shop.order(placed.json()["id"], customer.token))["status"] == "confirmed"
            refused = await shop.place_order(
                order_for(customer.id, product["id"], 2), customer.token
            )
            assert refused.json()["code"] == "INSUFFICIENT_INVENTORY"
            assert (await shop.create_product(new_product(), customer.token)).status_code == 403
            history = (await shop.user_orders(customer.id, customer.token)).json()
            assert [order["id"] for order in history] == [placed.json()["id"]]

    asyncio.run(journey())
    assert security._hasher is hasher


# ---- exercise 7.3: the hook ----

FAKE_SYSTEM = '''
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeSystem:
    """Four "services" on free ports, each logging one access line per request, as uvicorn does."""

    def __init__(self):
        self.lines, self.urls = {}, {}
        for name in ("users", "inventory", "orders", "webshop"):
            log = self.lines[name] = [f"INFO:     {name} started"] * 5

            class Handler(BaseHTTPRequestHandler):
                def do_GET(self, log=log):
                    log.append(f'INFO:     127.0.0.1 - "GET {self.path} HTTP/1.1" 404 Not Found')
                    self.send_response(404)
                    self.end_headers()

                def log_message(self, *args):
                    pass

            server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.urls[name] = f"http://127.0.0.1:{server.server_port}"

    def logs(self, name):
        return "\\n".join(self.lines[name])

    def log_tail(self, name, lines=20):
        return "\\n".join(self.lines[name][-lines:])


system = FakeSystem()
'''

OLD_STYLE_INTO_LONGREPR = """
import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    system = item.funcargs.get("system") if report.when == "call" else None
    if report.failed and system is not None:
        for name in system.urls:
            report.longrepr.addsection(f"{name} log", system.log_tail(name, 40))
"""


def solution_hook() -> str:
    return without_markers(cell_of("7.3", cv.is_solution).split("\n", 1)[1])


def from_hook(old: str, new: str) -> str:
    hook = solution_hook()
    assert old in hook, f"the solution changed: {old!r} is gone"
    return hook.replace(old, new)


HOOKS = {
    "right: the solution": ("pass", solution_hook),
    "right: an old-style hookwrapper, the logs in the failure's text": (
        "pass",
        lambda: OLD_STYLE_INTO_LONGREPR,
    ),
    "wrong: logs on a passing test too": (
        "fail",
        lambda: from_hook("if report.failed and system", "if system"),
    ),
    "wrong: the whole log": (
        "fail",
        lambda: from_hook("system.log_tail(name, LOG_LINES_ON_FAILURE)", "system.logs(name)"),
    ),
    "wrong: one service's log": (
        "fail",
        lambda: from_hook("for name in system.urls:", 'for name in ["orders"]:'),
    ),
    "wrong: crashes on a failing test without the system": (
        "fail",
        lambda: from_hook('getattr(item, "funcargs", {}).get("system")', 'item.funcargs["system"]'),
    ),
    "wrong: no hook": ("fail", lambda: '"""Nothing yet."""\n'),
}


def hook_module(conftest_path, check: str) -> str:
    return "\n".join(
        [
            "import pytest",
            "from pathlib import Path",
            'pytest_plugins = ["pytester"]',
            FAKE_SYSTEM,
            f"MY_CONFTEST = Path({str(conftest_path)!r})",
            check,
        ]
    )


def test_the_hook_check_judges_every_hook(tmp_path):
    check = cell_of("7.3", cv.is_check).split("\n", 1)[1]  # without %%ipytest -p pytester
    modules = {}
    for number, (name, (_, hook)) in enumerate(HOOKS.items()):
        conftest = tmp_path / f"hook_{number}.py"
        conftest.write_text(hook())
        modules[name] = hook_module(conftest, check)
    found, output = verdicts(tmp_path, modules)
    wrong = misjudged(HOOKS, found)
    assert not wrong, "\n".join(wrong) + "\n" + output
