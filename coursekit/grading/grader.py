"""Grade a class: every learner in a workspace of their own, learners in parallel.

For each learner and each released notebook with exercises: missing, unreadable or
foreign notebooks are scored without running; the others run under nbval with the
released locked cells in place, and each exercise is scored from its check cells.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from coursekit.grading import grading_copy, scoring
from coursekit.grading import models as m
from coursekit.grading.hidden import HiddenChecks
from coursekit.grading.released import ReleasedNotebook
from coursekit.grading.shards import shard_of
from coursekit.grading.submissions import Submission, discover
from coursekit.paths import REPO_ROOT
from workbook.checkrun import workspace
from workbook.checkrun.runner import Limits, run_notebook


@dataclass
class Settings:
    limits: Limits = field(default_factory=Limits)
    jobs: int = os.cpu_count() or 1
    hidden: HiddenChecks = field(default_factory=dict)
    repo: Path = REPO_ROOT  # copied for each learner
    keep_out: tuple[Path, ...] = ()  # folders never copied (submissions, output, hidden)
    shard: tuple[int, int] = (1, 1)  # grade only the learners of shard K of N


@dataclass
class LearnerResult:
    learner: str
    grades: list[m.Grade] = field(default_factory=list)
    problems: list[m.Problem] = field(default_factory=list)
    seconds: float = 0.0


def read_submitted(path: Path):
    """The learner's notebook, or a ValueError with one line saying what is wrong."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # nbformat raises many kinds for junk files
        first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:150]
        raise ValueError(
            f"not a readable notebook (invalid JSON or format): {first_line}"
        ) from None
    if not isinstance(nb.get("cells"), list):
        raise ValueError("not a notebook: no list of cells")
    return nb


def grade_notebook(
    result: LearnerResult,
    workspace_for,
    released: ReleasedNotebook,
    path: Path | None,
    settings: Settings,
) -> None:
    learner, name = result.learner, released.name
    if path is None:
        result.grades += scoring.unrun(learner, released, m.MISSING, "not submitted")
        return
    try:
        submitted = read_submitted(path)
    except ValueError as exc:
        result.problems.append(m.Problem(learner, name, f"{exc}; scored error"))
        result.grades += scoring.unrun(learner, released, m.ERROR, str(exc))
        return
    copy = grading_copy.build(released, submitted, settings.hidden.get(name))
    if copy.foreign:
        why = "none of the course's check cells is in it (another course or version?)"
        result.problems.append(m.Problem(learner, name, f"{why}; not run, scored error"))
        result.grades += scoring.unrun(learner, released, m.ERROR, why)
        return
    run = run_notebook(workspace_for(), name, copy.nb, settings.limits)
    notes = list(copy.notes) + [f"exercise {e}: {why}" for e, why in copy.tampered.items()]
    notes += scoring.run_notes(copy, run, settings.limits)
    result.problems += [m.Problem(learner, name, note) for note in notes]
    result.grades += scoring.score(learner, released, copy, run, settings.limits)


def grade_learner(
    submission: Submission, course: dict[str, ReleasedNotebook], settings: Settings
) -> LearnerResult:
    result = LearnerResult(submission.learner, problems=list(submission.problems))
    started = time.perf_counter()
    created = []  # the learner's workspace, copied only when a notebook is run

    def workspace_for():
        if not created:
            created.append(workspace.create(submission.learner, settings.repo, settings.keep_out))
        return created[0]

    try:
        for name, released in course.items():
            if not released.exercises:
                continue  # nothing to grade: no need to run it
            try:
                grade_notebook(
                    result, workspace_for, released, submission.notebooks.get(name), settings
                )
            except Exception as exc:  # a grader bug on one notebook must not stop the class
                result.problems.append(m.Problem(result.learner, name, f"grading failed: {exc!r}"))
                graded = {g.exercise for g in result.grades if g.notebook == name}
                result.grades += [
                    g
                    for g in scoring.unrun(result.learner, released, m.ERROR, repr(exc))
                    if g.exercise not in graded
                ]
    finally:
        for ws in created:
            ws.remove()
    result.seconds = time.perf_counter() - started
    return result


def grade_class(
    submissions_dir: Path, course: dict[str, ReleasedNotebook], settings: Settings
) -> tuple[list[LearnerResult], list[m.Problem]]:
    submissions, stray = discover(submissions_dir, course)
    k, n = settings.shard
    submissions = [s for s in submissions if shard_of(s.learner, n) == k]
    stray = [p for p in stray if shard_of(p.learner, n) == k]  # each reported by one shard
    if not submissions:
        return [], stray
    jobs = max(1, min(settings.jobs, len(submissions)))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda s: grade_learner(s, course, settings), submissions))
    return results, stray
