"""ProcessSupervisor: the life cycle of the processes one owner starts, written once.

A throwaway PostgreSQL or RabbitMQ (course_app.provision.local) and the services of a
running system (course_app.system.runner) need the same things, so they share this:

- a sweep of earlier runs whose owner and reaper both died (their dirs and processes);
- a work dir of their own, which records the processes as they start;
- a reaper that stops them if the owner is killed (a kernel restart, kill -9);
- each process in its own session, logging to a file, and stopped in reverse order;
- the last lines of a log, for error messages.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path
from pwd import struct_passwd

from course_app.provision import reaper
from course_app.provision.process_control import ProcessRef, popen_as, stop_tree
from course_app.provision.workdir import create_workdir, record_processes, sweep_stale

REAPER_EXIT_S = 10.0  # the reaper exits at once when told; we do not wait longer


class ProcessSupervisor:
    """Starts named processes in a work dir of its own; stops them all on close()."""

    def __init__(self, slug: str, log_dir: Path | None = None) -> None:
        sweep_stale()
        self.workdir = create_workdir(slug)
        self.log_dir = Path(log_dir) if log_dir else self.workdir  # else removed with it
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._reaper, self._reaper_pipe = reaper.spawn(self.workdir)
        self._running: dict[str, tuple[ProcessRef, subprocess.Popen]] = {}  # in start order

    def start(
        self,
        name: str,
        args: list[str],
        env: dict[str, str],
        *,
        stop_signal: int = signal.SIGTERM,
        account: struct_passwd | None = None,
        log: str | None = None,
    ) -> subprocess.Popen:
        """Start `args` in its own session (as `account` when given), appending its output
        to the log `log` (default: `name`). It is recorded at once, so the reaper and a
        later sweep find it; `stop_signal` is its fastest clean stop.

        A name whose process has ended (a crash, a kill, stop_one) may be started again:
        its log goes on where it stopped. One still running is refused: we would lose
        track of it, and nothing would ever stop it."""
        if name in self._running:
            _, earlier = self._running[name]
            if earlier.poll() is None:
                raise RuntimeError(f"{name} is already running (pid {earlier.pid})")
            del self._running[name]  # ended and reaped by poll(): started anew below
        process = popen_as(account, args, env, self.log_path(log or name))
        self._running[name] = (ProcessRef.of(name, process, stop_signal), process)
        record_processes(self.workdir, self.refs())
        return process

    def refs(self) -> list[ProcessRef]:
        """The running processes, in the order they were started."""
        return [ref for ref, _ in self._running.values()]

    def exited(self) -> dict[str, int]:
        """Processes that ended on their own (a crash), with their exit codes."""
        return {
            name: process.returncode
            for name, (_, process) in self._running.items()
            if process.poll() is not None
        }

    def log_path(self, log: str) -> Path:
        return self.log_dir / f"{log}.log"

    def log_tail(self, log: str, lines: int = 20) -> str:
        try:
            text = self.log_path(log).read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop_one(self, name: str, grace: float = 10.0) -> None:
        """Stop one process (and its children); start(name, ...) may start it again.
        A name that is not running (never started, or stopped already) is left as it is."""
        if name not in self._running:
            return
        ref, process = self._running.pop(name)
        stop_tree(ref, grace)
        process.wait()  # reap our child: no zombie
        record_processes(self.workdir, self.refs())

    def stop(self, grace: float = 10.0) -> None:
        """Stop the processes, the last started first; the work dir stays for a restart."""
        for ref, process in reversed(self._running.values()):
            stop_tree(ref, grace)
            process.wait()  # reap our child: no zombie
        self._running.clear()
        record_processes(self.workdir, [])

    def close(self, grace: float = 10.0) -> None:
        """Stop everything, remove the work dir (and the logs in it), let the reaper go."""
        try:
            self.stop(grace)
        finally:
            shutil.rmtree(self.workdir, ignore_errors=True)
            pipe, self._reaper_pipe = self._reaper_pipe, -1
            if pipe >= 0:
                os.close(pipe)  # end-of-file: the reaper finds the dir gone and exits
                try:
                    self._reaper.wait(timeout=REAPER_EXIT_S)
                except subprocess.TimeoutExpired:
                    pass  # it finishes on its own; nothing of ours is left for it to do
