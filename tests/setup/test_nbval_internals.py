"""nbval's internals that coursekit's grading and cell records lean on are still there.

``workbook.checkrun.nbval_record`` reads attributes nbval does not document (a cell item's
``cell_num`` and ``test_outputs``, the notebook's ``timed_out`` and ``kernel``) and wraps
the kernel's ``get_message`` to notice a dead kernel. It reads them with ``getattr``
defaults, so if a new nbval moved them, grading would not crash: it would quietly record
nothing. Hence nbval is pinned exactly in pyproject.toml, and these tests fail when the
installed nbval differs from the pin or no longer has what the plugin needs.
"""

import inspect
import json
import subprocess
import sys
import time
import tomllib
from importlib import metadata
from pathlib import Path

import nbformat
import pytest
from nbval import kernel as nbval_kernel
from nbval import plugin as nbval_plugin
from packaging.requirements import Requirement

from workbook.checkrun.nbval_record import KERNEL_DIED

pytestmark = pytest.mark.course

ROOT = Path(__file__).resolve().parents[2]


def test_nbval_is_pinned_exactly_and_the_pin_is_installed():
    course = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["course"]
    nbval = next(Requirement(r) for r in course if Requirement(r).name == "nbval")
    specifiers = list(nbval.specifier)
    assert len(specifiers) == 1 and specifiers[0].operator == "==", (
        f"pin nbval exactly, not {nbval}"
    )
    assert metadata.version("nbval") == specifiers[0].version


def _assigned_attributes(cls) -> set[str]:
    """The ``self.x = ...`` names in a class's source."""
    source = inspect.getsource(cls)
    return {
        line.split("self.", 1)[1].split("=", 1)[0].strip()
        for line in source.splitlines()
        if "self." in line and "=" in line.split("self.", 1)[1]
    }


def test_the_attributes_the_cell_records_read_are_set_by_nbval():
    assert {"cell_num", "test_outputs"} <= _assigned_attributes(nbval_plugin.IPyNbCell)
    assert {"timed_out", "kernel"} <= _assigned_attributes(nbval_plugin.IPyNbFile)


def test_the_kernel_methods_the_death_watch_wraps_keep_their_shape():
    parameters = list(inspect.signature(nbval_kernel.RunningKernel.get_message).parameters)
    assert parameters[:3] == ["self", "stream", "timeout"], parameters
    assert callable(getattr(nbval_kernel.RunningKernel, "is_alive", None))
    # nbval must fetch replies through the kernel object's method, which the watch replaces.
    assert "self.kernel.get_message(" in inspect.getsource(nbval_plugin.IPyNbFile)


@pytest.mark.slow
def test_a_recorded_run_keeps_output_and_notices_a_dead_kernel_at_once(tmp_path):
    """End to end: the plugin records each cell's stdout, and a kernel that dies is
    reported within seconds instead of after the whole cell timeout."""
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell('print("recorded")'),
            nbformat.v4.new_code_cell("import os\nos._exit(1)"),
        ]
    )
    nbformat.write(notebook, tmp_path / "probe.ipynb")
    records = tmp_path / "cells.jsonl"
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "--nbval-lax",
            "--nbval-current-env",
            "--nbval-cell-timeout=120",
            "-p",
            "workbook.checkrun.nbval_record",
            f"--cell-record={records}",
            "probe.ipynb",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    elapsed = time.monotonic() - started
    cells = [json.loads(line) for line in records.read_text().splitlines()]
    assert [c["cell"] for c in cells] == [0, 1], cells
    assert cells[0]["outcome"] == "passed" and cells[0]["stdout"] == "recorded\n"
    assert cells[1]["outcome"] == "failed" and KERNEL_DIED in cells[1]["message"]
    assert elapsed < 60, f"the dead kernel was noticed only after {elapsed:.0f} s"
