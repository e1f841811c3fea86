"""workbook.verdict: the first line of a check cell's output says where the learner stands."""

import pytest

from workbook.verdict import CheckResult, ResultCollector, colour, verdict_line

pytestmark = pytest.mark.course

PASSED = CheckResult("test_an_empty_order_costs_nothing")
FAILED = CheckResult(
    "test_the_total_is_rounded_to_cents", "failed", "assert 0.30000000000000004 == 0.3"
)
STUB = CheckResult(
    "test_each_item_counts", "failed", "NotImplementedError: Exercise 0.1: The total"
)


def test_all_checks_passing_reads_passed_with_the_count():
    assert verdict_line("3.2", [PASSED, PASSED, PASSED], 0) == "✓ Exercise 3.2 passed (3 checks)"
    assert verdict_line("3.2", [PASSED], 0) == "✓ Exercise 3.2 passed (1 check)"


def test_a_failing_check_is_named_with_its_message():
    assert verdict_line("3.2", [PASSED, FAILED, PASSED], 1) == (
        "✗ Exercise 3.2: 1 of 3 checks fail — test_the_total_is_rounded_to_cents: "
        "assert 0.30000000000000004 == 0.3"
    )


def test_a_stub_that_still_raises_reads_not_started():
    assert verdict_line("0.1", [STUB, STUB], 1).startswith("✗ Exercise 0.1: not started yet")


def test_a_half_done_exercise_is_not_called_not_started():
    line = verdict_line("0.1", [STUB, FAILED], 1)
    assert line.startswith(
        "✗ Exercise 0.1: 2 of 2 checks fail — test_each_item_counts: NotImplementedError"
    )


def test_the_verdict_follows_the_exit_code_not_only_the_outcomes():
    # pytest failed (an internal error, an interrupt) although no test reported a failure
    assert verdict_line("1.1", [PASSED], 2).startswith("✗ Exercise 1.1: the checks did not finish")
    assert verdict_line("1.1", [], 5) == "✗ Exercise 1.1: no checks ran (pytest exit code 5)"


def test_tests_that_cannot_load_are_reported():
    line = verdict_line("1.1", [], 2, ["NameError: name 'pytest' is not defined"])
    assert (
        line
        == "✗ Exercise 1.1: the checks could not be loaded — NameError: name 'pytest' is not defined"
    )


def test_a_skipped_check_is_not_counted_as_passed():
    skipped = CheckResult("test_needs_rabbitmq", "skipped", "RabbitMQ is not running")
    assert verdict_line("4.1", [PASSED, skipped], 0) == (
        "✓ Exercise 4.1 passed (1 check; 1 skipped — test_needs_rabbitmq: RabbitMQ is not running)"
    )


def test_colour_marks_passes_green_and_failures_red():
    assert colour("✓ Exercise 1.1 passed (1 check)").startswith("\x1b[1m\x1b[32m")
    assert colour("✗ Exercise 1.1: not started yet").startswith("\x1b[1m\x1b[31m")


def test_the_collector_keeps_each_tests_outcome_and_first_failure_line(tmp_path):
    (tmp_path / "test_sample.py").write_text(
        "def test_ok():\n    assert 1 + 1 == 2\n\n"
        "def test_wrong():\n    total = 6.5\n    assert total == 6.0, 'the total counts each item once'\n\n"
        "def test_stub():\n    raise NotImplementedError('Exercise 9.1: Sample')\n"
    )
    collector = ResultCollector()
    exit_code = pytest.main(
        ["-q", "-p", "no:cacheprovider", "-p", "no:asyncio", str(tmp_path)], plugins=[collector]
    )
    results = collector.results
    assert exit_code == 1
    assert [r.outcome for r in results.values()] == ["passed", "failed", "failed"]
    assert results["test_wrong"].message == "the total counts each item once"
    assert results["test_stub"].not_started and not results["test_wrong"].not_started
