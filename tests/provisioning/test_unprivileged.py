"""The provisioning layer as an ordinary user, the way Binder (user `jovyan`) runs it.

As root, most of the code takes the "drop to the postgres/rabbitmq account" path; this
test re-runs the smoke script as the unprivileged user `coursetest` (created if missing)
so the other path is exercised on every CI run too.
"""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest

from course_app.provision import binaries
from course_app.provision.pytest_plugin import skip_or_fail

pytestmark = pytest.mark.provisioning

USER = "coursetest"
SMOKE = Path(__file__).with_name("smoke.py")


def ensure_user() -> None:
    try:
        pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER],
            check=True,
            capture_output=True,
        )


def interpreter_for(user: str) -> tuple[list[str], dict[str, str]]:
    """This venv's Python if `user` can run it; else (a venv built from a Python under
    /root, as on some dev machines) the system Python of the same version with this
    venv's packages on its path."""
    probe = ["runuser", "-u", user, "--", sys.executable, "-c", "import psycopg, pika"]
    if subprocess.run(probe, capture_output=True).returncode == 0:
        return [sys.executable], {}
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system_python = Path("/usr/bin", version)
    if not system_python.exists():
        pytest.fail(f"{user} cannot run {sys.executable}: make the venv's Python readable")
    site_packages = next(p for p in sys.path if p.endswith("site-packages"))
    return [str(system_python)], {"PYTHONPATH": site_packages}


@pytest.mark.skipif(os.geteuid() != 0, reason="already unprivileged: every test runs as such")
def test_smoke_test_passes_as_an_unprivileged_user(tmp_path):
    if binaries.find_postgres() is None or binaries.find_rabbitmq() is None:
        skip_or_fail("this test needs local PostgreSQL and RabbitMQ binaries")
    ensure_user()
    home = tmp_path / "home"
    home.mkdir()
    os.chown(home, pwd.getpwnam(USER).pw_uid, -1)
    python, extra_env = interpreter_for(USER)
    env = {key: value for key, value in os.environ.items() if not key.startswith("COURSE_")}
    env.update(HOME=str(home), PYTHONDONTWRITEBYTECODE="1", **extra_env)
    done = subprocess.run(
        ["runuser", "-u", USER, "--", *python, str(SMOKE)],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    uid = pwd.getpwnam(USER).pw_uid
    assert f"running as uid {uid}" in done.stdout
    assert "PostgreSQL" in done.stdout and "RabbitMQ" in done.stdout
    assert "browser ok" in done.stdout
