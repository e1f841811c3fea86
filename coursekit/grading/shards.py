"""Split a class into N shards graded on N machines, and put the parts back together.

A learner's shard depends on their folder name only (a hash, not the order or the number
of folders), so the same learner always lands in the same shard, whoever else submitted.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from coursekit.grading.models import InstructorError
from coursekit.grading.part import ClassPart

SHARD = re.compile(r"^(\d+)/(\d+)$")


def parse_shard(text: str) -> tuple[int, int]:
    match = SHARD.match(text.strip())
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise InstructorError(f"--shard {text!r}: expected K/N with 1 <= K <= N, e.g. 2/3")
    return int(match[1]), int(match[2])


def shard_of(learner: str, shards: int) -> int:
    """1..shards, from a hash of the learner's folder name (stable across runs)."""
    digest = hashlib.sha256(learner.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % shards + 1


def merge(given: list[tuple[Path, ClassPart]]) -> ClassPart:
    """One class from all N shards, each exactly once; else InstructorError (one line)."""
    counts = {part.shard[1] for _, part in given}
    if len(counts) != 1:
        raise InstructorError(
            "the parts come from different splits ("
            + ", ".join(f"{path}: shard {part.shard[0]}/{part.shard[1]}" for path, part in given)
            + "); merge the parts of one run"
        )
    total = counts.pop()
    seen: dict[int, ClassPart] = {}
    where: dict[int, Path] = {}
    for path, part in given:
        k = part.shard[0]
        if k in seen:
            raise InstructorError(
                f"shard {k}/{total} given twice ({where[k]} and {path}); "
                "give each shard's part once"
            )
        seen[k], where[k] = part, path
    missing = sorted(set(range(1, total + 1)) - set(seen))
    if missing:
        raise InstructorError(
            f"shard{'s' if len(missing) > 1 else ''} "
            f"{', '.join(f'{k}/{total}' for k in missing)} missing: "
            f"give all {total} parts (grade the missing shard first)"
        )
    ordered = [seen[k] for k in range(1, total + 1)]
    settings = {part.settings_line for part in ordered}
    if len(settings) != 1:
        raise InstructorError(
            "the shards were graded with different settings or courses: "
            + " / ".join(sorted(settings))
        )
    learners = sorted(learner for part in ordered for learner in part.learners)
    if len(set(learners)) != len(learners):
        twice = next(learner for learner in learners if learners.count(learner) > 1)
        raise InstructorError(f"learner {twice} is in two parts: merge the parts of one run")
    # Each learner's rows and lines keep the order their shard wrote them in (course order).
    grades = {learner: [] for learner in learners}
    problems = {learner: [] for learner in learners}
    stray = []  # files beside the learner folders
    for part in ordered:
        for grade in part.grades:
            grades[grade.learner].append(grade)
        for problem in part.problems:
            (problems[problem.learner] if problem.learner in problems else stray).append(problem)
    exercises: dict = {}
    for part in ordered:
        exercises.update(part.exercises)
    seconds = {k: v for part in ordered for k, v in part.seconds.items()}
    return ClassPart(
        (1, 1),
        learners,
        [g for learner in learners for g in grades[learner]],
        sorted(stray, key=lambda p: p.learner)
        + [p for learner in learners for p in problems[learner]],
        settings.pop(),
        exercises,
        seconds,
    )
