"""Stop everything a run of notebooks started, including what escaped its process group.

Each run starts in its own session (so one ``killpg`` reaches pytest, the kernel and
their children) and carries a token in its environment, which daemons keep even when
they start a session of their own; a final sweep ends every process holding the token.
Grading uses it per learner; ``make test`` sweeps after its nbval runs:

    python -m coursekit sweep VARIABLE   # exit 1, naming them, if any process carries
                                         # the token that $VARIABLE holds
"""

from __future__ import annotations

import os
import subprocess

import psutil

from course_app.provision.process_control import stop_group, stop_processes

GRACE_S = 3


def with_token(variable: str, token: str) -> list[psutil.Process]:
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
    return [_describe(p) for p in with_token(variable, token) if p.pid != run.pid]


def stop_all(variable: str, token: str, run: subprocess.Popen) -> None:
    """Stop the run's process group, then every process still carrying its token."""
    stop_group(run, GRACE_S)
    stop_processes(with_token(variable, token), GRACE_S)


def main(argv: list[str]) -> int:
    """``sweep VARIABLE``: end every process carrying ``$VARIABLE``'s token; 1 if any did."""
    if len(argv) != 1 or not os.environ.get(argv[0]):
        print("usage: python -m coursekit sweep VARIABLE  (VARIABLE must hold the run's token)")
        return 2
    variable = argv[0]
    found = with_token(variable, os.environ[variable])
    for process in found:
        print(f"left running after the notebooks: {_describe(process)}")
        process.kill()
    return 1 if found else 0
