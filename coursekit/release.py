"""The learner release: ``python -m coursekit release OUT``.

Writes the repository a learner gets. What ships is an allow-list, so a file added to the
course later stays out until someone decides it belongs to learners: the learner notebooks,
the system under test, what the notebooks import (``workbook``), the reference suite where
notebooks run it, and the set-up. Left out: ``solutions/``, ``coursekit`` (authoring and
grading), the checks of the course itself, benchmarks, CI. The README is the course's own,
without the instructors' and authors' sections.

After writing, the release is searched for anything that gives an answer away; a leak is an
error and the half-written folder is removed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

from coursekit.convention import BEGIN_SOLUTION
from workbook.paths import REPO_ROOT

SHIPPED = (
    "notebooks/",
    "course_app/",
    "workbook/",
    "tests/",
    "binder/",
    "pacts/",
    ".github/",
    "scripts/system_packages.sh",
    "scripts/python_env.sh",
    "scripts/run_tests.sh",
    "scripts/summarise_junit.py",
    "environment.yml",
    "requirements.lock",
    "requirements.exclude",
    "pyproject.toml",
    "Makefile",
    "package.json",
    "package-lock.json",
    "docker-compose.pact-broker.yml",
    ".gitignore",
    ".nbval-sanitize.cfg",
)
# Inside what ships, what is still the instructors' or the authors'.
WITHHELD = ("tests/course/", "tests/grading/", "tests/setup/")
README_SECTIONS_WITHHELD = ("For instructors", "For course authors")
# Rows of the README's "What is where" table that name what a learner does not get.
README_ROWS_WITHHELD = ("`solutions/`", "`coursekit/`", "`benchmarks/`")
# The capstone (notebook 15, 15_capstone.ipynb) asks the learner to write the rate limiter's
# unit tests: the reference suite must not hold them.
CAPSTONE_MODULE = "course_app.common.ratelimit"


class ReleaseLeak(Exception):
    """The release holds something that gives an exercise's answer away."""


def tracked_files(root: Path) -> list[str]:
    """The course's files as git knows them (never .venv, reports or a learner's scratch)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (root / name).is_file()]


def shipped(name: str) -> bool:
    if name.startswith(WITHHELD):
        return False
    return any(name == item or (item.endswith("/") and name.startswith(item)) for item in SHIPPED)


def learner_readme(readme: str) -> str:
    """The README without the sections and table rows that are not the learner's."""
    parts = re.split(r"(?m)^(?=## )", readme)
    kept = [
        part
        for part in parts
        if not part.startswith(tuple(f"## {title}" for title in README_SECTIONS_WITHHELD))
    ]
    lines = "".join(kept).splitlines(keepends=True)
    return "".join(
        line
        for line in lines
        if not (line.startswith("|") and any(row in line for row in README_ROWS_WITHHELD))
    )


def find_leaks(out: Path) -> list[str]:
    """Every reason the release in ``out`` would give an answer away."""
    leaks = [
        f"{name}/ is in the release" for name in ("solutions", "coursekit") if (out / name).exists()
    ]
    for path in sorted(out.rglob("*")):
        if not path.is_file() or path.suffix not in (".py", ".ipynb", ".md", ".txt", ".json"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        name = path.relative_to(out).as_posix()
        if BEGIN_SOLUTION in text:
            leaks.append(f"{name} holds a solution region")
        if name.startswith("tests/") and path.suffix == ".py" and CAPSTONE_MODULE in text:
            leaks.append(f"{name} tests the capstone's module ({CAPSTONE_MODULE})")
    return leaks


def write_release(out: Path, root: Path = REPO_ROOT) -> list[str]:
    """Write the learner repository into ``out`` (which must not exist); the files written."""
    if out.exists():
        raise FileExistsError(f"{out} exists; give a new folder (the release is written afresh)")
    names = [name for name in tracked_files(root) if shipped(name)]
    try:
        for name in names:
            target = out / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, target)
        (out / "README.md").write_text(learner_readme((root / "README.md").read_text()))
        leaks = find_leaks(out)
        if leaks:
            raise ReleaseLeak("; ".join(leaks))
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    return [*names, "README.md"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="coursekit release", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a new folder for the learner repository")
    args = parser.parse_args(argv)
    try:
        files = write_release(args.out)
    except FileExistsError as exc:
        print(f"coursekit release: {exc}", file=sys.stderr)
        return 2
    except ReleaseLeak as exc:
        print(
            f"coursekit release: refused, the release would give answers away: {exc}",
            file=sys.stderr,
        )
        return 1
    print(
        f"Wrote the learner release to {args.out} ({len(files)} files). "
        f"Hand it out as a repository of its own: cd {args.out} && git init && git add -A"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
