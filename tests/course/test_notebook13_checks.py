"""Notebook 13's exercise 13.1 check accepts every plugin its prompt allows and rejects wrong ones.

The honesty checker proves the check fails on the stub and passes on *the* solution. This
runs the check cell itself (with the notebook's planted tests) on other right plugins — the
other hook, an old-style hook wrapper, the file written at the end of the session — and on
wrong ones, each a mistake the prompt rules out. No kernel: the check's tests run in a
pytest of their own, in a subprocess, with the plugin file in place of MY_PLUGIN.
"""

from __future__ import annotations

import os
import subprocess
import sys

import nbformat
import pytest

from coursekit import convention as cv
from coursekit.paths import REPO_ROOT

pytestmark = pytest.mark.course

NOTEBOOK = REPO_ROOT / "solutions" / "13_test_metrics.ipynb"

LOGREPORT = """
import json

LAYERS = ("unit", "integration", "contract", "e2e")
records = {}


def pytest_addoption(parser):
    parser.addoption("--layer-log")


def pytest_runtest_logreport(report):
    record = records.setdefault(report.nodeid, {
        "nodeid": report.nodeid, "outcome": "passed", "duration_s": 0.0,
        "layer": next((layer for layer in LAYERS if layer in report.keywords), "unknown")})
    record["duration_s"] += report.duration
    if report.failed:
        record["outcome"] = "failed"
    elif report.skipped and record["outcome"] == "passed":
        record["outcome"] = "skipped"


def pytest_sessionfinish(session):
    path = session.config.getoption("layer_log")
    if path:
        with open(path, "w") as log:
            log.writelines(json.dumps(record) + "\\n" for record in records.values())
"""

OLD_STYLE_WRAPPER = """
import json
import pytest

running = {}


def pytest_addoption(parser):
    parser.addoption("--layer-log", dest="layer_log")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    path = item.config.getoption("layer_log")
    if not path:
        return
    marker = next((m.name for m in item.iter_markers() if m.name in {"unit", "integration", "contract", "e2e"}), None)
    entry = running.setdefault(item.nodeid, {"nodeid": item.nodeid, "layer": marker or "unknown",
                                             "phases": [], "duration_s": 0})
    entry["duration_s"] += call.duration
    entry["phases"].append(report.outcome)
    if call.when == "teardown":
        phases = entry.pop("phases")
        entry["outcome"] = "failed" if "failed" in phases else "skipped" if "skipped" in phases else "passed"
        entry["worker"] = None  # extra keys are allowed
        with open(path, "a") as log:
            print(json.dumps(running.pop(item.nodeid)), file=log)
"""


def from_solution(old: str, new: str) -> str:
    plugin = solution_plugin()
    assert old in plugin, f"the solution changed: {old!r} is gone"
    return plugin.replace(old, new)


def solution_plugin() -> str:
    cell = next(
        cell for cell in notebook_cells() if cv.is_solution(cell) and cv.exercise_id(cell) == "13.1"
    )
    lines = cell.source.splitlines()[1:]  # without %%writefile
    return "\n".join(
        line
        for line in lines
        if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line
    )


def notebook_cells():
    return nbformat.read(NOTEBOOK, as_version=4).cells


PLUGINS = {
    "right: the solution": ("pass", lambda: solution_plugin()),
    "right: pytest_runtest_logreport, keywords, written at the end": ("pass", lambda: LOGREPORT),
    "right: an old-style hookwrapper, call.duration, extra keys": (
        "pass",
        lambda: OLD_STYLE_WRAPPER,
    ),
    "wrong: only the call phase is timed": (
        "fail",
        lambda: from_solution(
            'record["duration_s"] += report.duration',
            'record["duration_s"] += report.duration * (report.when == "call")',
        ),
    ),
    "wrong: a test without a marker is a unit test": (
        "fail",
        lambda: from_solution('"unknown")', '"unit")'),
    ),
    "wrong: the layer guessed from the path": (
        "fail",
        lambda: from_solution("if item.get_closest_marker(layer)", "if layer in str(item.path)"),
    ),
    "wrong: written after the call phase (a skipped test is lost)": (
        "fail",
        lambda: from_solution('if report.when == "teardown":', 'if report.when == "call":'),
    ),
    "wrong: one line per phase": (
        "fail",
        lambda: from_solution('if report.when == "teardown":', "if True:"),
    ),
    "wrong: a failed setup or call is not a failure": (
        "fail",
        lambda: from_solution('record["outcome"] = "failed"', "pass"),
    ),
    "wrong: durations in milliseconds": (
        "fail",
        lambda: from_solution(
            'record["duration_s"] += report.duration',
            'record["duration_s"] += 1000 * report.duration',
        ),
    ),
    "wrong: writes a default file without the option": (
        "fail",
        lambda: from_solution(
            'path = item.config.getoption("layer_log")',
            'path = item.config.getoption("layer_log") or "layers.jsonl"',
        ),
    ),
}


def check_module(plugin_path) -> str:
    """The check cell's tests as a module, with the notebook's planted tests and MY_PLUGIN."""
    cells = notebook_cells()
    check = next(cell for cell in cells if cv.is_check(cell) and cv.exercise_id(cell) == "13.1")
    planted = next(cell for cell in cells if cell.source.startswith("PLANTED_TESTS ="))
    return "\n".join(
        [
            "import json",
            "import shutil",
            "from pathlib import Path",
            'pytest_plugins = ["pytester"]',
            f"MY_PLUGIN = Path({str(plugin_path)!r})",
            planted.source,
            check.source.split("\n", 1)[1],
        ]
    )


@pytest.mark.parametrize("name", PLUGINS)
def test_the_check_judges_the_plugin(name, tmp_path):
    expected, plugin = PLUGINS[name]
    (tmp_path / "layer_log.py").write_text(plugin())
    (tmp_path / "test_check_12_1.py").write_text(check_module(tmp_path / "layer_log.py"))
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_check_12_1.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
    )
    verdict = "pass" if run.returncode == 0 else "fail"
    assert verdict == expected, (
        f"{name}: the check said {verdict}\n{run.stdout[-3000:]}{run.stderr[-2000:]}"
    )
