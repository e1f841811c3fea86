"""Judge a GitHub Actions workflow by what it does: the parsed YAML, not its spelling.

actionlint (``workbook.actionlint``) and zizmor (``workbook.zizmor``) lint the file; this
module reads what the linters cannot judge for a course: which jobs wait for which, what
each job of a matrix runs, what it uploads and whether the upload still happens when the
tests failed, and whether every action is on a release whose runtime GitHub still has.
Every function accepts the valid equivalents GitHub accepts: ``needs: unit`` and
``needs: [unit]``, ``if: always()`` and ``if: ${{ always() }}``, an action pinned by tag
(``@v7``) or by commit SHA with its release in a comment (``@<sha>  # v7.0.1``), a matrix
written as axes or with ``include:``. Notebook 09 (exercise 9.1) uses it; so may 13/14.
"""

from __future__ import annotations

import itertools
import re
from fnmatch import fnmatch
from pathlib import Path

import yaml

# The first major of each action whose runtime is Node 24: GitHub removed Node 20 from its
# runners in September 2026, so checkout@v4, setup-python@v5, upload-artifact@v4... no longer
# run. The same table is asserted for the course's own workflows in tests/setup/test_workflow.py.
NODE24_MAJORS = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "astral-sh/setup-uv": 7,
    "actions/upload-artifact": 6,
    "actions/download-artifact": 7,
}
STUB = "raise NotImplementedError"
USES = re.compile(
    r"""uses:\s*["']?(?P<action>[\w.-]+/[\w.-]+)(?P<sub>/[\w./-]*)?@(?P<ref>[\w.-]+)["']?"""
    r"""\s*(?:\#\s*(?P<comment>.*))?$"""
)
MATRIX_VALUE = re.compile(r"\$\{\{\s*matrix\.([\w-]+)\s*\}\}")
STATUS_ONLY = re.compile(r"^(?:\s|\(|\)|!|&&|\|\||(?:always|success|failure|cancelled)\(\))*$")


def load(path: Path) -> dict:
    """The parsed workflow. NotImplementedError while it holds the stub; ValueError, with the
    reason, when it is not YAML or not a workflow with jobs."""
    text = Path(path).read_text()
    if STUB in text:
        raise NotImplementedError("the workflow still holds the stub: write your YAML in its place")
    try:
        workflow = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(f"not valid YAML: {error}") from None
    if not isinstance(workflow, dict) or not isinstance(workflow.get("jobs"), dict):
        raise ValueError("a workflow is a mapping with a `jobs:` mapping in it")
    return workflow


def triggers(workflow: dict) -> set[str]:
    """The events that start the workflow (YAML 1.1 reads a bare ``on`` key as True)."""
    on = workflow.get("on", workflow.get(True, []))
    return {on} if isinstance(on, str) else set(on or [])


def needs_of(job: dict) -> list[str]:
    """A job's ``needs:`` as a list (YAML allows one name or a list)."""
    value = job.get("needs", [])
    return [value] if isinstance(value, str) else list(value)


def missing_needs(jobs: dict) -> list[str]:
    """One message per ``needs:`` that names a job the workflow does not have."""
    return [
        f"job {name!r} needs {need!r}, which is not a job of this workflow (jobs: {', '.join(jobs)})"
        for name, job in jobs.items()
        for need in needs_of(job)
        if need not in jobs
    ]


def expand_matrix(job: dict) -> list[dict]:
    """The matrix's combinations as GitHub builds them: the product of the axes, minus
    ``exclude``, then each ``include`` added to the combinations it does not contradict (or as
    a combination of its own). ``[{}]`` for a job without a matrix."""
    matrix = dict(job.get("strategy", {}).get("matrix") or {})
    include, exclude = matrix.pop("include", []) or [], matrix.pop("exclude", []) or []
    axes = {key: values for key, values in matrix.items() if isinstance(values, list)}
    combos = (
        [dict(zip(axes, values, strict=True)) for values in itertools.product(*axes.values())]
        if axes
        else []
    )
    combos = [c for c in combos if not any(e.items() <= c.items() for e in exclude)]
    originals = [dict(c) for c in combos]
    for extra in include:
        fits = [
            i
            for i, c in enumerate(originals)
            if all(c.get(k, v) == v for k, v in extra.items() if k in axes)
        ]
        for i in fits:
            combos[i].update(extra)
        if not fits:
            combos.append(dict(extra))
    return combos or [{}]


def render(text: str, combination: dict) -> str:
    """``text`` with each ``${{ matrix.<axis> }}`` replaced by the combination's value."""
    return MATRIX_VALUE.sub(lambda m: str(combination.get(m.group(1), m.group(0))), str(text))


def matrix_jobs(job: dict) -> list[tuple[dict, list[dict]]]:
    """Each job the matrix makes: (its combination, its steps with the matrix values filled in)."""
    return [(combo, _render_all(job.get("steps", []), combo)) for combo in expand_matrix(job)]


def _render_all(value, combination: dict):
    if isinstance(value, str):
        return render(value, combination)
    if isinstance(value, list):
        return [_render_all(item, combination) for item in value]
    if isinstance(value, dict):
        return {key: _render_all(item, combination) for key, item in value.items()}
    return value


def runs_when(condition, *, earlier_step_failed: bool) -> bool:
    """Whether a step with ``if: condition`` runs, after earlier steps passed or failed.

    Judges conditions made of status functions (``always()``, ``success()``, ``failure()``,
    ``cancelled()``, ``!``, ``&&``, ``||``), with or without ``${{ }}``; ValueError otherwise.
    """
    if condition is None:
        return not earlier_step_failed  # no if: means success()
    if isinstance(condition, bool):
        return condition
    expression = str(condition).strip()
    if expression.startswith("${{") and expression.endswith("}}"):
        expression = expression[3:-2].strip()
    if not STATUS_ONLY.match(expression):
        raise ValueError(f"cannot judge `if: {condition}`: use status functions such as always()")
    values = {
        "always()": "True",
        "success()": str(not earlier_step_failed),
        "failure()": str(earlier_step_failed),
        "cancelled()": "False",
    }
    for function, value in values.items():
        expression = expression.replace(function, f" {value} ")
    python = expression.replace("&&", " and ").replace("||", " or ").replace("!", " not ")
    return bool(eval(python, {"__builtins__": {}}))  # noqa: S307 - only True/False/and/or/not left


def steps_using(job: dict, action: str) -> list[dict]:
    """The job's steps that use ``action`` (``owner/repo``), whatever the ref."""
    return [s for s in job.get("steps", []) if str(s.get("uses", "")).startswith(action + "@")]


def upload_paths(step: dict) -> list[str]:
    """The paths an upload-artifact step uploads (one per line; exclusions ``!`` left out)."""
    lines = str((step.get("with") or {}).get("path", "")).splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("!")]


def uploads(step: dict, file: str) -> bool:
    """Whether an upload-artifact step's paths hold ``file`` (a folder above it, the file, or a glob)."""
    file = file.removeprefix("./")
    for path in upload_paths(step):
        path = path.removeprefix("./").rstrip("/")
        if file == path or file.startswith(path + "/") or fnmatch(file, path):
            return True
    return False


def action_problems(text: str) -> list[str]:
    """Actions that are not pinned to a release on a current major, one message each."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        found = USES.search(line)
        if not found or line.lstrip().startswith("#"):
            continue
        action, ref, comment = found["action"], found["ref"], found["comment"] or ""
        if re.fullmatch(r"[0-9a-f]{40}", ref):
            release = re.match(r"v?(\d+)", comment.strip())
            if not release:
                problems.append(
                    f"line {number}: {action} is pinned by SHA without its release in a "
                    "comment (`@<sha>  # v7.0.1`): nobody can tell which version it is"
                )
                continue
            major = int(release.group(1))
        elif version := re.fullmatch(r"v(\d+)(?:\.\d+){0,2}", ref):
            major = int(version.group(1))
        else:
            problems.append(
                f"line {number}: {action}@{ref} is not a release: pin a tag (@v7) or a SHA"
            )
            continue
        oldest = NODE24_MAJORS.get(action)
        if oldest and major < oldest:
            problems.append(
                f"line {number}: {action} v{major} runs on Node 20, which GitHub removed "
                f"in September 2026: use v{oldest} or later"
            )
    return problems


def upload_problems(jobs: dict) -> list[str]:
    """Uploads without a path, and matrix jobs whose uploads share one artifact name (since
    upload-artifact v4 an artifact is immutable: the second upload of a name fails)."""
    problems = []
    for name, job in jobs.items():
        for step in steps_using(job, "actions/upload-artifact"):
            if not upload_paths(step):
                problems.append(
                    f"job {name!r}: an upload-artifact step without `path:` uploads nothing"
                )
            artifact = str((step.get("with") or {}).get("name", "artifact"))
            names = [render(artifact, combo) for combo in expand_matrix(job)]
            if len(set(names)) < len(names):
                problems.append(
                    f"job {name!r}: {len(names)} matrix jobs upload the artifact "
                    f"{artifact!r} under the same name; put the matrix values in the name"
                )
    return problems


def problems(path: Path) -> list[str]:
    """Everything wrong with the workflow that needs no knowledge of the exercise."""
    jobs = load(path)["jobs"]
    return [*missing_needs(jobs), *action_problems(Path(path).read_text()), *upload_problems(jobs)]
