"""Hidden checks: extra check cells that exist only on the instructor's side.

Layout of the folder given with ``--hidden DIR``::

    DIR/00_welcome/0.1.py             one extra check cell for exercise 0.1
    DIR/00_welcome/0.1-edge-cases.py  another one (files run in name order)

Each file holds the source of one ``%%ipytest`` cell. It runs right after the released
check cells of its exercise, in the learner's kernel; the exercise passes only when
every check, released and hidden, passes. Hidden checks add no points of their own.
"""

from __future__ import annotations

from pathlib import Path

from coursekit.grading.models import InstructorError
from coursekit.grading.released import ReleasedNotebook

HiddenChecks = dict[str, dict[str, list[str]]]  # notebook file name -> exercise -> sources


def load_hidden(folder: Path | None, course: dict[str, ReleasedNotebook]) -> HiddenChecks:
    if folder is None:
        return {}
    folder = Path(folder)
    if not folder.is_dir():
        raise InstructorError(f"hidden checks folder {folder} not found")
    checks: HiddenChecks = {}
    by_stem = {Path(name).stem: notebook for name, notebook in course.items()}
    for path in sorted(folder.glob("*/*.py")):
        notebook = by_stem.get(path.parent.name)
        exercise = path.stem.split("-", 1)[0]
        if notebook is None or exercise not in {e.id for e in notebook.exercises}:
            raise InstructorError(
                f"hidden check {path}: expected DIR/<notebook>/<exercise>"
                "[-name].py naming a notebook and exercise of the course"
            )
        source = path.read_text(encoding="utf-8")
        if not source.startswith("%%ipytest"):
            raise InstructorError(f"hidden check {path} must start with %%ipytest")
        checks.setdefault(notebook.name, {}).setdefault(exercise, []).append(source)
    return checks
