"""Re-run solution notebooks in a fresh kernel and store their outputs (what nbval compares).

    python -m coursekit record solutions/00_welcome.ipynb [...]

Run this after editing a solution notebook, then `python -m coursekit build`. Outputs come
from a clean top-to-bottom run, never from an interactive session's leftovers. Nothing is
written when a cell fails that is not tagged raises-exception.
"""

from __future__ import annotations

import argparse

import nbformat

from coursekit import convention as cv
from coursekit.build import clean_notebook_metadata, serialize
from coursekit.execute import DEFAULT_CELL_TIMEOUT_S, cell_failed, execute
from coursekit.paths import SOLUTIONS, resolve_notebooks
from coursekit.transforms import keep_metadata

SOLUTION_METADATA = ("tags", "coursekit")


def unexpected_failures(nb) -> list[int]:
    return [
        i
        for i, cell in enumerate(nb.cells)
        if cell_failed(cell) and cv.RAISES_EXCEPTION_TAG not in cv.tags(cell)
    ]


def coalesce_streams(outputs) -> list:
    """Merge consecutive prints to the same stream into one output, as Jupyter shows them."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.name == output.name
        ):
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def first_error(cell) -> str:
    error = next(o for o in cell.outputs if o.get("output_type") == "error")
    return f"{error.get('ename')}: {error.get('evalue')}"[:300]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit record")
    parser.add_argument("notebooks", nargs="+", help="solution notebooks to re-run")
    parser.add_argument("--cell-timeout", type=float, default=DEFAULT_CELL_TIMEOUT_S)
    args = parser.parse_args(argv)
    status = 0
    for solution_file in resolve_notebooks(args.notebooks):
        nb = nbformat.read(solution_file, as_version=4)
        run = execute(nb, f"{SOLUTIONS}/{solution_file.name}", cell_timeout=args.cell_timeout)
        failed = unexpected_failures(run.notebook)
        if failed or run.leftovers:
            print(f"{solution_file.name}: not saved.")
            for index in failed:
                print(f"  cell {index + 1}: {first_error(run.notebook.cells[index])}")
            for leftover in run.leftovers:
                print(f"  left running: {leftover}")
            status = 1
            continue
        nb.cells = [keep_metadata(cell, i, SOLUTION_METADATA) for i, cell in enumerate(nb.cells)]
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = coalesce_streams(cell.outputs)
        clean_notebook_metadata(nb)
        solution_file.write_text(serialize(nb), encoding="utf-8")
        print(f"{solution_file.name}: recorded in {run.seconds:.1f} s")
    return status
