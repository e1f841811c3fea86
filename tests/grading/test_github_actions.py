"""The grading workflow an instructor copies: linted and pinned like the course's own.

Its two commands are run by test_shards.py, step by step, as the jobs run them.
"""

from __future__ import annotations

import re

import pytest
import yaml
from test_shards import WORKFLOW

from course_app.provision.pytest_plugin import skip_or_fail
from workbook import actionlint as linter
from workbook.paths import REPO_ROOT

pytestmark = pytest.mark.grading

PINNED = re.compile(r"uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s*v(\d+)\.\d+\.\d+\s*$")


def test_actionlint_finds_nothing():
    try:
        executable = linter.find_package()
    except linter.ActionlintUnavailable as missing:
        skip_or_fail(str(missing))
    findings = linter.lint(WORKFLOW, executable)
    assert findings == [], linter.describe(findings)


def test_actions_have_the_pins_of_the_courses_own_workflows():
    course = [
        line
        for path in (REPO_ROOT / ".github").rglob("*.yml")
        for line in path.read_text().splitlines()
    ]
    pins = {found[2] for found in map(PINNED.search, course) if found}
    lines = [
        line.strip()
        for line in WORKFLOW.read_text().splitlines()
        if line.strip().startswith(("uses:", "- uses:")) and "$/" not in line
    ]
    assert len(lines) >= 5
    for line in lines:
        action, sha, _ = PINNED.search(line).groups()
        assert sha in pins, f"{action}: pin it as .github/ does (Node 24 major, one SHA)"


def test_a_matrix_of_shard_jobs_then_one_merge():
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    assert len(jobs["grade"]["strategy"]["matrix"]["shard"]) >= 2
    assert jobs["merge"]["needs"] == "grade"
    runs = " ".join(s.get("run", "") for s in jobs["grade"]["steps"])
    assert "scripts/system_packages.sh" in runs and "--shard" in runs
