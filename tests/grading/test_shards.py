"""Shards and the merge, through the commands of the GitHub Actions workflow an instructor copies.

The class here needs no kernel (unreadable, empty, foreign and stray submissions), so
grading it four times stays quick; what a kernel run scores is tested in test_grade_class.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import classroom
import nbformat
import pytest
import yaml

from coursekit.grading.models import InstructorError
from coursekit.grading.shards import parse_shard, shard_of
from workbook.paths import REPO_ROOT

pytestmark = pytest.mark.grading

WORKFLOW = REPO_ROOT / "coursekit" / "grading" / "github-actions" / "grade-class.yml"
OUTPUTS = ("grades.csv", "report.md")


def step(job: str, name: str) -> dict:
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    return next(s for s in jobs[job]["steps"] if s.get("name") == name)


def run_step(job: str, name: str, **env) -> subprocess.CompletedProcess:
    """A `run:` step of the workflow, with GitHub's variables given by the test."""
    return subprocess.run(
        ["bash", "-c", step(job, name)["run"]],
        cwd=REPO_ROOT,
        env={"PATH": "/usr/bin:/bin", **{k: str(v) for k, v in env.items()}},
        capture_output=True,
        text=True,
        timeout=300,
    )


def quick_class(folder: Path) -> list[str]:
    """Learners who are graded without starting a kernel, and a stray file."""
    learners = [f"learner-{n:02d}" for n in range(7)]
    for i, learner in enumerate(learners):
        (folder / learner).mkdir(parents=True)
        if i % 3 == 0:
            (folder / learner / classroom.NOTEBOOK).write_text("{ not JSON")
        elif i % 3 == 1:
            nbformat.write(classroom.foreign(), folder / learner / classroom.NOTEBOOK)
        # else: an empty folder, every exercise missing
    (folder / "README.txt").write_text("a file beside the learner folders")
    return learners


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The same class unsharded (as one job) and in three shards, then merged."""
    base = tmp_path_factory.mktemp("shards")
    learners = quick_class(base / "submissions")
    runs = {}
    for shard in ("1/1", "1/3", "2/3", "3/3"):
        temp = base / f"runner-{shard.replace('/', '-of-')}"
        temp.mkdir()
        runs[shard] = run_step(
            "grade",
            "Grade this shard",
            SUBMISSIONS=base / "submissions",
            SHARD=shard,
            RUNNER_TEMP=temp,
        )
        assert runs[shard].returncode == 0, runs[shard].stderr
    merge_temp = base / "merger"
    (merge_temp / "parts").mkdir(parents=True)
    for k in (1, 2, 3):  # as download-artifact lays them out: one folder per artifact
        (base / f"runner-{k}-of-3" / "part").rename(merge_temp / "parts" / f"grading-part-{k}")
    merged = run_step("merge", "Merge the parts", RUNNER_TEMP=merge_temp)
    assert merged.returncode == 0, merged.stderr
    return base, learners, runs, merge_temp


def test_three_shards_merged_give_the_unsharded_gradebook_report_and_feedback(graded):
    base, learners, _, merge_temp = graded
    whole, merged = base / "runner-1-of-1" / "part", merge_temp / "gradebook"
    for name in OUTPUTS:
        assert (merged / name).read_text() == (whole / name).read_text(), name
    feedback = sorted(p.name for p in (whole / "feedback").iterdir())
    assert feedback == sorted(f"{learner}.{s}" for learner in learners for s in ("html", "md"))
    assert sorted(p.name for p in (merged / "feedback").iterdir()) == feedback
    for name in feedback:
        assert (merged / "feedback" / name).read_text() == (whole / "feedback" / name).read_text()
    assert "README.txt/: a file, not a learner folder" in (merged / "report.md").read_text()


def test_each_learner_is_graded_by_exactly_one_shard(graded):
    _, learners, runs, _ = graded
    graded_by = {
        learner: [
            shard for shard in ("1/3", "2/3", "3/3") if f"graded {learner}:" in runs[shard].stdout
        ]
        for learner in learners
    }
    assert all(len(shards) == 1 for shards in graded_by.values()), graded_by
    assert len({shards[0] for shards in graded_by.values()}) == 3  # the class is really split
    for learner, (shard,) in graded_by.items():
        assert parse_shard(shard) == (shard_of(learner, 3), 3)


def test_a_learner_stays_in_the_same_shard():
    assert [shard_of("ada", 5) for _ in range(3)] == [shard_of("ada", 5)] * 3
    assert {shard_of(f"learner-{n}", 4) for n in range(40)} == {1, 2, 3, 4}


@pytest.mark.parametrize("text", ["0/3", "4/3", "3", "a/b", "1/0"])
def test_a_wrong_shard_is_refused(text):
    with pytest.raises(InstructorError, match="expected K/N"):
        parse_shard(text)


def merge_command(*parts, out) -> subprocess.CompletedProcess:
    return classroom.coursekit("grade-merge", *parts, "--out", out)


@pytest.mark.parametrize(
    "which, says",
    [
        ((1, 2), "shard 3/3 missing: give all 3 parts"),
        ((1, 2, 2, 3), "shard 2/3 given twice"),
    ],
)
def test_a_merge_missing_a_shard_or_with_one_twice_says_so_in_one_line(
    graded, tmp_path, which, says
):
    _, _, _, merge_temp = graded
    parts = [merge_temp / "parts" / f"grading-part-{k}" for k in which]
    done = merge_command(*parts, out=tmp_path / "out")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and says in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


def test_a_folder_that_is_no_part_is_refused(tmp_path):
    done = merge_command(tmp_path, out=tmp_path / "out")
    assert done.returncode == 2 and "no part.json" in done.stderr
