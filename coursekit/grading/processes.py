"""Stop everything a learner's run started, including what escaped its process group.

Each run starts in its own session (so one ``killpg`` reaches pytest, the kernel and
their children) and carries a token in its environment, which daemons keep even when
they start a session of their own; a final sweep ends every process holding the token.
"""

from __future__ import annotations

import os
import signal
import subprocess

import psutil

GRACE_S = 3


def _with_token(variable: str, token: str) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter():
        try:
            if process.pid != os.getpid() and process.environ().get(variable) == token:
                found.append(process)
        except (psutil.Error, OSError):  # gone, zombie, or not ours to read
            continue
    return found


def _describe(process: psutil.Process) -> str:
    try:
        return f"pid {process.pid} {' '.join(process.cmdline())[:100]}"
    except psutil.Error:
        return f"pid {process.pid}"


def leftovers(variable: str, token: str, run: subprocess.Popen) -> list[str]:
    """Processes of a finished run still alive: servers the notebook did not stop."""
    return [_describe(p) for p in _with_token(variable, token) if p.pid != run.pid]


def stop_all(variable: str, token: str, run: subprocess.Popen) -> None:
    """Terminate the run's process group and every process carrying its token; then kill."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(run.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass
        survivors = _with_token(variable, token)
        for process in survivors:
            try:
                process.send_signal(sig)
            except psutil.Error:
                continue
        _gone, alive = psutil.wait_procs(survivors, timeout=GRACE_S)
        if not alive:
            break
    try:
        run.wait(timeout=GRACE_S)
    except subprocess.TimeoutExpired:
        pass
