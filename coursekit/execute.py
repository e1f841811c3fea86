"""Run a notebook top to bottom in a fresh kernel, inside a throwaway copy of the repository.

Whatever a run writes is gone with the copy (workbook.checkrun.repo_copy): the solution run
cannot leave files that make the learner run pass. Processes the notebook started and did
not stop are reported and ended, so nothing keeps running.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from nbclient import NotebookClient

from course_app.provision.process_control import stop_processes, with_import_path
from coursekit.paths import REPO_ROOT
from workbook.checkrun.repo_copy import copy_repository

DEFAULT_CELL_TIMEOUT_S = 120


@dataclass
class Run:
    """An executed notebook, how long it took, and the processes it left behind."""

    notebook: object
    seconds: float
    leftovers: list[str] = field(default_factory=list)
    cell_seconds: dict[int, float] = field(default_factory=dict)


class _CellWatch:
    """Times each cell, and remembers the kernel's child processes after every cell
    (they would outlive the kernel)."""

    def __init__(self, client: NotebookClient):
        self.client = client
        self.seen: dict[int, psutil.Process] = {}
        self.started: dict[int, float] = {}
        self.seconds: dict[int, float] = {}

    def cell_started(self, cell_index: int, **_kwargs) -> None:
        self.started[cell_index] = time.perf_counter()

    def cell_executed(self, cell_index: int, **_kwargs) -> None:
        self.seconds[cell_index] = time.perf_counter() - self.started.get(cell_index, 0.0)
        process = getattr(self.client.km.provisioner, "process", None)
        if process is None:
            return
        try:
            for child in psutil.Process(process.pid).children(recursive=True):
                self.seen.setdefault(child.pid, child)
        except psutil.NoSuchProcess:
            pass

    def end_leftovers(self) -> list[str]:
        alive, names = [], []
        for process in self.seen.values():
            try:
                names.append(f"pid {process.pid}: {' '.join(process.cmdline())[:120]}")
                alive.append(process)
            except psutil.Error:  # gone already
                continue
        stop_processes(alive, grace=5)
        return names


def execute(
    nb, relative_path: str, root: Path = REPO_ROOT, cell_timeout: float = DEFAULT_CELL_TIMEOUT_S
) -> Run:
    """Execute ``nb`` as if it were ``root/relative_path``; errors are kept in the outputs."""
    with tempfile.TemporaryDirectory(prefix="coursekit-run-") as tmp:
        repo = copy_repository(root, Path(tmp) / "repo")
        workdir = (repo / relative_path).parent
        workdir.mkdir(parents=True, exist_ok=True)
        client = NotebookClient(
            nb,
            timeout=cell_timeout,
            allow_errors=True,
            interrupt_on_timeout=True,
            kernel_name="python3",
            record_timing=False,
            # A cell nbval skips is skipped here too (notebook 00's progress cell, which
            # would run every notebook's checks): recording and timing see what nbval sees.
            skip_cells_with_tag="nbval-skip",
            resources={"metadata": {"path": str(workdir)}},
        )
        watch = _CellWatch(client)
        client.on_cell_start, client.on_cell_executed = watch.cell_started, watch.cell_executed
        started = time.perf_counter()
        try:  # the copy's packages come first, so the run uses the code in the copy
            client.execute(env=with_import_path(os.environ, repo))
        finally:
            seconds = time.perf_counter() - started
            leftovers = watch.end_leftovers()
    return Run(notebook=nb, seconds=seconds, leftovers=leftovers, cell_seconds=watch.seconds)


def cell_failed(cell) -> bool:
    """A code cell failed when its outputs hold an error (a timeout is one too)."""
    return any(output.get("output_type") == "error" for output in cell.get("outputs", []))
