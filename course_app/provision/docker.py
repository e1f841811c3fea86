"""Backend "docker": the service in a container, via testcontainers.

Only used when a Docker engine answers *quickly*: on Binder, CI and many laptops there
is none, and asking must cost a fraction of a second, never a hang.
Containers are removed by testcontainers' Ryuk reaper if our process dies.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import lru_cache

from course_app.provision.ports import HOST, free_port
from course_app.provision.waiting import poll_until

POSTGRES_IMAGE = "postgres:16-alpine"
RABBITMQ_IMAGE = "rabbitmq:3.13-alpine"


@lru_cache(maxsize=1)
def docker_available(timeout: float = 2.0) -> bool:
    """True when a Docker engine answers a ping within `timeout` seconds."""
    try:
        import docker

        client = docker.from_env(timeout=timeout)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:  # DockerException, missing socket, engine down, no package...
        return False


class DockerServer:
    """A container with its service port bound to a fixed host port, so that stop() and
    start() keep the URL (a random mapping would change on restart)."""

    def __init__(
        self,
        container,
        inner_port: int,
        url_for: Callable[[int], str],
        probe: Callable[[str], str],
        timeout: float,
    ) -> None:
        self.host_port = free_port()
        self.container = container.with_bind_ports(inner_port, self.host_port)
        self.url = url_for(self.host_port)
        self._probe, self.timeout, self.version = probe, timeout, ""

    def _wait(self, started: float) -> float:
        self.version = poll_until(lambda: self._probe(self.url), self.timeout, "container")
        return time.monotonic() - started

    def first_start(self) -> float:
        started = time.monotonic()
        self.container.start()
        return self._wait(started)

    def start(self) -> float:
        started = time.monotonic()
        self.container.get_wrapped_container().start()
        return self._wait(started)

    def stop(self) -> None:
        self.container.get_wrapped_container().stop(timeout=10)

    def close(self) -> None:
        self.container.stop()  # stops and removes the container


def postgres_container(probe: Callable[[str], str], timeout: float) -> DockerServer:
    try:  # testcontainers >= 4.15 moved the modules to testcontainers.community
        from testcontainers.community.postgres import PostgresContainer
    except ImportError:
        from testcontainers.postgres import PostgresContainer

    container = PostgresContainer(
        POSTGRES_IMAGE, username="course", password="course", dbname="course", driver=None
    )
    return DockerServer(
        container,
        5432,
        lambda port: f"postgresql://course:course@{HOST}:{port}/course",
        probe,
        timeout,
    )


def rabbitmq_container(probe: Callable[[str], str], timeout: float) -> DockerServer:
    try:
        from testcontainers.community.rabbitmq import RabbitMqContainer
    except ImportError:
        from testcontainers.rabbitmq import RabbitMqContainer

    container = RabbitMqContainer(RABBITMQ_IMAGE, username="guest", password="guest")
    return DockerServer(
        container, 5672, lambda port: f"amqp://guest:guest@{HOST}:{port}/", probe, timeout
    )
