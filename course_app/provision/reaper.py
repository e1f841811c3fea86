"""The reaper: a tiny watchdog that cleans up a server when its owner dies.

A kernel restart SIGKILLs the kernel, so no `finally:` runs there. The owner therefore
starts this separate process (in its own session, so the kill does not reach it) with a
pipe on its stdin. The owner never writes to it; when the owner exits for *any* reason the
kernel closes the pipe, read() returns end-of-file, and the reaper cleans up the dir.

Run as: python -m course_app.provision.reaper <workdir>
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path


def spawn(workdir: Path) -> tuple[subprocess.Popen, int]:
    """Start a reaper for `workdir`; return it and the pipe end the owner must keep open."""
    # Imported here, like `cleanup` below: the reaper itself starts without psutil.
    from course_app.provision.process_control import with_import_path

    read_end, write_end = os.pipe()  # both non-inheritable: exec'd children don't hold it
    reaper = subprocess.Popen(
        [sys.executable, "-m", "course_app.provision.reaper", str(workdir)],
        stdin=read_end,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=with_import_path(os.environ),
    )
    os.close(read_end)
    return reaper, write_end


def main(workdir: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the owner, not for us
    while os.read(0, 1024):  # blocks until the owner is gone (end-of-file)
        pass
    from course_app.provision.workdir import cleanup  # imported late: start-up stays quick

    if os.path.isdir(workdir):  # still there: the owner could not clean up itself
        cleanup(Path(workdir), grace=5.0)


if __name__ == "__main__":
    main(sys.argv[1])
