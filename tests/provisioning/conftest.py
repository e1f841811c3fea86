"""Fixtures for the provisioning tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def no_local_services(monkeypatch, tmp_path):
    """A machine with nothing installed: no binaries anywhere, no Docker, no browser."""
    from course_app.provision import binaries, docker

    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(binaries, "env_prefixes", lambda: [])
    monkeypatch.delenv("COURSE_POSTGRES_URL", raising=False)
    monkeypatch.delenv("COURSE_RABBITMQ_URL", raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(empty))
    monkeypatch.setattr(binaries, "DEBIAN_POSTGRES_GLOB", str(empty / "*" / "bin"))
    monkeypatch.setattr(binaries, "DEBIAN_RABBITMQ_DIR", str(empty))
    monkeypatch.setattr(binaries, "PGSERVER_MODULE", "no_such_pgserver_module")
    monkeypatch.setattr(docker, "docker_available", lambda: False)
