"""Throwaway directories for local servers, and how they are cleaned up.

Each instance lives in `<base dir>/course-svc-<service>-<owner pid>-<random>`. The directory
also records which processes belong to it (file `processes`) and who owns it (file
`owner`), so three parties can clean up with the same code: the owner on normal exit,
the reaper when the owner is killed, and the next run when both died (a stale dir).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import psutil

from course_app.provision.process_control import ProcessRef, stop_tree

PREFIX = "course-svc-"
PROCESSES_FILE = "processes"
OWNER_FILE = "owner"


# Each instance gets its own mkdtemp() directory inside, so no name is guessable.
SHARED_MEMORY = Path("/dev/shm")  # nosec B108
MIN_FREE_BYTES = 1 << 30


def base_dir() -> Path:
    """Where work dirs go: RAM-backed /dev/shm when it is roomy (initdb and RabbitMQ's
    boot write many small files, and a busy disk made them several times slower), else
    the temp dir. Containers often give /dev/shm only 64 MB, hence the size check."""
    if os.environ.get("COURSE_SERVICES_DIR"):
        return Path(os.environ["COURSE_SERVICES_DIR"])
    try:
        usage = shutil.disk_usage(SHARED_MEMORY)
        if os.access(SHARED_MEMORY, os.W_OK) and usage.free >= MIN_FREE_BYTES:
            return SHARED_MEMORY
    except OSError:
        pass
    return Path(tempfile.gettempdir())


def create_workdir(service: str) -> Path:
    me = psutil.Process()
    path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{service}-{me.pid}-", dir=base_dir()))
    (path / OWNER_FILE).write_text(ProcessRef("owner", me.pid, me.create_time(), 0).to_line())
    return path


def give_to(path: Path, uid: int, gid: int) -> None:
    """chown -R: the server runs as another user and must own its files."""
    for root, dirs, files in os.walk(path):
        for name in [root, *(os.path.join(root, n) for n in dirs + files)]:
            os.chown(name, uid, gid)


def record_processes(path: Path, refs: list[ProcessRef]) -> None:
    """Write the list atomically: the reaper may read it at any moment."""
    tmp = path / f".{PROCESSES_FILE}.tmp"
    tmp.write_text("".join(ref.to_line() + "\n" for ref in refs))
    tmp.replace(path / PROCESSES_FILE)


def recorded_processes(path: Path) -> list[ProcessRef]:
    try:
        lines = (path / PROCESSES_FILE).read_text().splitlines()
    except OSError:
        return []
    return [ProcessRef.from_line(line) for line in lines if line.strip()]


def cleanup(path: Path, grace: float = 10.0) -> None:
    """Stop every recorded process (servers before their helpers), remove the dir."""
    for ref in recorded_processes(path):
        stop_tree(ref, grace)
    shutil.rmtree(path, ignore_errors=True)


def owner_alive(path: Path) -> bool:
    try:
        return ProcessRef.from_line((path / OWNER_FILE).read_text()).process() is not None
    except (OSError, ValueError):
        # No owner file yet: the dir is being created; trust the pid in its name.
        pid = path.name[len(PREFIX) :].split("-")[1]
        return pid.isdigit() and psutil.pid_exists(int(pid))


def sweep_stale() -> list[Path]:
    """Clean up dirs whose owner is gone (a crash the reaper could not handle)."""
    swept = []
    places = {base_dir(), SHARED_MEMORY, Path(tempfile.gettempdir())}
    for path in (p for place in places for p in place.glob(f"{PREFIX}*-*-*")):
        if path.is_dir() and not owner_alive(path):
            cleanup(path, grace=2.0)
            swept.append(path)
    return swept
