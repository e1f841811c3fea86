"""Did a check pass? Read off what nbval recorded of its cell (``nbval_record``).

A check passes only when nbval ran its cell without an exception *and* the cell's pytest
output says tests passed and none failed: a notebook that reconfigured ipytest so that
failures stop raising still cannot pass a check. An exercise passes when every one of its
check cells does.
"""

from __future__ import annotations

import re

from workbook.checkrun.nbval_record import KERNEL_DIED
from workbook.checkrun.runner import Limits, NotebookRun

PASSED = "passed"
FAILED = "failed"
ERROR = "error"  # the check could not run: unreadable notebook, dead kernel...
TIMEOUT = "timeout"  # a cell or the whole notebook ran past its time limit

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
PASSED_SUMMARY = re.compile(r"\b\d+ passed\b")
FAILED_SUMMARY = re.compile(r"\b\d+ (failed|errors?)\b")
EXCERPT_LINES = 4


def plain(text: str) -> str:
    return ANSI.sub("", text or "")


def failure_excerpt(record: dict) -> str:
    """The first lines of the failing assertion (pytest's ``E`` lines), else the error."""
    stdout = plain(record.get("stdout", ""))
    lines = [line[1:].strip() for line in stdout.splitlines() if line.startswith("E ")]
    if lines:
        return "\n".join(list(dict.fromkeys(lines))[:EXCERPT_LINES])  # once per distinct line
    if record.get("error"):
        return plain(record["error"])
    message = [
        line.strip() for line in plain(record.get("message", "")).splitlines() if line.strip()
    ]
    return message[-1] if message else "the check cell failed"


def check_status(record: dict | None, run: NotebookRun, limits: Limits) -> tuple[str, str]:
    """Status and detail of one check cell."""
    if record is None:
        if run.timed_out:
            return (
                TIMEOUT,
                f"the notebook ran past its {limits.notebook_s:g} s limit before this check",
            )
        return ERROR, "the check never ran: " + (plain(run.output_tail) or "pytest stopped")
    message = plain(record.get("message", ""))
    if record.get("timed_out"):
        return TIMEOUT, f"the check ran past the {limits.cell_s:g} s cell limit"
    if KERNEL_DIED in message or "Kernel dead" in message:
        if record.get("after_timeout"):
            return TIMEOUT, "an earlier cell ran past its time limit and could not be interrupted"
        return (
            ERROR,
            "the kernel died before this check ran (a cell ended Python: os._exit, crash)",
        )
    if record["outcome"] == "passed":
        stdout = plain(record.get("stdout", ""))
        if PASSED_SUMMARY.search(stdout) and not FAILED_SUMMARY.search(stdout):
            return PASSED, ""
        return FAILED, "the check reported no passing tests (was ipytest reconfigured?)"
    if record.get("after_timeout"):
        return TIMEOUT, "an earlier cell ran past its time limit; then: " + failure_excerpt(record)
    return FAILED, failure_excerpt(record)


def exercise_status(
    checks: list[int], cells: list[int], run: NotebookRun, limits: Limits
) -> tuple[str, str, int | None]:
    """Status and detail of one exercise, and the check cell that decided it (None: passed).

    ``checks``: nbval's numbers of the exercise's check cells; ``cells``: of all its cells.
    """
    if not checks:
        return ERROR, "no check cell to run", None
    for number in checks:
        status, detail = check_status(run.records.get(number), run, limits)
        if status == PASSED:
            continue
        if any(run.records.get(cell, {}).get("timed_out") for cell in cells):
            return (
                TIMEOUT,
                f"a cell of this exercise ran past the {limits.cell_s:g} s cell limit",
                number,
            )
        return status, detail, number
    return PASSED, "", None
