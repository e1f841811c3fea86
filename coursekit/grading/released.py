"""The released course: the learner notebooks as handed out, with exercises and locked cells.

Grading trusts only these. A cell is *locked* when learners must not change it: every
check cell, the setup cell (the first code cell), and any cell tagged ``locked``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from coursekit import convention as cv
from coursekit.grading.models import InstructorError
from coursekit.paths import LEARNER, REPO_ROOT
from workbook.paths import course_notebooks

LOCKED_TAG = "locked"
# Hints are collapsed Markdown: <details><summary>Hint 1 — where to look</summary> text </details>
HINT = re.compile(r"<summary>\s*(?P<title>Hint[^<]*?)\s*</summary>(?P<body>.*?)</details>", re.S)
HINT_LINE_CHARS = 160


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    max_points: int
    hint: str = ""  # the exercise's first hint: its title and first line, for feedback


@dataclass
class ReleasedNotebook:
    name: str  # file name, e.g. "00_welcome.ipynb": what submissions are matched by
    nb: nbformat.NotebookNode
    exercises: list[Exercise]
    locked: list[int]  # indices into nb.cells

    def exercise_of(self, index: int) -> str | None:
        return cv.exercise_id(self.nb.cells[index])


def _is_code(cell) -> bool:
    return cell.get("cell_type") == "code"


def locked_cells(nb) -> list[int]:
    first_code = next((i for i, cell in enumerate(nb.cells) if _is_code(cell)), None)
    return [
        i
        for i, cell in enumerate(nb.cells)
        if i == first_code or cv.is_check(cell) or LOCKED_TAG in cv.tags(cell)
    ]


def first_hints(cells) -> dict[str, str]:
    """Each exercise's first hint after its heading, as "title: first line"."""
    hints: dict[str, str] = {}
    current = None
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cv.source_text(cell)
        found = [(h.start(), "heading", h) for h in cv.EXERCISE_HEADING.finditer(source)]
        found += [(h.start(), "hint", h) for h in HINT.finditer(source)]
        for _, kind, match in sorted(found, key=lambda item: item[0]):
            if kind == "heading":
                current = match["id"]
            elif current and current not in hints:
                line = next((x.strip() for x in match["body"].splitlines() if x.strip()), "")
                if len(line) > HINT_LINE_CHARS:
                    line = line[:HINT_LINE_CHARS].rsplit(" ", 1)[0] + " …"
                hints[current] = f"{match['title']}: {line}" if line else match["title"]
    return hints


def exercises(nb) -> list[Exercise]:
    """Exercises in order of their first check cell; points add up over check cells."""
    titles = cv.exercise_titles(nb.cells)
    hints = first_hints(nb.cells)
    points: dict[str, int] = {}
    for cell in nb.cells:
        exercise = cv.exercise_id(cell)
        if exercise and cv.is_check(cell):
            points[exercise] = points.get(exercise, 0) + cv.points(cell)
    return [Exercise(e, titles.get(e, ""), p, hints.get(e, "")) for e, p in points.items()]


def load_notebook(path: Path) -> ReleasedNotebook:
    nb = nbformat.read(path, as_version=4)
    return ReleasedNotebook(path.name, nb, exercises(nb), locked_cells(nb))


def load_course(notebooks_dir: Path | None = None) -> dict[str, ReleasedNotebook]:
    """Released notebooks by file name, in course order (those without exercises too:
    a learner who submits one is not told it belongs to another course)."""
    folder = Path(notebooks_dir) if notebooks_dir else REPO_ROOT / LEARNER
    if not folder.is_dir():
        raise InstructorError(
            f"released notebooks folder {folder} not found; "
            "give --released DIR (the learner notebooks as handed out)"
        )
    course = {p.name: load_notebook(p) for p in course_notebooks(folder)}
    if not any(notebook.exercises for notebook in course.values()):
        raise InstructorError(
            f"no notebook with exercises in {folder} "
            f"(expected files like 00_welcome.ipynb with check cells)"
        )
    return course
