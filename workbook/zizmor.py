"""zizmor, the security linter for GitHub Actions workflows, called from Python.

actionlint (``workbook.actionlint``) says whether a workflow is valid; zizmor says whether it
is safe: credentials left in the checkout (``artipacked``), a workflow token that may write
everywhere (``excessive-permissions``), actions that are not pinned (``unpinned-uses``),
untrusted text expanded into a shell (``template-injection``), ... The ``zizmor`` wheel is
pinned in requirements.lock; it runs offline.

For a learner's workflow the course relaxes one rule, the pinning policy: GitHub's own
``actions/*`` may be pinned by a release tag (``actions/checkout@v7``), every other action by
commit SHA. zizmor's own default wants a SHA everywhere, which is what the course's
workflows do (tests/setup/test_workflow.py); both are defensible, and notebook 09 says why.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sysconfig
import tempfile
from pathlib import Path

LEARNER_POLICY = """\
rules:
  unpinned-uses:
    config:
      policies:
        "actions/*": ref-pin
        "*": hash-pin
"""


class ZizmorUnavailable(RuntimeError):
    """The zizmor command is not installed: the message says how to install it."""


def find_package() -> Path:
    """zizmor from this Python's environment, else from PATH; ZizmorUnavailable when neither."""
    beside = Path(sysconfig.get_path("scripts")) / "zizmor"
    if beside.exists():
        return beside
    if found := shutil.which("zizmor"):
        return Path(found)
    raise ZizmorUnavailable("zizmor is not installed: run `make setup` (or pip install zizmor)")


def audit(workflow: Path, config: str | None = LEARNER_POLICY) -> list[dict]:
    """zizmor's findings for a workflow, or every workflow and action under a folder such as
    ``.github`` (offline, default persona), ignored ones left out.

    ``config`` is the text of a zizmor configuration (default: the learner policy above);
    ``None`` uses zizmor's own defaults.
    """
    with tempfile.TemporaryDirectory(prefix="zizmor-") as folder:
        options = []
        if config is not None:
            (Path(folder) / "zizmor.yml").write_text(config)
            options = ["--config", str(Path(folder) / "zizmor.yml")]
        done = subprocess.run(
            [
                str(find_package()),
                "--offline",
                "--no-progress",
                "--format",
                "json",
                *options,
                str(workflow),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    if not done.stdout.strip().startswith("["):
        raise RuntimeError(f"zizmor did not run:\n{done.stderr[-2000:]}")
    return [finding for finding in json.loads(done.stdout) if not finding.get("ignored")]


def describe(findings: list[dict]) -> str:
    """One line per finding, ``file line N ident: what is wrong``, for an assertion message."""

    def where(finding: dict) -> str:
        location = finding["locations"][0]
        path = location["symbolic"]["key"].get("Local", {}).get("verbatim_path", "?")
        return (
            f"{Path(path).name} line {location['concrete']['location']['start_point']['row'] + 1}"
        )

    return "\n".join(
        f"{where(f)} {f['ident']}: {f['desc']} (https://docs.zizmor.sh/audits/#{f['ident']})"
        for f in findings
    )
