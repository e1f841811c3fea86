"""What a local instance leaves on the machine, and waiting until all of it is gone."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from course_app.provision.handle import ServiceHandle
from course_app.provision.ports import port_is_free


@dataclass
class Footprint:
    """Everything a local instance owns: its dir, its processes, its ports."""

    workdir: Path
    pids: set[int]
    ports: list[int]

    @classmethod
    def of(cls, handle: ServiceHandle) -> Footprint:
        server = handle.server
        pids = set()
        for ref in server.processes.refs():
            root = psutil.Process(ref.pid)
            pids |= {root.pid, *(child.pid for child in root.children(recursive=True))}
        return cls(server.workdir, pids, list(server.ports))

    def leftovers(self) -> list[str]:
        alive = [
            pid
            for pid in self.pids
            if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        ]
        busy = [port for port in self.ports if not port_is_free(port)]
        found = [f"processes {alive}"] if alive else []
        found += [f"ports {busy}"] if busy else []
        found += [f"dir {self.workdir}"] if self.workdir.exists() else []
        return found

    def assert_gone(self, within: float) -> None:
        deadline = time.monotonic() + within
        while self.leftovers() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not self.leftovers(), f"left behind after {within} s: {self.leftovers()}"
