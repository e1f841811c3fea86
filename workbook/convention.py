"""How a notebook marks its exercises, in one place: tags, ids, points, the time it states.

This is the half of the exercise convention (CONTRIBUTING.md) that learner notebooks carry
and that checking them needs, so it ships with ``workbook``: grading and ``progress`` read
exercises through these functions. The authors' half (solution markers) is
``coursekit.convention``, which builds on this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CHECK_TAG = "check"
EXERCISE_TAG_PREFIX = "exercise-"
POINTS_TAG_PREFIX = "points-"
# nbval's tag: an exception in this cell is allowed (not required).
RAISES_EXCEPTION_TAG = "raises-exception"

# "### Exercise 3.2 — Title" (any heading level; an em dash, en dash, hyphen or colon).
EXERCISE_HEADING = re.compile(
    r"^#{1,6}\s*Exercise\s+(?P<id>\d+\.\d+)\s*[—–:-]\s*(?P<title>.+?)\s*$", re.MULTILINE
)
EXERCISE_ID = re.compile(r"^\d+\.\d+$")
# Every notebook's first cell states how long it takes ("**Time needed:** about 45 minutes.");
# ``coursekit estimates`` computes the figure.
STATED_TIME = re.compile(r"\*\*Time needed:\*\* about (\d+) minutes\.")


class ConventionError(ValueError):
    """A notebook breaks the exercise convention; the message names notebook and cell."""


@dataclass(frozen=True)
class CellRef:
    """Where a cell is, for error messages: notebook path and 1-based cell number."""

    notebook: str
    index: int

    def __str__(self) -> str:
        return f"{self.notebook}, cell {self.index + 1}"


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def is_check(cell) -> bool:
    return CHECK_TAG in tags(cell)


def exercise_id(cell) -> str | None:
    """The exercise id from an ``exercise-<id>`` tag, or None."""
    ids = [t[len(EXERCISE_TAG_PREFIX) :] for t in tags(cell) if t.startswith(EXERCISE_TAG_PREFIX)]
    if len(ids) > 1:
        raise ConventionError(f"cell has several exercise tags: {ids}")
    if ids and not EXERCISE_ID.match(ids[0]):
        raise ConventionError(f"exercise id {ids[0]!r} is not like '3.2'")
    return ids[0] if ids else None


def points(cell) -> int:
    """Points of a check cell: the ``points-<n>`` tag, default 1."""
    for tag in tags(cell):
        if tag.startswith(POINTS_TAG_PREFIX):
            value = tag[len(POINTS_TAG_PREFIX) :]
            if not value.isdigit():
                raise ConventionError(f"tag {tag!r}: points must be a whole number")
            return int(value)
    return 1


def exercise_titles(cells) -> dict[str, str]:
    """Titles from markdown headings like ``### Exercise 3.2 — Title``, by exercise id."""
    titles: dict[str, str] = {}
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            for match in EXERCISE_HEADING.finditer(cell.get("source", "")):
                titles.setdefault(match["id"], match["title"])
    return titles


def source_text(cell) -> str:
    """Cell source as one string (nbformat allows a list of lines on disk)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def stated_minutes(notebook: Path) -> int | None:
    """The time the notebook's first cell states, in minutes (None if it states none)."""
    import nbformat  # here: the kernel-side users of this module never need it

    cells = nbformat.read(notebook, as_version=4).cells
    found = STATED_TIME.search(source_text(cells[0])) if cells else None
    return int(found[1]) if found else None
