"""Find each learner's notebooks in SUBMISSIONS_DIR: one folder per learner.

A notebook is matched to the course by its file name anywhere inside the learner's
folder (learners zip things in odd ways); checkpoints and hidden folders are ignored.
What cannot be used becomes one Problem line; grading goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coursekit.grading.models import InstructorError, Problem


@dataclass
class Submission:
    learner: str
    notebooks: dict[str, Path] = field(default_factory=dict)  # course file name -> file
    problems: list[Problem] = field(default_factory=list)


def _visible(path: Path, folder: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(folder).parts)


def find_notebooks(learner: str, folder: Path, course_names) -> Submission:
    submission = Submission(learner)
    files = sorted(
        (p for p in folder.rglob("*.ipynb") if _visible(p, folder)),
        key=lambda p: (len(p.parts), str(p)),
    )
    for path in files:
        where = str(path.relative_to(folder))
        if path.name not in course_names:
            submission.problems.append(
                Problem(
                    learner,
                    where,
                    (
                        "not a notebook of this course (expected names like "
                        f"{', '.join(sorted(course_names)[:3])}); ignored"
                    ),
                )
            )
        elif path.name in submission.notebooks:
            submission.problems.append(
                Problem(
                    learner,
                    where,
                    (
                        f"second copy of {path.name}; graded "
                        f"{submission.notebooks[path.name].relative_to(folder)} instead"
                    ),
                )
            )
        else:
            submission.notebooks[path.name] = path
    if not files:
        submission.problems.append(
            Problem(learner, "", ("no notebooks in this folder; every exercise is scored missing"))
        )
    return submission


def discover(submissions_dir: Path, course_names) -> tuple[list[Submission], list[Problem]]:
    folder = Path(submissions_dir)
    if not folder.is_dir():
        raise InstructorError(
            f"submissions folder {folder} not found; give a folder that "
            "holds one folder per learner"
        )
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    stray = [
        Problem(
            p.name,
            "",
            "a file, not a learner folder (each learner's notebooks "
            "go in a folder named after them); ignored",
        )
        for p in entries
        if not p.is_dir()
    ]
    learners = [find_notebooks(p.name, p, set(course_names)) for p in entries if p.is_dir()]
    if not learners:
        raise InstructorError(
            f"no learner folders in {folder}; expected one folder per "
            f"learner, e.g. {folder}/alice/00_welcome.ipynb"
        )
    return learners, stray
