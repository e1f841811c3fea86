"""The gradebook: ``grades.csv``, one row per learner, notebook and exercise."""

from __future__ import annotations

import csv
from pathlib import Path

from coursekit.grading.models import GRADE_COLUMNS, Grade


def write_csv(grades: list[Grade], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=GRADE_COLUMNS)
        writer.writeheader()
        writer.writerows(grade.row() for grade in grades)


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as source:
        return list(csv.DictReader(source))
