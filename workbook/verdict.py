"""The verdict of a check cell: one line that says where the learner stands.

    ✓ Exercise 3.2 passed (3 checks)
    ✗ Exercise 3.2: 1 of 3 checks fail — test_name: the assertion's message
    ✗ Exercise 3.2: not started yet — ...

``ResultCollector`` is a pytest plugin that keeps each test's outcome while the check
runs; ``verdict_line`` turns the outcomes and pytest's exit code into the line. The
verdict follows the exit code, so it can never say ✓ for a cell that fails.
"""

from __future__ import annotations

from dataclasses import dataclass

PASSED_MARK, FAILED_MARK = "✓", "✗"
GREEN, RED, BOLD, RESET = "\x1b[32m", "\x1b[31m", "\x1b[1m", "\x1b[0m"
MESSAGE_CHARS = 160  # a verdict is one line: longer messages are cut
NOT_STARTED = "not started yet — put your answer in place of raise NotImplementedError"


@dataclass
class CheckResult:
    """One test of a check cell: its name, outcome and the first line of its failure."""

    name: str
    outcome: str = "passed"  # passed, failed or skipped
    message: str = ""

    @property
    def not_started(self) -> bool:
        return self.outcome == "failed" and self.message.startswith("NotImplementedError")


def crash_message(longrepr) -> str:
    """The first line of a failure: the assertion or the exception, without the noise."""
    crash = getattr(longrepr, "reprcrash", None)
    if crash is not None:
        text = crash.message
    elif isinstance(longrepr, tuple) and len(longrepr) == 3:  # a skip: (path, line, reason)
        text = str(longrepr[2])
    else:
        text = str(longrepr or "")
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = first.removeprefix("AssertionError: ").removeprefix("Skipped: ")
    return first if len(first) <= MESSAGE_CHARS else first[: MESSAGE_CHARS - 1] + "…"


class ResultCollector:
    """pytest plugin: the outcome of every test of one run, in the order they ran."""

    def __init__(self) -> None:
        self.results: dict[str, CheckResult] = {}
        self.load_errors: list[str] = []

    def pytest_runtest_logreport(self, report) -> None:
        name = report.nodeid.rsplit("::", 1)[-1]
        result = self.results.setdefault(name, CheckResult(name))
        if report.when == "call" or report.outcome != "passed":
            if result.outcome != "failed":  # a teardown error after a failure keeps the first
                result.outcome = report.outcome
                result.message = (
                    crash_message(report.longrepr) if report.outcome != "passed" else ""
                )

    def pytest_collectreport(self, report) -> None:
        if report.failed:
            self.load_errors.append(
                crash_message(report.longrepr) or "pytest could not load the tests"
            )


def verdict_line(
    exercise: str, results: list[CheckResult], exit_code: int, load_errors: list[str] = ()
) -> str:
    """The verdict, as plain text (``colour`` adds the terminal colours)."""
    label = f"Exercise {exercise}"
    failed = [r for r in results if r.outcome == "failed"]
    skipped = [r for r in results if r.outcome == "skipped"]
    if exit_code == 0 and results and not failed:
        ran = len(results) - len(skipped)
        counted = f"{ran} check{'s' if ran != 1 else ''}"
        if skipped:
            counted += f"; {len(skipped)} skipped — {skipped[0].name}: {skipped[0].message}"
        return f"{PASSED_MARK} {label} passed ({counted})"
    if load_errors:
        return f"{FAILED_MARK} {label}: the checks could not be loaded — {load_errors[0]}"
    if failed and all(r.not_started for r in failed):
        return f"{FAILED_MARK} {label}: {NOT_STARTED}"
    if failed:
        checks = "check fails" if len(results) == 1 else "checks fail"
        first = failed[0]
        return f"{FAILED_MARK} {label}: {len(failed)} of {len(results)} {checks} — {first.name}: {first.message}"
    if not results:
        return f"{FAILED_MARK} {label}: no checks ran (pytest exit code {exit_code})"
    return f"{FAILED_MARK} {label}: the checks did not finish (pytest exit code {exit_code})"


def colour(line: str) -> str:
    """Bold green for a pass, bold red otherwise: JupyterLab shows terminal colours."""
    tint = GREEN if line.startswith(PASSED_MARK) else RED
    return f"{BOLD}{tint}{line}{RESET}"
