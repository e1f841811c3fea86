"""A pytest plugin for nbval runs: record every cell, notice a dead kernel.

Grading scores exercises from these records, and the notebook stage of ``make test``
proves exercises honest from them without running any notebook a second time.

nbval reports a failed cell with its traceback only; the pytest output of an ``%%ipytest``
check cell (with the failing assertion) is in the cell's stdout, which nbval keeps on the
item. Grading needs both, even when the run is killed half-way (a notebook timeout), so
each cell is written and flushed as JSON lines as soon as it finishes.

nbval waits for a cell's reply for the whole cell timeout even when the kernel process
has died (``os._exit``); here the wait polls the kernel and gives up at once instead.

Loaded as ``-p workbook.checkrun.nbval_record --cell-record=FILE``. It ships to learners
with ``workbook``: their ``progress`` runs the checks as grading does.
"""

from __future__ import annotations

import json
import os
import time
from queue import Empty

import pytest

KERNEL_DIED = "the kernel died while running this cell (os._exit, a crash or out of memory)"
POLL_S = 0.5
AUTOLOAD_OFF = "PYTEST_DISABLE_PLUGIN_AUTOLOAD"


def pytest_addoption(parser):
    parser.addoption("--cell-record", default=None, help="JSON-lines file for cell results")


def pytest_configure(config):
    # The grader starts this pytest without plugin autoloading (it needs only nbval); the
    # learner's kernel, started later from this environment, must get the course's plugins.
    os.environ.pop(AUTOLOAD_OFF, None)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    item.grading_after_timeout = bool(getattr(item.parent, "timed_out", False))
    kernel = getattr(getattr(item, "parent", None), "kernel", None)
    if kernel is not None and not getattr(kernel, "grading_watched", False):
        _watch_for_death(kernel)


def _watch_for_death(kernel) -> None:
    original = kernel.get_message

    def get_message(stream, timeout=None):
        if stream != "shell" or timeout is None:
            return original(stream, timeout=timeout)
        deadline = time.monotonic() + float(timeout)
        while True:
            try:
                return original(stream, timeout=min(POLL_S, max(deadline - time.monotonic(), 0)))
            except Empty:
                if not kernel.is_alive():
                    raise RuntimeError(KERNEL_DIED) from None
                if time.monotonic() >= deadline:
                    raise

    kernel.get_message = get_message
    kernel.grading_watched = True


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    path = item.config.getoption("--cell-record")
    cell_num = getattr(item, "cell_num", None)
    if path is None or cell_num is None:
        return
    if call.when == "call" or (call.when == "setup" and report.outcome != "passed"):
        _append(path, _cell_record(item, report, cell_num))


def _cell_record(item, report, cell_num: int) -> dict:
    outputs = getattr(item, "test_outputs", None) or []
    return {
        "notebook": item.parent.path.name,
        "cell": cell_num,
        "outcome": report.outcome,
        "seconds": round(
            report.duration, 3
        ),  # passed / failed / skipped (an xfail counts as skipped)
        "message": report.longreprtext if report.outcome != "passed" else "",
        "stdout": "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream"),
        "error": next(
            (
                f"{o.get('ename')}: {o.get('evalue')}"
                for o in outputs
                if o.get("output_type") == "error"
            ),
            "",
        ),
        # nbval sets timed_out on the notebook when a cell hits the cell timeout.
        "after_timeout": getattr(item, "grading_after_timeout", False),
        "timed_out": bool(getattr(item.parent, "timed_out", False))
        and not getattr(item, "grading_after_timeout", False),
    }


def _append(path: str, record: dict) -> None:
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")
        out.flush()
