"""Summaries of a ``workbook.suite_metrics`` report: pure functions over its tests.

A report is the JSON the plugin wrote (``load(path)``); every function below takes its
``tests`` list (or the reports themselves, for ``flaky``) and returns plain data, so a
notebook, a CI step and a unit test can all use them::

    tests = load("reports/metrics-unit.json")["tests"]
    by_layer(tests)["unit"]  -> {"total": 70, "passed": 70, ..., "seconds": 3.2, ...}
    by_layer_and_service(tests)["unit"]["users"]
    slowest(tests, 5)
    flaky(report)              # passed only after a rerun
    flaky(run_1, run_2, run_3) # and outcomes that differ between runs
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from workbook.suite_metrics import SERVICES
from workbook.table import print_table

OUTCOMES = ("passed", "failed", "error", "skipped", "xfailed", "xpassed")
NO_SERVICE = "none"  # tests of the course's tooling are about no service
# Bottom of the pyramid first, for tables and plots; the plugin's LAYERS is precedence order.
PYRAMID_ORDER = (
    "unit",
    "integration",
    "contract",
    "e2e",
    "ui",
    "reliability",
    "performance",
    "security",
    "provisioning",
    "course",
    "grading",
)


def load(path) -> dict:
    """A report as the plugin wrote it."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def summarise(tests: list[dict]) -> dict:
    """Counts per outcome, total time, and the share of the tests that ran which passed.

    The seed's ``success_rate`` divides by every test, skipped ones included, and its
    per-service ``coverage`` is that same pass rate: here skips (and expected failures)
    do not count as runs, and coverage is left to coverage.py.
    """
    counts = {outcome: sum(test["outcome"] == outcome for test in tests) for outcome in OUTCOMES}
    ran = len(tests) - counts["skipped"] - counts["xfailed"]
    seconds = sum(test["duration_s"] for test in tests)
    return {
        "total": len(tests),
        **counts,
        "reruns": sum(test["reruns"] for test in tests),
        "seconds": round(seconds, 6),
        "average_s": round(seconds / len(tests), 6) if tests else 0.0,
        "pass_rate": round(100 * counts["passed"] / ran, 1) if ran else None,
    }


def group_key(test: dict, key: str) -> str:
    """The test's layer or service, as a label (no service -> "none")."""
    return test[key] if test[key] is not None else NO_SERVICE


def by(tests: list[dict], key: str) -> dict[str, dict]:
    """``summarise`` per value of ``key`` ("layer" or "service"), layers in pyramid order."""
    groups = defaultdict(list)
    for test in tests:
        groups[group_key(test, key)].append(test)
    return {name: summarise(groups[name]) for name in sorted(groups, key=_order)}


def by_layer(tests: list[dict]) -> dict[str, dict]:
    return by(tests, "layer")


def by_service(tests: list[dict]) -> dict[str, dict]:
    return by(tests, "service")


def by_layer_and_service(tests: list[dict]) -> dict[str, dict[str, dict]]:
    """The seed's summary by type and by service in one table: layer -> service -> summary."""
    layers = defaultdict(list)
    for test in tests:
        layers[test["layer"]].append(test)
    return {layer: by_service(layers[layer]) for layer in sorted(layers, key=_order)}


def seed_summary(report: dict) -> dict:
    """The shape of the seed's ``generate_report``: summary, by_type, by_service, failed_tests."""
    tests = report["tests"]
    return {
        "summary": summarise(tests),
        "by_type": by_layer(tests),
        "by_service": by_service(tests),
        "failed_tests": [
            {
                "name": test["nodeid"],
                "service": group_key(test, "service"),
                "type": test["layer"],
                "error": test["message"],
            }
            for test in tests
            if test["outcome"] in ("failed", "error")
        ],
    }


def slowest(tests: list[dict], n: int = 10) -> list[dict]:
    """The n tests that cost the run most time, slowest first."""
    return sorted(tests, key=lambda test: test["duration_s"], reverse=True)[:n]


def flaky(*reports: dict) -> list[dict]:
    """Tests that passed only after a rerun, or whose outcome differed between the reports.

    One entry per test: {"nodeid", "outcomes": one per report (None: not in that run),
    "reruns": summed over the reports}. Skips are not outcomes of the code: a test skipped
    in one run and passed in another is not flaky.
    """
    seen: dict[str, list] = defaultdict(lambda: [None] * len(reports))
    reruns: dict[str, int] = defaultdict(int)
    for index, report in enumerate(reports):
        for test in report["tests"]:
            seen[test["nodeid"]][index] = test["outcome"]
            reruns[test["nodeid"]] += test["reruns"]
    found = []
    for nodeid, outcomes in seen.items():
        decided = {outcome for outcome in outcomes if outcome not in (None, "skipped", "collected")}
        if len(decided) > 1 or ("passed" in decided and reruns[nodeid] > 0):
            found.append({"nodeid": nodeid, "outcomes": outcomes, "reruns": reruns[nodeid]})
    return sorted(found, key=lambda entry: entry["nodeid"])


def _order(name: str):
    """Layers bottom-up, services as SERVICES lists them, then "none" and "unmarked"."""
    known = PYRAMID_ORDER + SERVICES
    return (known.index(name), "") if name in known else (len(known), name)


def main(paths: list[str]) -> int:
    """``python -m workbook.metrics_summary REPORT...``: tests and time per layer, and flaky tests."""
    reports = [load(path) for path in paths]
    tests = [test for report in reports for test in report["tests"]]
    rows = [
        (
            layer,
            s["total"],
            s["passed"],
            s["failed"] + s["error"],
            s["skipped"] + s["xfailed"],
            s["reruns"],
            f"{s['seconds']:.1f}",
        )
        for layer, s in by_layer(tests).items()
    ]
    print_table(("layer", "tests", "passed", "failed", "skipped", "reruns", "seconds"), rows)
    for entry in flaky(*reports):
        print(f"flaky: {entry['nodeid']} (outcomes {entry['outcomes']}, {entry['reruns']} reruns)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
