"""A pytest plugin that records what a test run measured, as one JSON report.

For every test: its layer and service (from its markers, never guessed from its path),
its outcome, its duration and how often pytest-rerunfailures reran it. Written once, at
the end of the session, by the process that ran pytest; under pytest-xdist the workers'
results reach it with their reports. Summaries of a report: ``workbook.metrics_summary``.

Loaded as ``-p workbook.suite_metrics --metrics-json=PATH``; without the option it does
nothing. One test in the report::

    {"nodeid": "tests/unit/users/test_domain.py::test_x", "layer": "unit",
     "markers": ["unit"], "service": "users", "outcome": "passed", "duration_s": 0.004,
     "call_s": 0.002, "reruns": 0, "worker": "gw1", "message": ""}

- ``layer``: the first of LAYERS among the test's markers ("unmarked" when none is).
  Tooling first, then the non-functional kinds, then the pyramid from the top: a test
  marked ``e2e`` and ``ui`` is a ``ui`` test, ``integration`` + ``reliability`` is
  ``reliability``, ``provisioning`` + ``ui`` is ``provisioning``.
- ``service``: the argument of the closest ``service`` marker, or null (course tooling).
- ``outcome``: passed, failed, error (setup or teardown failed), skipped, xfailed, xpassed;
  "collected" for every test of a ``--collect-only`` run.
- ``duration_s``: setup + call + teardown, of every attempt (what the test cost the run;
  a session fixture's start-up is paid by the first test that uses it). ``call_s``: the
  call phase of the last attempt, the test's own body.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

FORMAT = "workbook.suite_metrics/1"
LAYERS = (
    "course",
    "grading",
    "provisioning",
    "security",
    "performance",
    "reliability",
    "ui",
    "e2e",
    "contract",
    "integration",
    "unit",
)
SERVICES = ("users", "orders", "inventory", "webshop", "system")
UNMARKED = "unmarked"
# Labels of a report that carries none (a test lost with its xdist worker).
NO_LABELS = {"layer": UNMARKED, "markers": [], "service": None}


def pytest_addoption(parser):
    parser.getgroup("suite metrics").addoption(
        "--metrics-json",
        metavar="PATH",
        default=None,
        help="write each test's layer, service, outcome, duration and reruns to PATH (JSON)",
    )


def pytest_configure(config):
    path = config.getoption("metrics_json")
    if path and not hasattr(config, "workerinput"):  # an xdist worker only labels its reports
        recorder = Recorder(Path(config.invocation_params.dir, path), config.invocation_params.args)
        config.pluginmanager.register(recorder, "suite-metrics-recorder")


def labels_of(item: pytest.Item) -> dict:
    """{"layer", "markers", "service"} of a test, from its markers."""
    names = {mark.name for mark in item.iter_markers()}
    markers = [layer for layer in LAYERS if layer in names]
    service_mark = item.get_closest_marker("service")
    service = None
    if service_mark is not None:
        service = (service_mark.args or [service_mark.kwargs.get("name")])[0]
    return {"layer": markers[0] if markers else UNMARKED, "markers": markers, "service": service}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # A typo in a service name is an error of that test, reported like any other (also by
    # an xdist worker, where a usage error at collection would only crash the worker).
    service = labels_of(item)["service"]
    if (
        item.config.getoption("metrics_json")
        and item.get_closest_marker("service")
        and service not in SERVICES
    ):
        pytest.fail(
            f"unknown service {service!r} in @pytest.mark.service: use one of {', '.join(SERVICES)}",
            pytrace=False,
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if item.config.getoption("metrics_json"):
        report.suite_metrics = labels_of(item)  # plain data: xdist sends it to the controller
    return report


class Recorder:
    """Collects the reports of the run (from the workers, under xdist) and writes the JSON."""

    def __init__(self, path: Path, args) -> None:
        self.path, self.args = path, list(args)
        self.tests: dict[str, dict] = {}
        self.attempts: dict[str, dict] = {}  # nodeid -> {phase: report} of the current attempt
        self.started = time.perf_counter()

    def pytest_collection_finish(self, session):
        if session.config.option.collectonly:
            for item in session.items:
                self.tests[item.nodeid] = {
                    "nodeid": item.nodeid,
                    **labels_of(item),
                    "outcome": "collected",
                    "duration_s": 0.0,
                    "call_s": 0.0,
                    "reruns": 0,
                    "worker": None,
                    "message": "",
                }

    def pytest_runtest_logreport(self, report):
        test = self.tests.setdefault(
            report.nodeid,
            {
                "nodeid": report.nodeid,
                **getattr(report, "suite_metrics", dict(NO_LABELS)),
                "outcome": None,
                "duration_s": 0.0,
                "call_s": 0.0,
                "reruns": 0,
                "worker": getattr(report, "worker_id", None),
                "message": "",
            },
        )
        test["duration_s"] += report.duration
        attempt = self.attempts.setdefault(report.nodeid, {})
        if report.outcome == "rerun":  # pytest-rerunfailures: this attempt failed, another follows
            test["reruns"] += 1
            attempt.clear()
            return
        attempt["call" if report.when == "???" else report.when] = (
            report  # "???": xdist lost the worker
        )
        test["outcome"], test["message"] = outcome_of(attempt)
        if "call" in attempt:
            test["call_s"] = attempt["call"].duration

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session, exitstatus):
        tests = [
            {**test, "duration_s": round(test["duration_s"], 6), "call_s": round(test["call_s"], 6)}
            for test in self.tests.values()
        ]
        report = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "args": self.args,
            "exit_status": int(exitstatus),
            "wall_s": round(time.perf_counter() - self.started, 3),
            "tests": tests,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")

    def pytest_terminal_summary(self, terminalreporter):
        terminalreporter.write_line(f"suite metrics: {len(self.tests)} tests -> {self.path}")


def outcome_of(attempt: dict) -> tuple[str, str]:
    """(outcome, short message) of one attempt, from its setup/call/teardown reports."""
    setup, call, teardown = (attempt.get(phase) for phase in ("setup", "call", "teardown"))
    if setup is not None and not setup.passed:
        outcome = (
            ("xfailed" if hasattr(setup, "wasxfail") else "skipped") if setup.skipped else "error"
        )
        return outcome, message_of(setup)
    if call is None:
        return "error", message_of(teardown) if teardown is not None and teardown.failed else ""
    if call.passed:
        outcome = "xpassed" if hasattr(call, "wasxfail") else "passed"
    elif call.skipped:
        outcome = "xfailed" if hasattr(call, "wasxfail") else "skipped"
    else:
        outcome = "failed"
    if teardown is not None and teardown.failed and outcome != "failed":
        return "error", message_of(teardown)
    return outcome, message_of(call) if outcome != "passed" else ""


def message_of(report) -> str:
    """The one line that says why: the crash message, the skip reason or the xfail reason."""
    if hasattr(report, "wasxfail"):
        return str(report.wasxfail)[:300]
    longrepr = report.longrepr
    if isinstance(longrepr, tuple):  # a skip: (path, line, reason)
        return str(longrepr[2])[:300]
    crash = getattr(longrepr, "reprcrash", None)
    text = crash.message if crash is not None else str(longrepr or "")
    return text.strip().splitlines()[0][:300] if text.strip() else ""
