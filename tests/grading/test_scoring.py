"""Scoring a check cell from what nbval recorded (no kernel needed)."""

from __future__ import annotations

import pytest

from coursekit.grading import models as m
from workbook.checkrun.nbval_record import KERNEL_DIED
from workbook.checkrun.runner import Limits, NotebookRun
from workbook.checkrun.status import check_status, failure_excerpt

pytestmark = pytest.mark.grading

LIMITS = Limits(cell_s=10, notebook_s=60)
FAILED_OUTPUT = (
    "\x1b[31mF\x1b[0m [100%]\n____ test_total ____\n"
    ">       assert order_total([]) == 0\n"
    "\x1b[1m\x1b[31mE       assert 3 == 0\x1b[0m\n"
    "E        +  where 3 = order_total([])\n"
    "1 failed in 0.10s\n"
)


def record(outcome="passed", stdout="1 passed in 0.01s\n", **extra):
    return {"cell": 0, "outcome": outcome, "stdout": stdout, "message": "", "error": "", **extra}


def test_first_lines_of_the_failing_assertion_without_colours():
    assert (
        failure_excerpt(record("failed", FAILED_OUTPUT))
        == "assert 3 == 0\n+  where 3 = order_total([])"
    )


def test_a_passing_check_must_show_passing_tests():
    assert check_status(record(), NotebookRun(), LIMITS) == (m.PASSED, "")
    # ipytest reconfigured with raise_on_error=False: no exception, but tests failed
    status, detail = check_status(record(stdout=FAILED_OUTPUT), NotebookRun(), LIMITS)
    assert status == m.FAILED and "no passing tests" in detail
    assert check_status(record(stdout=""), NotebookRun(), LIMITS)[0] == m.FAILED


@pytest.mark.parametrize(
    "rec, run, status",
    [
        (None, NotebookRun(timed_out=True), m.TIMEOUT),
        (None, NotebookRun(returncode=3), m.ERROR),
        (record("failed", "", timed_out=True), NotebookRun(), m.TIMEOUT),
        (record("failed", "", message=KERNEL_DIED), NotebookRun(), m.ERROR),
        (
            record("skipped", "", message="Kernel dead on test start", after_timeout=True),
            NotebookRun(),
            m.TIMEOUT,
        ),
        (record("failed", FAILED_OUTPUT), NotebookRun(), m.FAILED),
    ],
)
def test_status_of_a_check(rec, run, status):
    assert check_status(rec, run, LIMITS)[0] == status
