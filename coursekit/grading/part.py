"""A graded class, or one shard of it: what every output is written from.

``grade`` writes it to ``OUT/part.json`` beside the gradebook, so the parts that shards
graded on different machines can be merged (``grade-merge``) into the outputs one run
over the whole class would have written. It carries what the feedback needs from the
released course (exercise titles and first hints), so a merge needs nothing but parts.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from coursekit.grading import models as m

PART_FILE = "part.json"
FORMAT = "coursekit-grading-part/1"


@dataclass
class ClassPart:
    shard: tuple[int, int]  # (K, N): shard K of N; (1, 1) for a whole class
    learners: list[str]  # in the order of the gradebook
    grades: list[m.Grade]
    problems: list[m.Problem]
    settings_line: str  # the limits and course size, said once in the report
    exercises: dict[str, dict[str, dict]] = field(
        default_factory=dict
    )  # notebook -> id -> title, hint
    seconds: dict[str, float] = field(default_factory=dict)  # learner -> grading time

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "shard": list(self.shard),
            "learners": self.learners,
            "settings_line": self.settings_line,
            "exercises": self.exercises,
            "seconds": self.seconds,
            "grades": [asdict(g) for g in self.grades],
            "problems": [asdict(p) for p in self.problems],
        }
        return json.dumps(data, indent=1, ensure_ascii=False)

    @classmethod
    def read(cls, folder: Path) -> ClassPart:
        path = Path(folder) / PART_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(f"format {data.get('format')!r}, expected {FORMAT!r}")
            return cls(
                tuple(data["shard"]),
                data["learners"],
                [m.Grade(**g) for g in data["grades"]],
                [m.Problem(**p) for p in data["problems"]],
                data["settings_line"],
                data["exercises"],
                data["seconds"],
            )
        except FileNotFoundError:
            raise m.InstructorError(
                f"{folder} is not a grading part: no {PART_FILE} "
                "(give the --out folders of `grade --shard`)"
            ) from None
        except (ValueError, KeyError, TypeError) as exc:
            raise m.InstructorError(
                f"{path} is not a readable grading part ({exc}); grade that shard again"
            ) from None


def exercise_info(course) -> dict[str, dict[str, dict]]:
    """Titles and first hints of the released exercises, by notebook and exercise."""
    return {
        name: {e.id: {"title": e.title, "hint": e.hint} for e in nb.exercises}
        for name, nb in course.items()
        if nb.exercises
    }


def write_outputs(part: ClassPart, out: Path) -> Path:
    """grades.csv, report.md (+ chart), feedback/ and part.json in ``out``; the report."""
    from coursekit.grading.feedback import write_feedback
    from coursekit.grading.gradebook import write_csv
    from coursekit.grading.report import write_report

    write_csv(part.grades, out / "grades.csv")
    report = write_report(part.grades, part.problems, part.learners, out, part.settings_line)
    write_feedback(part, out / "feedback")
    (out / PART_FILE).write_text(part.to_json(), encoding="utf-8")
    return report
