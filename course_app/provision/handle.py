"""ServiceHandle: what tests and notebooks get back from postgres() / rabbitmq()."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

BACKEND_LABELS = {
    "env": "existing server from {location}",
    "docker": "Docker, image {location}",
    "local": "{location}",
    "pgserver": "{location}",
}


class Server(Protocol):
    """What every backend provides (local binaries, Docker, an existing server)."""

    url: str
    version: str

    def start(self) -> float: ...
    def stop(self) -> None: ...
    def close(self) -> None: ...


@dataclass
class ServiceHandle:
    service: str  # "PostgreSQL" or "RabbitMQ"
    backend: str  # "env" | "docker" | "local" | "pgserver"
    location: str  # where it came from: binaries dir, image, env var name
    ready_s: float  # seconds from the call to the first successful query/connection
    server: Server = field(repr=False)

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def version(self) -> str:
        return self.server.version

    def stop(self) -> None:
        """Take the service down (the URL stays reserved for start())."""
        self.server.stop()

    def start(self) -> float:
        """Bring it back on the same URL; returns the seconds until it answered again."""
        return self.server.start()

    def close(self) -> None:
        self.server.close()

    def describe(self) -> str:
        """One line for notebooks, e.g. 'PostgreSQL 15.14 (Debian package,
        /usr/lib/postgresql/15/bin) on 127.0.0.1:54321, ready in 0.9 s'."""
        where = BACKEND_LABELS[self.backend].format(location=self.location)
        address = urlsplit(self.url)
        return (
            f"{self.service} {self.version} ({where}) on {address.hostname}:{address.port},"
            f" ready in {self.ready_s:.1f} s"
        )
