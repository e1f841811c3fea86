"""`python -m course_app doctor`: the table, the JSON, and the exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from course_app.doctor import main
from course_app.provision.process_control import COURSE_ROOT, with_import_path

pytestmark = pytest.mark.provisioning


def test_start_json_reports_every_service_with_ready_times(postgres_service, rabbitmq_service):
    # The session's servers are handed over by URL, so this checks the "env" backend
    # end to end without starting a second PostgreSQL and RabbitMQ.
    env = with_import_path(
        {
            **os.environ,
            "COURSE_POSTGRES_URL": postgres_service.url,
            "COURSE_RABBITMQ_URL": rabbitmq_service.url,
        }
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from course_app.doctor import main; raise SystemExit(main())",
            "--json",
            "--start",
        ],
        env=env,
        cwd=COURSE_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(done.stdout)
    for key in ("postgres", "rabbitmq", "browser", "docker"):
        assert isinstance(report[key]["available"], bool)
        assert isinstance(report[key]["backend"], str)
    for key in ("postgres", "rabbitmq", "browser"):
        assert report[key]["available"], report[key]
        assert isinstance(report[key]["ready_s"], float) and report[key]["ready_s"] > 0
    assert report["postgres"]["backend"] == report["rabbitmq"]["backend"] == "env"
    assert done.returncode == 0, done.stderr


def test_table_names_each_service_and_its_backend(capsys, monkeypatch):
    monkeypatch.delenv("COURSE_POSTGRES_URL", raising=False)
    main([])
    table = capsys.readouterr().out
    for word in (
        "Python",
        "fastapi",
        "pact-python",
        "Docker",
        "PostgreSQL",
        "RabbitMQ",
        "Browser",
        "Result:",
    ):
        assert word in table


def test_missing_services_exit_1_and_say_how_to_get_them(no_local_services, capsys):
    assert main([]) == 1
    out = capsys.readouterr().out
    assert "MISSING" in out and "something is missing" in out
    assert "How to get PostgreSQL:" in out and "apt-get install postgresql" in out
    assert "How to get RabbitMQ:" in out and "conda-forge rabbitmq-server" in out
    assert "How to get Browser:" in out
    assert main(["--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["postgres"] == {**report["postgres"], "available": False, "backend": "none"}
