"""Per-cell results of recorded nbval runs, read back for the honesty check.

``make test`` runs nbval once over ``solutions/`` and once over ``notebooks/`` with
``-p workbook.checkrun.nbval_record --cell-record=FILE``; this module turns those JSON lines into
stand-ins for executed notebooks, so ``coursekit.honesty.judge`` can prove every exercise
honest without executing any notebook again. A cell with no record never ran (an earlier
cell timed out, say) and counts as failed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace


def read_records(path: Path) -> dict[str, dict[int, dict]]:
    """notebook file name -> cell index -> that cell's record."""
    records: dict[str, dict[int, dict]] = defaultdict(dict)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            records[record["notebook"]][record["cell"]] = record
    return dict(records)


def _raised(record: dict | None) -> bool:
    return record is None or bool(record["error"]) or record["outcome"] == "failed"


def recorded_run(nb, cell_records: dict[int, dict]) -> SimpleNamespace:
    """A run-like object: ``notebook.cells[i]`` carries an error output when cell i raised.

    nbval numbers the code cells only (0 for the first code cell, markdown skipped).
    """
    cells, code_cell_number = [], 0
    for cell in nb.cells:
        failed = False
        if cell.cell_type == "code":
            failed = _raised(cell_records.get(code_cell_number))
            code_cell_number += 1
        cells.append({"outputs": [{"output_type": "error"}] if failed else []})
    return SimpleNamespace(notebook=SimpleNamespace(cells=cells), leftovers=[])
