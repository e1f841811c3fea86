"""workbook.mutants: planted bugs swapped in and out, and a test file judged by coverage and by them."""

import importlib
import sys
import textwrap

import pytest

from workbook.mutants import Mutant, run_suite, swapped_in

MODULE = """
def shipping(total):
    if total >= 50:
        return 0
    return 5
"""

GOOD_SUITE = """
from shop_rules import shipping


def test_free_from_50():
    assert shipping(50) == 0


def test_paid_below_50():
    assert shipping(49.99) == 5
"""

HOLLOW_SUITE = """
from shop_rules import shipping


def test_runs_both_branches():
    shipping(50)
    shipping(10)
"""

HALF_SUITE = """
from shop_rules import shipping


def test_free_from_50():
    assert shipping(50) == 0
"""


@pytest.fixture
def shop_rules(tmp_path, monkeypatch):
    package_dir = tmp_path / "src"
    package_dir.mkdir()
    (package_dir / "shop_rules.py").write_text(MODULE)
    monkeypatch.syspath_prepend(str(package_dir))
    sys.modules.pop("shop_rules", None)
    yield importlib.import_module("shop_rules")
    sys.modules.pop("shop_rules", None)


@pytest.fixture
def suite_file(tmp_path):
    folder = tmp_path / "tests"
    folder.mkdir()

    def write(source):
        path = folder / "test_shop_rules.py"
        path.write_text(textwrap.dedent(source))
        return path

    return write


def boundary_mutant(module):
    return Mutant("free from 51", module.shipping, ">= 50", "> 50")


def test_a_swapped_in_mutant_runs_in_place_of_the_real_code_and_is_put_back(shop_rules):
    shipping = shop_rules.shipping  # a name bound before the swap sees it too
    with swapped_in(boundary_mutant(shop_rules)):
        assert shipping(50) == 5
    assert shipping(50) == 0


def test_the_real_code_is_put_back_after_an_error(shop_rules):
    with pytest.raises(RuntimeError), swapped_in(boundary_mutant(shop_rules)):
        raise RuntimeError("a failing test")
    assert shop_rules.shipping(50) == 0


def test_a_snippet_that_is_not_in_the_function_is_refused(shop_rules):
    with pytest.raises(ValueError, match="exactly once"):
        Mutant("nothing", shop_rules.shipping, "total < 0", "total > 0").code()


def test_a_good_suite_passes_covers_everything_and_kills_the_mutant(shop_rules, suite_file):
    result = run_suite(suite_file(GOOD_SUITE), shop_rules, [boundary_mutant(shop_rules)])
    assert result.passed and result.coverage == 100 and result.survivors == []
    assert "shop_rules.py" in result.coverage_report


def test_a_suite_without_assertions_covers_everything_and_catches_nothing(shop_rules, suite_file):
    result = run_suite(suite_file(HOLLOW_SUITE), shop_rules, [boundary_mutant(shop_rules)])
    assert result.passed and result.coverage == 100
    assert result.survivors == ["free from 51"]


def test_a_missed_branch_lowers_the_coverage(shop_rules, suite_file):
    result = run_suite(suite_file(HALF_SUITE), shop_rules, [])
    assert result.passed and result.coverage < 90
    row = next(line for line in result.coverage_report.splitlines() if "shop_rules.py" in line)
    assert row.endswith("5")  # the line no test ran is listed as missing


def test_a_failing_suite_is_not_tried_on_mutants(shop_rules, suite_file):
    failing = GOOD_SUITE.replace("== 5", "== 6")
    result = run_suite(suite_file(failing), shop_rules, [boundary_mutant(shop_rules)])
    assert not result.passed and "1 failed" in result.report and result.survivors == []


def test_an_edited_file_is_read_afresh(shop_rules, suite_file):
    assert run_suite(suite_file(GOOD_SUITE), shop_rules, []).passed
    assert not run_suite(suite_file(GOOD_SUITE.replace("== 5", "== 6")), shop_rules, []).passed


def test_the_exercise_stub_is_reported_as_not_started(shop_rules, suite_file):
    stub = 'raise NotImplementedError("Exercise 2.6: Bring a module to 90 % line and branch coverage")\n'
    with pytest.raises(NotImplementedError, match="still the exercise's stub"):
        run_suite(suite_file(stub), shop_rules, [boundary_mutant(shop_rules)])
