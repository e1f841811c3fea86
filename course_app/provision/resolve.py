"""The resolution order, shared by PostgreSQL and RabbitMQ.

1. a URL from the environment (an existing server: backend "env");
2. a container, when a Docker engine answers (backend "docker");
3. local binaries started as a throwaway instance (backend "local" or "pgserver");
4. otherwise ServiceUnavailable, whose message lists the ways to get the service.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from course_app.provision import docker
from course_app.provision.errors import ServiceUnavailable
from course_app.provision.external import ExternalServer
from course_app.provision.handle import ServiceHandle
from course_app.provision.local import Binaries, LocalServer
from course_app.provision.waiting import NotReady, poll_until


@dataclass(frozen=True)
class BackingService:
    """A server the services depend on (PostgreSQL, RabbitMQ), and every way to get one."""

    service: str  # "PostgreSQL"
    env_var: str  # "COURSE_POSTGRES_URL"
    probe: Callable[[str], str]  # url -> server version; raises while not ready
    find_binaries: Callable[[], Binaries | None]
    local_server: Callable[[Binaries, float], LocalServer]
    container: Callable[[Callable[[str], str], float], docker.DockerServer]


def provision(spec: BackingService, timeout: float) -> ServiceHandle:
    """Start (or attach to) the service and wait until it answers."""
    started = time.monotonic()
    url = os.environ.get(spec.env_var)
    if url:
        return _attach(spec, url, timeout, started)
    docker_error = ""
    if docker.docker_available():
        server = spec.container(spec.probe, timeout)
        try:
            server.first_start()
            image = server.container.image
            return ServiceHandle(spec.service, "docker", image, time.monotonic() - started, server)
        except Exception as error:  # image pull failed, engine hiccup: try local binaries
            _close_quietly(server)
            docker_error = f"Docker was tried and failed ({error}); "
    binaries = spec.find_binaries()
    if binaries is None:
        raise _none_found(spec, docker_error)
    return provision_local(spec, binaries, timeout, started)


def provision_local(
    spec: BackingService, binaries: Binaries, timeout: float, started: float | None = None
) -> ServiceHandle:
    """A throwaway instance from the given binaries (the benchmark calls it directly)."""
    started = time.monotonic() if started is None else started
    server = spec.local_server(binaries, timeout)
    try:
        server.first_start()
    except BaseException:
        server.close()  # a failed or interrupted start leaves nothing behind
        raise
    location = f"{binaries.source}, {binaries.bin_dir}"
    return ServiceHandle(
        spec.service, binaries.backend, location, time.monotonic() - started, server
    )


def plan(spec: BackingService) -> tuple[str, str]:
    """Which backend provision() would use, without starting anything: (backend, where).
    Raises ServiceUnavailable when there is none (the doctor reports this)."""
    if os.environ.get(spec.env_var):
        return "env", spec.env_var
    if docker.docker_available():
        return "docker", "Docker engine"
    binaries = spec.find_binaries()
    if binaries is None:
        raise _none_found(spec)
    return binaries.backend, f"{binaries.source}, {binaries.bin_dir}"


def _attach(spec: BackingService, url: str, timeout: float, started: float) -> ServiceHandle:
    server = ExternalServer(url, spec.probe, spec.env_var)
    try:
        server.version = poll_until(lambda: spec.probe(url), timeout, spec.env_var)
    except NotReady as error:
        # The learner asked for this server explicitly: falling back silently would hide it.
        raise ServiceUnavailable.missing(
            spec.service, f"{spec.env_var} is set but {error}"
        ) from None
    return ServiceHandle(spec.service, "env", spec.env_var, time.monotonic() - started, server)


@contextmanager
def serve(spec: BackingService, timeout: float) -> Iterator[ServiceHandle]:
    """Context manager form: the service is removed on exit, exception or Ctrl-C."""
    handle = provision(spec, timeout)
    try:
        yield handle
    finally:
        handle.close()


def _close_quietly(server: docker.DockerServer) -> None:
    try:
        server.close()
    except Exception:  # the container may never have started
        pass


def _none_found(spec: BackingService, docker_error: str = "") -> ServiceUnavailable:
    return ServiceUnavailable.missing(
        spec.service, f"{docker_error}no {spec.env_var}, no Docker engine, no local binaries"
    )
