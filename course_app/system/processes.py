"""The uvicorn processes of one running system: started, watched, logged and stopped.

They share a throwaway work dir from the provisioning layer, which also records their
pids, and a reaper: if our own process is killed (a notebook kernel restart, kill -9),
the reaper stops them, so a dead launcher never leaves servers behind.
"""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from course_app.provision import reaper
from course_app.provision.processes import ProcessRef, popen_as, stop_tree
from course_app.provision.workdir import create_workdir, record_processes, sweep_stale
from course_app.system.services import ServiceSpec

STOP_GRACE_SECONDS = 10.0  # uvicorn finishes open requests, then we stop waiting


class ServiceProcesses:
    def __init__(self, host: str, env: dict[str, str], log_dir: Path | None = None) -> None:
        sweep_stale()  # servers of an earlier run whose owner and reaper both died
        self.host, self.env = host, env
        self.workdir = create_workdir("system")
        self.log_dir = Path(log_dir) if log_dir else self.workdir
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._reaper, self._reaper_pipe = reaper.spawn(self.workdir)
        self._running: dict[str, tuple[ProcessRef, subprocess.Popen]] = {}

    def start(self, spec: ServiceSpec, port: int) -> None:
        # --no-proxy-headers: clients reach the services directly, so X-Forwarded-For is
        # whatever a client says. uvicorn trusts it from 127.0.0.1 by default, and the rate
        # limiter would then count one client as many.
        args = [sys.executable, "-m", "uvicorn", spec.app, "--factory",
                "--host", self.host, "--port", str(port), "--no-proxy-headers"]
        proc = popen_as(None, args, self.env, self.log_path(spec.name))
        self._running[spec.name] = (ProcessRef.of(spec.name, proc, signal.SIGTERM), proc)
        record_processes(self.workdir, [ref for ref, _ in self._running.values()])

    def exited(self) -> dict[str, int]:
        """Services whose process has ended, with its exit code."""
        return {name: proc.returncode for name, (_, proc) in self._running.items()
                if proc.poll() is not None}

    def log_path(self, name: str) -> Path:
        return self.log_dir / f"{name}.log"

    def log_tail(self, name: str, lines: int = 20) -> str:
        try:
            text = self.log_path(name).read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the services in the reverse order of their start."""
        for ref, proc in reversed(list(self._running.values())):
            stop_tree(ref, grace=STOP_GRACE_SECONDS)
            proc.wait()  # reap our child: no zombie
        self._running.clear()
        record_processes(self.workdir, [])

    def close(self) -> None:
        """Stop everything, remove the work dir (and the logs in it), let the reaper go."""
        try:
            self.stop()
        finally:
            shutil.rmtree(self.workdir, ignore_errors=True)
            pipe, self._reaper_pipe = self._reaper_pipe, -1
            if pipe >= 0:
                os.close(pipe)  # end-of-file: the reaper finds the dir gone and exits
                self._reaper.wait(timeout=10)
