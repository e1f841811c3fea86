"""Notebook 15's exercise 15.2 check judges a workflow by what it does: it accepts the valid
ways of writing each requirement and rejects workflows that only look right.

The honesty checker proves the check fails on the stub and passes on *the* solution. This runs
the check cell itself on other workflows: right ones spelt differently (``${{ always() }}``,
branch coverage from this repository's configuration, ``-nauto`` instead of a matrix, the
maintained bandit action, ``github.ref_name``) and wrong ones (no coverage gate, a gate too low,
coverage of all of ``course_app``, reports lost on failure, a deploy that does not wait). No
kernel: the check's tests run in a pytest of their own, in a subprocess.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import nbformat
import pytest

from coursekit import convention as cv
from coursekit.paths import REPO_ROOT

pytestmark = pytest.mark.course

NOTEBOOK = REPO_ROOT / "solutions" / "15_capstone.ipynb"

RIGHT = """
name: Rate limiter
on: [push, pull_request]
permissions:
  contents: read
jobs:
  unit:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v7
      - uses: actions/setup-python@v7
        with:
          python-version: "3.11"
      - run: python -m pip install -r requirements.lock
      - run: python -m pytest -nauto tests/unit/common/test_ratelimit.py --cov=course_app.common.ratelimit --cov-fail-under=90
      - uses: actions/upload-artifact@v7
        if: ${{ always() }}
        with:
          name: reports
          path: reports/
  scan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v7
      - uses: PyCQA/bandit-action@v1
        with:
          targets: course_app/common/ratelimit.py
  deploy:
    needs: [unit, scan]
    if: github.ref_name == 'main'
    runs-on: ubuntu-latest
    steps:
      - run: echo deploying
"""

PYTEST_LINE = (
    "python -m pytest -nauto tests/unit/common/test_ratelimit.py "
    "--cov=course_app.common.ratelimit --cov-fail-under=90"
)
GATE_TESTS = "test_the_job_passes or test_the_job_fails"

WRONG = {
    "no coverage gate": (PYTEST_LINE, PYTEST_LINE.replace(" --cov-fail-under=90", ""), GATE_TESTS),
    "a gate at 80 %": (PYTEST_LINE, PYTEST_LINE.replace("=90", "=80"), GATE_TESTS),
    "coverage of all of course_app": (
        PYTEST_LINE,
        PYTEST_LINE.replace("=course_app.common.ratelimit", "=course_app"),
        GATE_TESTS,
    ),
    "reports lost when tests fail": ("if: ${{ always() }}", "if: ${{ success() }}", "uploaded"),
    "deploy does not wait for the scan": ("needs: [unit, scan]", "needs: [unit]", "deploy"),
    "deploy from any branch": ("if: github.ref_name == 'main'", "if: true", "deploy"),
    "not in parallel": ("-nauto ", "", "parallel"),
}


def notebook_parts() -> tuple[str, str, str]:
    """The hollow suite's text, the cell that derives the 89 % suite, and the 14.2 check."""
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    hollow_cell = next(c.source for c in cells if c.source.startswith("HOLLOW = CAPSTONE"))
    hollow = re.search(r'HOLLOW\.write_text\("""\\\n(.*?)"""\)', hollow_cell, re.S).group(1)
    derived = next(c.source for c in cells if c.source.startswith("NO_NEW_WINDOW = "))
    check = next(c.source for c in cells if cv.is_check(c) and cv.exercise_id(c) == "15.2")
    return hollow, derived, check.split("\n", 1)[1]


def run_check(tmp_path, workflow: str, selection: str | None = None) -> subprocess.CompletedProcess:
    hollow, derived, check = notebook_parts()
    (tmp_path / "test_hollow.py").write_text(hollow)
    (tmp_path / "capstone.yml").write_text(textwrap.dedent(workflow).lstrip())
    preamble = textwrap.dedent(f"""\
        from concurrent.futures import ThreadPoolExecutor
        from pathlib import Path

        import pytest

        from workbook import actionlint, workflow_run
        from workbook.paths import REPO_ROOT

        CAPSTONE = Path({str(tmp_path)!r})
        HOLLOW = CAPSTONE / "test_hollow.py"
        """)
    (tmp_path / "test_check.py").write_text(f"{preamble}\n{derived}\n\n{check}")
    selection_args = ["-k", selection] if selection else []
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
         "--rootdir", str(tmp_path), *selection_args, str(tmp_path / "test_check.py")],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO_ROOT), "HOME": str(tmp_path),
             "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTEST_PLUGINS": "pytest_asyncio.plugin"},
    )  # fmt: skip


def test_the_check_accepts_a_workflow_spelt_otherwise(tmp_path):
    done = run_check(tmp_path, RIGHT)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


@pytest.mark.parametrize("mistake", WRONG, ids=list(WRONG))
def test_the_check_rejects_a_wrong_workflow(tmp_path, mistake):
    right, wrong, selection = WRONG[mistake]
    assert right in RIGHT
    done = run_check(tmp_path, RIGHT.replace(right, wrong), selection)
    assert done.returncode == 1, done.stdout[-4000:] + done.stderr[-2000:]
    assert " failed" in done.stdout
