"""What a GitHub Actions workflow would do, read from its parsed YAML: for checks that judge a
workflow by its behaviour rather than by its spelling.

A check asks *what* the workflow does: which events start it, which jobs need which, whether a
step runs after a failure, which shell commands a job runs (with ``${{ matrix.* }}`` filled in
from the first entry of the matrix), and what those commands do when they run here, in a
folder laid out like the repository (``run_commands``). So ``if: always()`` and
``if: ${{ always() }}``, ``-n 2`` and ``--numprocesses auto``, ``--cov-branch`` on the command
line and ``branch = true`` in configuration are all the same to a check built on it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# Reading a workflow is workflow_check's (re-exported: notebook 15's check calls
# workflow_run.load); this module adds what the workflow would do when it runs.
from workbook.workflow_check import MATRIX_VALUE, needs_of
from workbook.workflow_check import load as load
from workbook.workflow_check import triggers as triggers

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
# Steps that install things: the course's environment already has what they would install.
INSTALLS = re.compile(r"\b(pip|uv pip|pipx|apt-get|npm|poetry) install\b|\buv sync\b")
# The plugins a unit-test job loads; autoloading every plugin installed here (Locust,
# schemathesis, Playwright, ...) would cost each command many seconds.
PYTEST_PLUGINS = "pytest_cov.plugin,pytest_asyncio.plugin,xdist.plugin,pytest_timeout"
XDIST = re.compile(r"(?:^|\s)(?:-n\s*\S+|--numprocesses(?:=|\s+)\S+)")
MAINTAINED_BANDIT_ACTIONS = ("pycqa/bandit-action@",)


def condition(job_or_step: dict) -> str:
    """The ``if:`` expression without ``${{ }}`` and spaces; "" when there is none."""
    text = str(job_or_step.get("if", ""))
    return re.sub(r"\s+", "", EXPRESSION.sub(r"\1", text))


def runs_after_a_failure(step: dict) -> bool:
    """Whether the step still runs once an earlier step failed: ``always()`` or ``!cancelled()``."""
    expression = condition(step)
    return "always()" in expression or "!cancelled()" in expression


def needs(job: dict) -> set[str]:
    return set(needs_of(job))


def only_on_main(job: dict) -> bool:
    """Whether the job's ``if:`` limits it to the main branch."""
    expression = condition(job).replace('"', "'")
    return "github.ref=='refs/heads/main'" in expression or "github.ref_name=='main'" in expression


def steps(job: dict) -> list[dict]:
    return [step for step in job.get("steps", []) if isinstance(step, dict)]


def matrix_values(job: dict) -> dict[str, str]:
    """The first value of each matrix variable: the combination a check runs."""
    matrix = (job.get("strategy") or {}).get("matrix") or {}
    return {
        name: str(values[0])
        for name, values in matrix.items()
        if isinstance(values, list) and values
    }


def matrix_size(job: dict) -> int:
    matrix = (job.get("strategy") or {}).get("matrix") or {}
    size = 1
    for name, values in matrix.items():
        if name not in ("include", "exclude") and isinstance(values, list):
            size *= len(values)
    return size + len(matrix.get("include", []) or [])


def commands(job: dict) -> list[str]:
    """The shell commands of the job's ``run:`` steps, matrix values filled in."""
    values = matrix_values(job)
    return [
        MATRIX_VALUE.sub(lambda m: values.get(m.group(1), ""), str(step["run"]))
        for step in steps(job)
        if "run" in step
    ]


def uses(job: dict) -> list[str]:
    """The actions the job's steps use, lower-cased (``actions/upload-artifact@v4``)."""
    return [str(step["uses"]).lower() for step in steps(job) if "uses" in step]


def runs_pytest(job: dict) -> bool:
    return any(re.search(r"\bpytest\b", command) for command in commands(job))


def runs_in_parallel(job: dict) -> bool:
    """A matrix of two or more combinations, or pytest-xdist (``-n 2``, ``-nauto``, ``--numprocesses``)."""
    return matrix_size(job) >= 2 or any(
        XDIST.search(invocation) for invocation in pytest_invocations(job)
    )


def pytest_invocations(job: dict) -> list[str]:
    """Each pytest call of the job's commands, from ``pytest`` to the end of its shell command."""
    segments = [part for command in commands(job) for part in re.split(r"[;&|\n]", command)]
    return [part[match.end() :] for part in segments if (match := re.search(r"\bpytest\b", part))]


def runs_bandit(job: dict) -> bool:
    """A ``bandit`` command, or the maintained bandit action (PyCQA/bandit-action)."""
    by_command = any(re.search(r"(?:^|[\s;&|])(?:python -m )?bandit\s", c) for c in commands(job))
    return by_command or any(action.startswith(MAINTAINED_BANDIT_ACTIONS) for action in uses(job))


@dataclass
class Ran:
    """What one ``run:`` step did here."""

    command: str
    exit_code: int
    output: str


def testing_commands(job: dict) -> list[str]:
    """The job's commands that test or report coverage (installs left out: already installed)."""
    return [
        command
        for command in commands(job)
        if re.search(r"\b(pytest|coverage)\b", command) and not INSTALLS.search(command)
    ]


def run_commands(
    job: dict, workdir: Path, files: dict[str, str], repo_root: Path, timeout: float = 120
) -> list[Ran]:
    """Run the job's test commands in ``workdir``, laid out like the repository: its
    ``pyproject.toml`` (pytest and coverage configuration), then ``files`` (path -> text).
    The commands find the course's Python first on PATH and ``course_app`` on PYTHONPATH;
    pytest loads the plugins of PYTEST_PLUGINS. Stops at the first command that fails, as a
    job does."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    shutil.copy2(repo_root / "pyproject.toml", workdir / "pyproject.toml")
    for name, text in files.items():
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / name).write_text(text)
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(repo_root), os.environ.get("PYTHONPATH")])),
        "CI": "true",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "PYTEST_PLUGINS": PYTEST_PLUGINS,
    }
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("COVERAGE_PROCESS_START", None)
    ran = []
    for command in testing_commands(job):
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", command],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        ran.append(Ran(command, done.returncode, done.stdout[-3000:] + done.stderr[-2000:]))
        if done.returncode != 0:
            break
    return ran
