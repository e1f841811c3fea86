"""coursekit timing: the slowest check cells against the wait a learner should have."""

from coursekit import timing


def test_check_cells_are_found_by_nbval_number_with_their_exercise():
    checks = timing.check_cells()
    assert "1.1" in checks["01_unit_tests_and_doubles.ipynb"].values()
    assert all(exercise.startswith("10.") for exercise in checks["10_performance.ipynb"].values())


def test_a_slow_check_in_the_first_notebooks_is_over_its_limit():
    checks = timing.check_cells()
    first = min(checks["00_welcome.ipynb"])
    locust = min(checks["10_performance.ipynb"])
    runs = {
        "solutions": {
            "00_welcome.ipynb": {first: {"seconds": 3.0}},
            "10_performance.ipynb": {locust: {"seconds": 9.0}},
        }
    }
    rows = {(row[0], row[2]): row for row in timing.slowest_checks(runs)}
    assert rows[("00_welcome.ipynb", "solutions")][-1] == "OVER BUDGET"  # 3 s > 2 s
    assert rows[("10_performance.ipynb", "solutions")][-1] == "ok"  # 9 s <= 30 s
    assert [row[3] for row in timing.slowest_checks(runs)] == ["9.0", "3.0"]  # slowest first
