"""Static analysis: bandit finds no medium or high severity issue in course_app.

A finding that is a false positive is justified where it is, with an inline
``# nosec <test id>`` and the reason, so the next reader sees why it is safe.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import course_app

pytestmark = pytest.mark.security

APP_DIR = Path(course_app.__file__).parent


def test_bandit_finds_no_medium_or_high_issue():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bandit",
            "--recursive",
            str(APP_DIR),
            "--format",
            "json",
            "--severity-level",
            "medium",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(result.stdout)
    assert report["errors"] == [], report["errors"]
    assert report["metrics"]["_totals"]["loc"] > 1000, "bandit did not scan course_app"

    findings = [
        f"{Path(r['filename']).relative_to(APP_DIR)}:{r['line_number']} "
        f"{r['test_id']} {r['issue_severity']}: {r['issue_text']}"
        for r in report["results"]
    ]
    assert findings == [], "\n".join(findings)
