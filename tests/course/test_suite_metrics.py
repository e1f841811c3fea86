"""The suite-metrics plugin (workbook.suite_metrics) and the summaries of its report.

The plugin runs in pytest runs of planted test files (pytest's own ``pytester``), alone,
with pytest-xdist workers and with pytest-rerunfailures; the summaries run on records
written by hand, so each expected figure can be checked by reading the test.
"""

import json

import pytest

from workbook import metrics_summary as summary
from workbook.suite_metrics import LAYERS, SERVICES

pytestmark = pytest.mark.course
pytest_plugins = ["pytester"]

MARKERS = "\n".join(f"    {name}: a marker of the course" for name in (*LAYERS, "service(name): x"))

LABELLED = """
import pytest

pytestmark = [pytest.mark.unit, pytest.mark.service("users")]


def test_unit_of_users():
    pass


@pytest.mark.e2e
@pytest.mark.ui
@pytest.mark.service("webshop")
def test_ui_wins_over_e2e_and_the_closest_service_wins():
    pass


@pytest.mark.integration
@pytest.mark.reliability
def test_reliability_wins_over_integration():
    assert 1 + 1 == 3, "planted failure"


@pytest.mark.skip(reason="not today")
def test_skipped():
    pass


@pytest.mark.xfail(reason="known bug")
def test_expected_failure():
    assert False


@pytest.fixture
def database():
    raise ConnectionError("database down")


def test_needs_the_database(database):
    pass


@pytest.fixture
def leaky():
    yield
    raise RuntimeError("teardown broke")


def test_with_a_broken_teardown(leaky):
    pass
"""

UNLABELLED = """
def test_tooling():
    pass
"""

# Fails on its first attempt in a run, passes on the second: a counter file beside it.
FLAKY = """
import pathlib

import pytest

pytestmark = pytest.mark.unit
ATTEMPTS = pathlib.Path(__file__).with_name("attempts.txt")


def test_flaky():
    attempt = int(ATTEMPTS.read_text()) + 1 if ATTEMPTS.exists() else 1
    ATTEMPTS.write_text(str(attempt))
    assert attempt >= 2, "fails on its first attempt"


def test_always_fails():
    assert False, "broken"


def test_stable():
    pass
"""


@pytest.fixture
def suite(pytester, monkeypatch):
    """A pytester folder with the course's markers registered (and enforced).

    Plugins load only when a run names them (``-p``), as in CI's targeted runs: the
    installed ones (xdist, rerunfailures, ...) would otherwise load in every run.
    """
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makeini(
        f"[pytest]\naddopts = --strict-markers -p no:cacheprovider\nmarkers =\n{MARKERS}\n"
    )
    return pytester


def run_with_metrics(pytester, *args):
    """Run pytest in-process with the plugin; return (outcome of the run, the report's tests by name)."""
    result = pytester.runpytest(
        "-p", "workbook.suite_metrics", "--metrics-json=out/metrics.json", *args
    )
    report = json.loads((pytester.path / "out" / "metrics.json").read_text())
    assert report["format"] == "workbook.suite_metrics/1"
    return result, {test["nodeid"].split("::")[-1]: test for test in report["tests"]}


def test_layer_service_and_outcome_come_from_the_markers(suite):
    suite.makepyfile(test_labelled=LABELLED, test_tooling=UNLABELLED)
    _, tests = run_with_metrics(suite)

    labels = {
        name: (test["layer"], test["service"], test["outcome"]) for name, test in tests.items()
    }
    assert labels == {
        "test_unit_of_users": ("unit", "users", "passed"),
        "test_ui_wins_over_e2e_and_the_closest_service_wins": ("ui", "webshop", "passed"),
        "test_reliability_wins_over_integration": ("reliability", "users", "failed"),
        "test_skipped": ("unit", "users", "skipped"),
        "test_expected_failure": ("unit", "users", "xfailed"),
        "test_needs_the_database": ("unit", "users", "error"),
        "test_with_a_broken_teardown": ("unit", "users", "error"),
        "test_tooling": ("unmarked", None, "passed"),
    }
    assert tests["test_ui_wins_over_e2e_and_the_closest_service_wins"]["markers"] == [
        "ui",
        "e2e",
        "unit",
    ]
    assert "planted failure" in tests["test_reliability_wins_over_integration"]["message"]
    assert "database down" in tests["test_needs_the_database"]["message"]
    assert tests["test_skipped"]["message"].endswith("not today")
    assert tests["test_unit_of_users"]["message"] == ""


def test_duration_is_setup_call_and_teardown_and_call_s_the_body(suite):
    suite.makepyfile(
        test_slow="""
        import time
        import pytest

        @pytest.fixture
        def slow_fixture():
            time.sleep(0.1)
            yield
            time.sleep(0.1)

        def test_slow(slow_fixture):
            time.sleep(0.05)
    """
    )
    _, tests = run_with_metrics(suite)

    test = tests["test_slow"]
    # Sleeps never end early but may end late on a busy machine, so the figures are
    # bounded below only: the body slept 0.05 s, and the duration holds the body plus
    # the fixture's two 0.1 s sleeps (1 ms spared for rounding to microseconds).
    assert test["call_s"] >= 0.05
    assert test["duration_s"] - test["call_s"] >= 0.2 - 0.001


def test_collect_only_lists_every_test_with_its_labels(suite):
    suite.makepyfile(test_labelled=LABELLED)
    result, tests = run_with_metrics(suite, "--collect-only")

    assert result.ret == 0
    assert {test["outcome"] for test in tests.values()} == {"collected"}
    assert tests["test_ui_wins_over_e2e_and_the_closest_service_wins"]["layer"] == "ui"
    assert len(tests) == 7


@pytest.mark.parametrize(
    "workers", [[], ["-p", "xdist.plugin", "-n", "2"]], ids=["serial", "xdist"]
)
def test_an_unknown_service_name_is_an_error_of_that_test(suite, workers):
    suite.makepyfile(
        test_typo="""
        import pytest

        @pytest.mark.service("user")
        def test_typo():
            pass

        @pytest.mark.service("users")
        def test_right():
            pass
    """
    )
    result, tests = run_with_metrics(suite, *workers)

    result.assert_outcomes(passed=1, errors=1)
    assert tests["test_typo"]["outcome"] == "error"
    assert (
        "unknown service 'user' in @pytest.mark.service: use one of users,"
        in tests["test_typo"]["message"]
    )
    assert tests["test_right"]["outcome"] == "passed"


def test_without_the_option_the_plugin_writes_nothing(suite):
    suite.makepyfile(test_tooling=UNLABELLED)
    result = suite.runpytest("-p", "workbook.suite_metrics")

    assert result.ret == 0
    assert not list(suite.path.rglob("*.json"))


def test_results_of_xdist_workers_reach_the_controller(suite):
    suite.makepyfile(test_labelled=LABELLED, test_tooling=UNLABELLED)
    result, tests = run_with_metrics(suite, "-p", "xdist.plugin", "-n", "2")

    # pytest counts the test whose teardown broke twice: passed, and an error.
    result.assert_outcomes(passed=4, failed=1, skipped=1, xfailed=1, errors=2)
    assert len(tests) == 8
    assert {test["worker"] for test in tests.values()} <= {"gw0", "gw1"}
    # The labels were taken on the worker, where the markers are: they crossed with the report.
    assert tests["test_ui_wins_over_e2e_and_the_closest_service_wins"]["layer"] == "ui"
    assert tests["test_needs_the_database"]["outcome"] == "error"


@pytest.mark.parametrize(
    "workers", [[], ["-p", "xdist.plugin", "-n", "2"]], ids=["serial", "xdist"]
)
def test_reruns_are_counted_and_a_pass_after_a_rerun_is_flaky(suite, workers):
    suite.makepyfile(test_flaky=FLAKY)
    _, tests = run_with_metrics(suite, "-p", "pytest_rerunfailures", "--reruns", "2", *workers)

    assert (tests["test_flaky"]["outcome"], tests["test_flaky"]["reruns"]) == ("passed", 1)
    assert (tests["test_always_fails"]["outcome"], tests["test_always_fails"]["reruns"]) == (
        "failed",
        2,
    )
    assert (tests["test_stable"]["outcome"], tests["test_stable"]["reruns"]) == ("passed", 0)
    report = {"tests": list(tests.values())}
    assert [entry["nodeid"] for entry in summary.flaky(report)] == ["test_flaky.py::test_flaky"]


# ---- the summaries, on records written by hand ----


def record(name, layer="unit", service="users", outcome="passed", duration_s=0.1, reruns=0):
    return {
        "nodeid": f"tests/test_x.py::{name}",
        "layer": layer,
        "markers": [layer],
        "service": service,
        "outcome": outcome,
        "duration_s": duration_s,
        "call_s": duration_s,
        "reruns": reruns,
        "worker": None,
        "message": "",
    }


TESTS = [
    record("a", duration_s=0.5),
    record("b", outcome="failed", duration_s=0.25),
    record("c", outcome="skipped", duration_s=0.0),
    record("d", layer="e2e", service="orders", duration_s=2.0),
    record("e", layer="course", service=None, duration_s=1.0, reruns=1),
]


def test_summarise_counts_outcomes_time_and_the_pass_rate_of_tests_that_ran():
    totals = summary.summarise(TESTS)

    assert (totals["total"], totals["passed"], totals["failed"], totals["skipped"]) == (5, 3, 1, 1)
    assert totals["seconds"] == pytest.approx(3.75)
    assert totals["average_s"] == pytest.approx(0.75)
    assert totals["pass_rate"] == 75.0  # 3 of the 4 that ran; the skip is not a run
    assert totals["reruns"] == 1
    assert summary.summarise([])["pass_rate"] is None


def test_groups_by_layer_bottom_up_and_by_service_with_none_for_tooling():
    assert list(summary.by_layer(TESTS)) == ["unit", "e2e", "course"]
    assert list(summary.by_service(TESTS)) == ["users", "orders", "none"]
    assert summary.by_layer(TESTS)["unit"]["total"] == 3


def test_layer_by_service_table_and_the_seed_shaped_summary():
    table = summary.by_layer_and_service(TESTS)
    assert {layer: set(services) for layer, services in table.items()} == {
        "unit": {"users"},
        "e2e": {"orders"},
        "course": {"none"},
    }
    assert table["e2e"]["orders"]["seconds"] == 2.0

    seed = summary.seed_summary({"tests": TESTS})
    assert set(seed) == {"summary", "by_type", "by_service", "failed_tests"}
    assert seed["failed_tests"] == [
        {"name": "tests/test_x.py::b", "service": "users", "type": "unit", "error": ""}
    ]


def test_slowest_first():
    assert [test["nodeid"][-1] for test in summary.slowest(TESTS, 3)] == ["d", "e", "a"]


def test_flaky_across_runs_ignores_skips_and_tests_missing_from_a_run():
    run_1 = {"tests": [record("steady"), record("wobbly"), record("skips"), record("new")]}
    run_2 = {
        "tests": [
            record("steady"),
            record("wobbly", outcome="failed"),
            record("skips", outcome="skipped"),
        ]
    }

    found = summary.flaky(run_1, run_2)
    assert found == [
        {"nodeid": "tests/test_x.py::wobbly", "outcomes": ["passed", "failed"], "reruns": 0}
    ]


def test_every_layer_and_service_has_a_place_in_the_order():
    assert set(summary.PYRAMID_ORDER) == set(LAYERS)
    assert summary.NO_SERVICE not in SERVICES
