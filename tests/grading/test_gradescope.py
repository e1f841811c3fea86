"""The Gradescope bundle: unpacked where /autograder would be, run as an unprivileged user.

Gradescope unpacks the bundle to /autograder/source and runs run_autograder with the
learner's files in /autograder/submission. Here a temporary folder stands in for
/autograder (AUTOGRADER_ROOT), the course's environment for the one setup.sh builds
(COURSE_PYTHON), and the user `coursetest` for Gradescope's sandbox.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import classroom
import nbformat
import pytest

from tests.provisioning.test_unprivileged import USER, ensure_user, interpreter_for

pytestmark = [pytest.mark.grading, pytest.mark.slow]

TEST_KEYS = {"name", "score", "max_score", "status", "output", "visibility"}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gradescope") / "autograder.zip"
    done = classroom.coursekit("gradescope", "--out", out)
    assert done.returncode == 0, done.stderr
    return out


def test_bundle_has_gradescopes_layout_and_no_solutions(bundle):
    with zipfile.ZipFile(bundle) as z:
        names = set(z.namelist())
        modes = {i.filename: i.external_attr >> 16 for i in z.infolist()}
    assert {
        "setup.sh",
        "run_autograder",
        "course/requirements.lock",
        f"course/notebooks/{classroom.NOTEBOOK}",
        "course/coursekit/grading/cli.py",
    } <= names
    assert modes["run_autograder"] & 0o111 and modes["setup.sh"] & 0o111
    assert not [n for n in names if n.startswith("course/solutions/")]


def unpack(bundle: Path, notebook) -> Path:
    """A stand-in /autograder that the unprivileged user owns, reachable through /tmp."""
    root = Path(tempfile.mkdtemp(prefix="coursekit-autograder-"))
    root.chmod(0o755)
    with zipfile.ZipFile(bundle) as z:
        z.extractall(root / "source")
    for name in ("setup.sh", "run_autograder"):  # zipfile does not restore modes
        (root / "source" / name).chmod(0o755)
    (root / "submission" / "work").mkdir(parents=True)  # learners upload in folders too
    nbformat.write(notebook, root / "submission" / "work" / classroom.NOTEBOOK)
    (root / "home").mkdir()
    return root


def run_autograder(root: Path) -> subprocess.Popen:
    command, env = [str(root / "source" / "run_autograder")], {}
    python = [sys.executable]
    if os.geteuid() == 0:  # as Gradescope's sandbox would: not root, owning only /autograder
        ensure_user()
        account = pwd.getpwnam(USER)
        for path in [root, *root.rglob("*")]:
            os.chown(path, account.pw_uid, account.pw_gid, follow_symlinks=False)
        python, env = interpreter_for(USER)
        command = [shutil.which("runuser") or "/usr/sbin/runuser", "-u", USER, "--", *command]
    env.update(
        PATH="/usr/bin:/bin",
        HOME=str(root / "home"),
        TMPDIR=str(root / "home"),
        AUTOGRADER_ROOT=str(root),
        COURSE_PYTHON=python[0],
        PYTHONDONTWRITEBYTECODE="1",
    )
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


@pytest.fixture(scope="module")
def results(bundle) -> dict[str, dict]:
    """results.json of a solved and an unsolved submission, graded side by side."""
    roots = {
        "solved": unpack(bundle, classroom.solution()),
        "unsolved": unpack(bundle, classroom.released()),
    }
    try:
        runs = {name: run_autograder(root) for name, root in roots.items()}
        outputs = {name: run.communicate(timeout=400)[0] for name, run in runs.items()}
        found = {}
        for name, root in roots.items():
            assert runs[name].returncode == 0, outputs[name]
            found[name] = json.loads((root / "results" / "results.json").read_text())
        return found
    finally:
        for root in roots.values():
            shutil.rmtree(root, ignore_errors=True)


def exercise(result: dict) -> dict:
    first = classroom.first_exercise(classroom.released())
    return next(t for t in result["tests"] if t["name"].startswith(f"00_welcome {first} "))


def test_results_json_has_one_valid_test_per_exercise(results):
    for result in results.values():
        assert result["tests"] and all(set(t) >= TEST_KEYS for t in result["tests"])
        assert all(
            t["status"] in ("passed", "failed")
            and t["visibility"] == "visible"
            and 0 <= t["score"] <= t["max_score"]
            for t in result["tests"]
        )
        assert result["score"] == sum(t["score"] for t in result["tests"])
        assert len({t["name"] for t in result["tests"]}) == len(result["tests"])


def test_the_solved_exercise_earns_its_points_and_the_unsolved_one_does_not(results):
    solved, unsolved = exercise(results["solved"]), exercise(results["unsolved"])
    assert (solved["status"], solved["score"]) == ("passed", solved["max_score"])
    assert (unsolved["status"], unsolved["score"]) == ("failed", 0)
    assert "NotImplementedError" in unsolved["output"] and "hint" in unsolved["output"]
    assert results["solved"]["score"] == solved["max_score"]  # other notebooks: not submitted
    assert "Feedback for submission" in results["unsolved"]["output"]
