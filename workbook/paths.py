"""Where the course lives: the repository root, for notebooks that read its files."""

from __future__ import annotations

import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
LEARNER = "notebooks"  # the learner notebooks, NN_topic.ipynb
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
# A course notebook's exact name. A copy beside it (NN_topic-mine.ipynb, a learner's
# scratch) matches the glob but is not part of the course.
NOTEBOOK_NAME = re.compile(r"\d\d_[a-z0-9_]+\.ipynb")


def course_notebooks(folder: Path) -> list[Path]:
    """The course's notebooks in ``folder``, in course order; copies with other names left out."""
    return sorted(p for p in Path(folder).glob(NOTEBOOK_GLOB) if NOTEBOOK_NAME.fullmatch(p.name))
