"""What notebook 09's exercise 9.1 judges a workflow with: workbook.workflow_check, the
zizmor wrapper, and the job graph of workbook.workflow_graph.

Each judge is shown to accept the valid equivalents GitHub accepts and to reject each
broken variant (a need of a missing job, a Node 20 action, an upload without a path, one
artifact name for a whole matrix) with a message that names the problem.
"""

import matplotlib

matplotlib.use("Agg")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import yaml  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402

from course_app.provision.pytest_plugin import skip_or_fail  # noqa: E402
from workbook import workflow_check as check  # noqa: E402
from workbook import workflow_graph as graph  # noqa: E402
from workbook import zizmor  # noqa: E402

pytestmark = pytest.mark.course

ROOT = Path(__file__).resolve().parents[2]
COURSE_WORKFLOW = ROOT / ".github" / "workflows" / "microservices-tests.yml"

GOOD = """\
name: Unit tests per service
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  unit:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        service: [users, orders, inventory]
        python-version: ["3.11", "3.13"]
    steps:
      - uses: actions/checkout@v7
        with:
          persist-credentials: false
      - uses: actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97  # v7.0.0
        with:
          python-version: ${{ matrix.python-version }}
      - run: python -m pytest tests/unit/${{ matrix.service }} --junitxml=reports/junit.xml
      - uses: actions/upload-artifact@v7
        if: ${{ always() }}
        with:
          name: junit-${{ matrix.service }}-${{ matrix.python-version }}
          path: reports/
  integration:
    needs: [unit]
    runs-on: ubuntu-latest
    steps:
      - run: bash scripts/run_tests.sh integration
"""


def write(tmp_path, text, name="workflow.yml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_good_workflow_has_no_problems(tmp_path):
    assert check.problems(write(tmp_path, GOOD)) == []


def test_the_course_workflow_has_no_problems():
    assert check.problems(COURSE_WORKFLOW) == []


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (GOOD.replace("needs: [unit]", "needs: [units]"), "needs 'units', which is not a job"),
        (GOOD.replace("actions/checkout@v7", "actions/checkout@v4"), "checkout v4 runs on Node 20"),
        (GOOD.replace("# v7.0.0", "# v5.6.0"), "setup-python v5 runs on Node 20"),
        (GOOD.replace("  # v7.0.0", ""), "pinned by SHA without its release"),
        (GOOD.replace("actions/checkout@v7", "actions/checkout@main"), "is not a release"),
        (GOOD.replace("          path: reports/\n", ""), "without `path:` uploads nothing"),
        (GOOD.replace("-${{ matrix.python-version }}\n", "\n"), "under the same name"),
    ],
    ids=[
        "missing-need",
        "node20-tag",
        "node20-sha",
        "sha-without-release",
        "branch",
        "no-path",
        "one-name",
    ],
)
def test_each_broken_variant_is_rejected_with_its_reason(tmp_path, broken, message):
    found = check.problems(write(tmp_path, broken))
    assert any(message in problem for problem in found), found


def test_the_stub_is_not_started_and_garbage_is_a_clear_error(tmp_path):
    with pytest.raises(NotImplementedError):
        check.load(write(tmp_path, '# YOUR CODE HERE\nraise NotImplementedError("Exercise 9.1")\n'))
    with pytest.raises(ValueError, match="not valid YAML"):
        check.load(write(tmp_path, "jobs: [unclosed\n"))
    with pytest.raises(ValueError, match="jobs"):
        check.load(write(tmp_path, "name: no jobs\n"))


def test_triggers_read_a_bare_on_key():
    assert check.triggers(yaml.safe_load(GOOD)) == {"push", "pull_request"}
    assert check.triggers({"on": "push"}) == {"push"}


def test_a_matrix_written_with_include_expands_to_the_same_combinations():
    axes = yaml.safe_load(GOOD)["jobs"]["unit"]
    listed = {
        "strategy": {
            "matrix": {
                "include": [
                    {"service": s, "python-version": v}
                    for s in ("users", "orders", "inventory")
                    for v in ("3.11", "3.13")
                ]
            }
        }
    }
    key = lambda combos: sorted(tuple(sorted(c.items())) for c in combos)  # noqa: E731
    assert key(check.expand_matrix(axes)) == key(check.expand_matrix(listed))
    assert len(check.expand_matrix(axes)) == 6


def test_exclude_and_an_include_that_extends():
    job = {
        "strategy": {
            "matrix": {
                "os": ["a", "b"],
                "v": [1, 2],
                "exclude": [{"os": "b", "v": 2}],
                "include": [{"os": "a", "extra": True}, {"os": "c", "v": 9}],
            }
        }
    }
    combos = check.expand_matrix(job)
    assert {"os": "b", "v": 2} not in combos
    assert {"os": "a", "v": 1, "extra": True} in combos and {"os": "c", "v": 9} in combos
    assert check.expand_matrix({}) == [{}]


def test_render_fills_in_matrix_values_however_spaced():
    assert (
        check.render(
            "t/${{matrix.service}}-${{ matrix.python-version }}",
            {"service": "users", "python-version": "3.13"},
        )
        == "t/users-3.13"
    )


@pytest.mark.parametrize(
    "condition",
    [
        "always()",
        "${{ always() }}",
        "!cancelled()",
        "success() || failure()",
        "${{ failure() || success() }}",
    ],
)
def test_conditions_that_upload_after_a_failure_and_a_success(condition):
    assert check.runs_when(condition, earlier_step_failed=True)
    assert check.runs_when(condition, earlier_step_failed=False)


def test_conditions_that_miss_one_outcome():
    assert not check.runs_when(None, earlier_step_failed=True)
    assert not check.runs_when("success()", earlier_step_failed=True)
    assert not check.runs_when("failure()", earlier_step_failed=False)
    with pytest.raises(ValueError, match="status functions"):
        check.runs_when("github.ref == 'refs/heads/main'", earlier_step_failed=True)


def test_each_matrix_job_gets_its_own_steps():
    jobs = check.matrix_jobs(yaml.safe_load(GOOD)["jobs"]["unit"])
    commands = {combo["service"]: steps[2]["run"] for combo, steps in jobs}
    assert len(jobs) == 6 and "tests/unit/orders " in commands["orders"]
    assert check.matrix_jobs({"steps": [{"run": "x"}]}) == [({}, [{"run": "x"}])]


@pytest.mark.parametrize(
    ("path", "holds"),
    [
        ("reports/", True),
        ("./reports", True),
        ("reports/*.xml", True),
        ("reports/junit.xml", True),
        ("other/", False),
        ("report", False),
    ],
)
def test_an_upload_holds_a_file_below_its_folder_or_matching_its_glob(path, holds):
    assert check.uploads({"with": {"path": path}}, "reports/junit.xml") is holds


# ---- zizmor, with the learner policy ----


@pytest.fixture(scope="module")
def zizmor_present():
    try:
        zizmor.find_package()
    except zizmor.ZizmorUnavailable as missing:
        skip_or_fail(str(missing))


def test_zizmor_accepts_release_tags_for_github_actions_only(zizmor_present, tmp_path):
    assert zizmor.audit(write(tmp_path, GOOD)) == []
    third_party = GOOD.replace("actions/checkout@v7", "astral-sh/setup-uv@v10")
    idents = {f["ident"] for f in zizmor.audit(write(tmp_path, third_party))}
    assert idents == {"unpinned-uses"}


def test_zizmor_reports_credentials_and_permissions(zizmor_present, tmp_path):
    loose = GOOD.replace("          persist-credentials: false\n", "").replace(
        "        with:\n      - uses: actions/setup", "      - uses: actions/setup"
    )
    loose = loose.replace("permissions:\n  contents: read\n", "")
    findings = zizmor.audit(write(tmp_path, loose))
    assert {"artipacked", "excessive-permissions"} <= {f["ident"] for f in findings}
    assert "artipacked" in zizmor.describe(findings)


# ---- the job graph ----


def jobs_of(needs: dict) -> dict:
    return {name: {"needs": list(before)} for name, before in needs.items()}


def test_wall_clock_is_the_longest_path_not_the_sum_of_slowest_per_wave():
    jobs = jobs_of(
        {
            "a": [],
            "slow": ["a"],
            "quick": ["a"],
            "after-quick": ["quick"],
            "end": ["slow", "after-quick"],
        }
    )
    minutes = {"a": 1, "slow": 10, "quick": 1, "after-quick": 8, "end": 1}
    assert graph.waves(jobs) == [["a"], ["slow", "quick"], ["after-quick"], ["end"]]
    assert graph.wave_sum(jobs, minutes) == 1 + 10 + 8 + 1
    assert graph.critical_path(jobs, minutes) == (12, ["a", "slow", "end"])


def test_the_course_pipeline_at_its_timeouts():
    jobs = yaml.safe_load(COURSE_WORKFLOW.read_text())["jobs"]
    minutes = {name: job["timeout-minutes"] for name, job in jobs.items()}
    total, path = graph.critical_path(jobs, minutes)
    assert path[0] == "unit" and path[-1] == "deploy"
    assert total == sum(minutes[name] for name in path) <= graph.wave_sum(jobs, minutes)


def test_a_cycle_or_a_missing_job_is_refused():
    with pytest.raises(ValueError, match="cycle"):
        graph.depths(jobs_of({"a": ["b"], "b": ["a"]}))
    with pytest.raises(ValueError, match="not a job"):
        graph.depths(jobs_of({"e2e": ["unit-tests"]}))


def test_the_figure_marks_the_critical_path_by_line_style_too():
    jobs = jobs_of({"a": [], "b": ["a"], "c": ["a"], "d": ["b", "c"]})
    fig = graph.draw(jobs, {"a": 1, "b": 5, "c": 1, "d": 1}, "test")
    arrows = [p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]
    styles = sorted(a.get_linestyle() for a in arrows)
    assert len(arrows) == 4 and styles == ["-", "-", "--", "--"]
    assert fig.axes[0].get_title() and fig.axes[0].get_xlabel()
