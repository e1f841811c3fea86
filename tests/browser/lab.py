"""JupyterLab as a learner starts it (`make lab`), on a free port with a token, for a browser test.

The command line is `make -n lab`'s, so the test starts what learners start, plus what a
test needs: its port and token, no browser of its own, and a fresh user state (settings,
workspaces, runtime files) in a temporary folder, so nothing from an earlier session is
restored and nothing is saved: autosave is off, so the notebooks on disk stay as built.
Stopping it ends JupyterLab and every kernel it started.
"""

from __future__ import annotations

import json
import os
import secrets
import shlex
import signal
import subprocess
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from course_app.provision.ports import free_port
from course_app.provision.process_control import ProcessRef, stop_tree
from course_app.provision.waiting import poll_until
from workbook.paths import REPO_ROOT

START_TIMEOUT_S = 60
# User settings for the test's session only (the course's own overrides still apply).
TEST_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"kernelShutdown": True},
}


@dataclass(frozen=True)
class Lab:
    url: str  # http://127.0.0.1:PORT
    token: str
    log: Path

    def page(self, path: str = "lab") -> str:
        return f"{self.url}/{path}?token={self.token}"

    def api(self, path: str):
        request = urllib.request.Request(
            f"{self.url}/api/{path}", headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=5) as answer:
            return json.load(answer)


def make_lab_command() -> list[str]:
    """The `jupyter lab ...` line that `make lab` runs (printed by make, not run)."""
    printed = subprocess.run(
        ["make", "-s", "-n", "lab"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    line = next(line for line in printed.splitlines() if "jupyter lab" in line)
    return shlex.split(line)


def user_state(folder: Path) -> dict[str, str]:
    """Environment variables that put JupyterLab's per-user state into `folder`."""
    settings = folder / "settings"
    for name, values in TEST_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    return {
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(folder / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(folder / "runtime"),
    }


@contextmanager
def running_lab(folder: Path):
    """Start JupyterLab, wait until it answers, and stop it with its kernels at the end."""
    port, token = free_port(), secrets.token_hex(16)
    log = folder / "jupyterlab.log"
    command = [
        *make_lab_command(),
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        "--no-browser",
        "--NotebookNotary.db_file=:memory:",
        "--LabApp.expose_app_in_browser=True",
    ]
    with open(log, "w") as out:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **user_state(folder)},
            start_new_session=True,
        )
    ref = ProcessRef.of("jupyterlab", process, signal.SIGTERM)
    try:
        lab = Lab(f"http://127.0.0.1:{port}", token, log)
        poll_until(
            lambda: lab.api("status"),
            START_TIMEOUT_S,
            "JupyterLab",
            still_starting=lambda: process.poll() is None,
        )
        yield lab
    finally:
        stop_tree(ref, grace=10)  # SIGTERM: JupyterLab shuts its kernels down; then SIGKILL
        process.wait()
