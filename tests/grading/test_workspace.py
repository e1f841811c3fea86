"""What a learner's throwaway copy of the course holds."""

import pytest

from workbook.checkrun import workspace

pytestmark = pytest.mark.grading


def test_the_copy_has_what_notebooks_run_and_no_solutions():
    copy = workspace.create("learner")
    try:
        repo = copy.root / "repo"
        # notebooks 10 and 13 run these; without them a solved notebook scores 0
        for needed in (
            "tests/performance/locustfile.py",
            "tests/performance/shapes.py",
            "tests/unit",
            "course_app/inventory/schema.sql",
            "notebooks",
        ):
            assert (repo / needed).exists(), needed
        assert not (repo / "solutions").exists()
    finally:
        copy.remove()
    assert not copy.root.exists() and not copy.private.exists()
