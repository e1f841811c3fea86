"""Starting processes as the right user with the right import path, and stopping them
with everything they started.

PostgreSQL refuses to run as root, and RabbitMQ's Debian layout expects the `rabbitmq`
user; as an ordinary user (Binder's jovyan) we simply run as ourselves. Every process the
course starts is stopped by one of the three `stop_*` functions here: `stop_tree` for a
recorded server, `stop_group` for a child started in its own session, `stop_processes`
for a list found some other way.
"""

from __future__ import annotations

import os
import pwd
import signal
import subprocess
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import psutil

# The folder that holds `course_app` (and `workbook`, `coursekit`) in a clone of the course.
COURSE_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class ProcessRef:
    """A process we started. pid + create_time identify it even after pid reuse."""

    role: str
    pid: int
    create_time: float
    stop_signal: int  # the fastest clean stop for this server (e.g. SIGQUIT for postgres)

    @classmethod
    def of(cls, role: str, proc: subprocess.Popen, stop_signal: int) -> ProcessRef:
        return cls(role, proc.pid, psutil.Process(proc.pid).create_time(), stop_signal)

    def to_line(self) -> str:
        return f"{self.role} {self.pid} {self.create_time!r} {self.stop_signal}"

    @classmethod
    def from_line(cls, line: str) -> ProcessRef:
        role, pid, created, sig = line.split()
        return cls(role, int(pid), float(created), int(sig))

    def process(self) -> psutil.Process | None:
        """The live process, or None when it is gone (or the pid now belongs to another)."""
        try:
            proc = psutil.Process(self.pid)
            if abs(proc.create_time() - self.create_time) < 0.01:
                return proc
        except psutil.Error:
            pass
        return None


def unprivileged_user(preferred: tuple[str, ...]) -> pwd.struct_passwd | None:
    """The account to run a server as: None means "as ourselves" (we are not root)."""
    if os.geteuid() != 0:
        return None
    for name in (*preferred, "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and found no unprivileged user to run the server")


def _as(account: pwd.struct_passwd | None) -> dict:
    """subprocess arguments that switch to `account` (no external su/runuser needed)."""
    if account is None:
        return {}
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


def popen_as(
    account: pwd.struct_passwd | None, args: list[str], env: dict[str, str], log_path: Path
) -> subprocess.Popen:
    """Start `args` in its own session (so Ctrl-C or a kernel's killpg does not hit it
    half-way; our clean-up stops it), as `account` when given, logging to `log_path`."""
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            args,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=log_path.parent,
            **_as(account),
        )


def run_as(
    account: pwd.struct_passwd | None,
    args: list[str],
    env: dict[str, str],
    cwd: Path,
    timeout: float = 60,
) -> None:
    """Run a set-up program (e.g. initdb) to completion; its output is the error message.
    `cwd` is the work dir: the kernel's own cwd may be unreadable for `account`."""
    done = subprocess.run(
        args,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        **_as(account),
    )
    if done.returncode != 0:
        raise RuntimeError(f"{Path(args[0]).name} failed: {(done.stderr or done.stdout)[-800:]}")


def with_import_path(env: Mapping[str, str], first: Path | str = COURSE_ROOT) -> dict[str, str]:
    """`env` with `first` at the front of PYTHONPATH, for a child Python process.

    The child then imports the course's packages from `first` even when they were never
    pip-installed (a fresh clone), and from a throwaway copy rather than the original.
    """
    path = os.pathsep.join(filter(None, [str(first), env.get("PYTHONPATH")]))
    return {**env, "PYTHONPATH": path}


def stop_tree(ref: ProcessRef, grace: float = 10.0) -> None:
    """Stop a server and everything it started; SIGKILL whatever outlives `grace` s.

    The server gets its own stop signal first so it can shut down cleanly (PostgreSQL
    removes its shared memory); its helpers (Erlang's erl_child_setup, postgres
    backends) are collected first because they may not share its process group.
    """
    root = ref.process()
    if root is None:
        return
    try:
        tree = [root, *root.children(recursive=True)]
        root.send_signal(ref.stop_signal)
    except psutil.Error:
        tree = [root]
    _kill_after(tree, grace)


def stop_processes(processes: Iterable[psutil.Process], grace: float = 5.0) -> None:
    """SIGTERM each process, SIGKILL those still alive after `grace` seconds."""
    processes = list(processes)
    for process in processes:
        try:
            process.terminate()
        except psutil.Error:  # already gone
            continue
    _kill_after(processes, grace)


def stop_group(process: subprocess.Popen, grace: float = 5.0) -> None:
    """Stop the process group `process` leads (it was started with
    ``start_new_session=True``): SIGTERM, then SIGKILL for what outlives `grace` seconds.
    Ends with the child reaped, so no zombie is left either."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except (ProcessLookupError, PermissionError):  # nothing of the group is left to us
            break
        if _group_ended(process, grace):
            break
    process.wait()


def _group_ended(leader: subprocess.Popen, within: float) -> bool:
    """Wait until no process of the group is left (the leader alone is not enough: its
    children may still run)."""
    deadline = time.monotonic() + within
    while True:
        leader.poll()  # reap the leader: a zombie would keep the group alive
        try:
            os.killpg(leader.pid, 0)
        except (ProcessLookupError, PermissionError):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


def _kill_after(processes: list[psutil.Process], grace: float) -> None:
    _, alive = psutil.wait_procs(processes, timeout=grace)
    for process in alive:
        try:
            process.send_signal(signal.SIGKILL)
        except psutil.Error:
            pass
    psutil.wait_procs(alive, timeout=5)
