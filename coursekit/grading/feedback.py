"""Feedback for each learner: ``feedback/<learner>.md`` and ``.html``, from two templates.

Per notebook and exercise the status and points; for each exercise not passed why (the
first lines of the failing check, or one sentence on what was wrong with the submission)
and the title of its first hint. A hidden check's source never appears: when one fails,
the learner reads that a hidden check failed, not what it checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coursekit.grading import models as m

TEMPLATES = Path(__file__).with_name("templates")
HIDDEN_FAILED = (
    "A further check your instructor keeps hidden failed: test the cases the "
    "visible check does not show (edges, empty input, errors)."
)
WHAT_IT_MEANS = {
    m.PASSED: "passed",
    m.FAILED: "the check failed",
    m.MISSING: "not submitted",
    m.TAMPERED: "a locked cell was changed; the released check was run instead",
    m.ERROR: "the check could not run",
    m.TIMEOUT: "a cell ran past its time limit",
}


@dataclass
class ExerciseFeedback:
    id: str
    title: str
    status: str
    meaning: str
    points: int
    max_points: int
    why: str  # "" when passed
    hint: str  # "" when passed


@dataclass
class NotebookFeedback:
    name: str
    exercises: list[ExerciseFeedback] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def points(self) -> int:
        return sum(e.points for e in self.exercises)

    @property
    def max_points(self) -> int:
        return sum(e.max_points for e in self.exercises)


def learner_why(grade: m.Grade) -> str:
    if grade.status == m.PASSED:
        return ""
    if grade.hidden_failed:
        return HIDDEN_FAILED
    return grade.detail or WHAT_IT_MEANS[grade.status]


def learner_feedback(part, learner: str) -> tuple[list[NotebookFeedback], list[str]]:
    """The learner's notebooks, and the lines about their submission as a whole."""
    notebooks: dict[str, NotebookFeedback] = {}
    for grade in (g for g in part.grades if g.learner == learner):
        info = part.exercises.get(grade.notebook, {}).get(grade.exercise, {})
        passed = grade.status == m.PASSED
        notebooks.setdefault(grade.notebook, NotebookFeedback(grade.notebook)).exercises.append(
            ExerciseFeedback(
                grade.exercise,
                info.get("title", ""),
                grade.status,
                WHAT_IT_MEANS[grade.status],
                grade.points,
                grade.max_points,
                learner_why(grade),
                "" if passed else info.get("hint", ""),
            )
        )
    general = []
    for problem in (p for p in part.problems if p.learner == learner):
        if problem.message.startswith("exercise "):
            continue  # said again under that exercise
        if problem.notebook in notebooks:
            notebooks[problem.notebook].problems.append(problem.message)
        else:  # the learner's folder, or a file that is not a notebook of the course
            general.append(
                f"{problem.notebook}: {problem.message}" if problem.notebook else problem.message
            )
    return list(notebooks.values()), general


def _environment():
    import jinja2  # here: only grading needs it (it comes with JupyterLab)

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def file_name(learner: str) -> str:
    """The learner's folder name is already a file name; keep it, minus path tricks."""
    return learner.replace("/", "_").lstrip(".") or "learner"


def write_feedback(part, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    env = _environment()
    written = []
    for learner in part.learners:
        notebooks, general = learner_feedback(part, learner)
        context = {
            "learner": learner,
            "notebooks": notebooks,
            "general": general,
            "points": sum(n.points for n in notebooks),
            "max_points": sum(n.max_points for n in notebooks),
        }
        for suffix in ("md", "html"):
            path = folder / f"{file_name(learner)}.{suffix}"
            path.write_text(
                env.get_template(f"feedback.{suffix}.j2").render(context), encoding="utf-8"
            )
            written.append(path)
    return written
