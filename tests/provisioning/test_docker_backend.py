"""The Docker backend's logic, with a stand-in for testcontainers (CI has no engine)."""

from __future__ import annotations

import pytest

from course_app.provision import ServiceUnavailable, docker
from course_app.provision.docker import DockerServer
from course_app.provision.postgres import SPEC
from course_app.provision.resolve import BackingService, provision

pytestmark = pytest.mark.provisioning


class FakeContainer:
    """Records what the backend asks of a testcontainers container."""

    image = "postgres:16-alpine"

    def __init__(self, fail_start: bool = False) -> None:
        self.calls: list[str] = []
        self.bound: tuple[int, int] | None = None
        self.fail_start = fail_start

    def with_bind_ports(self, inner: int, host: int) -> FakeContainer:
        self.bound = (inner, host)
        return self

    def start(self) -> FakeContainer:  # testcontainers: create and start
        if self.fail_start:
            raise RuntimeError("pull access denied")
        self.calls.append("create")
        return self

    def stop(self) -> None:  # testcontainers: stop and remove
        self.calls.append("remove")

    def get_wrapped_container(self) -> FakeDockerContainer:
        return FakeDockerContainer(self.calls)


class FakeDockerContainer:
    """docker-py's Container: stop/start keep the container (and its port binding)."""

    def __init__(self, calls: list[str]) -> None:
        self.calls = calls

    def start(self) -> None:
        self.calls.append("start")

    def stop(self, timeout: int) -> None:
        self.calls.append("stop")


def spec_with(container: FakeContainer, find_binaries=lambda: None) -> BackingService:
    def make(probe, timeout):
        return DockerServer(
            container, 5432, lambda port: f"postgresql://u:p@127.0.0.1:{port}/d", probe, timeout
        )

    return BackingService(
        "PostgreSQL",
        "COURSE_POSTGRES_URL",
        lambda url: "16.4",
        find_binaries,
        SPEC.local_server,
        make,
    )


def test_docker_is_used_when_an_engine_answers_and_keeps_its_port(monkeypatch):
    monkeypatch.delenv("COURSE_POSTGRES_URL", raising=False)
    monkeypatch.setattr(docker, "docker_available", lambda: True)
    container = FakeContainer()
    handle = provision(spec_with(container), timeout=5)
    assert handle.backend == "docker" and handle.version == "16.4"
    assert handle.url.endswith(f":{container.bound[1]}/d") and container.bound[0] == 5432
    url = handle.url
    handle.stop()
    handle.start()
    assert handle.url == url  # a fixed host port: the URL survives the restart
    handle.close()
    assert container.calls == ["create", "stop", "start", "remove"]
    assert "Docker, image postgres:16-alpine" in handle.describe()


def test_a_failing_docker_start_falls_back_and_says_so(monkeypatch):
    monkeypatch.delenv("COURSE_POSTGRES_URL", raising=False)
    monkeypatch.setattr(docker, "docker_available", lambda: True)
    with pytest.raises(ServiceUnavailable, match="Docker was tried and failed .pull access denied"):
        provision(spec_with(FakeContainer(fail_start=True)), timeout=5)
