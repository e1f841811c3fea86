"""Build learner notebooks (notebooks/) from the single source (solutions/).

python -m coursekit build            # regenerate every learner notebook
python -m coursekit build --check    # exit 1 listing learner notebooks that are stale
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from coursekit import convention as cv
from coursekit.paths import NOTEBOOK_GLOB, REPO_ROOT, SOLUTIONS, learner_path, solution_notebooks
from coursekit.transforms import TRANSFORMS, CellContext

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def clean_notebook_metadata(nb) -> None:
    """Only what Jupyter needs to pick the kernel: no versions, widgets or authoring noise."""
    nb.metadata = nbformat.from_dict(
        {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    )
    nb.nbformat, nb.nbformat_minor = 4, 5


def build_learner(solution, name: str):
    """Return the learner copy of a solution notebook (a new notebook, the input untouched)."""
    titles = cv.exercise_titles(solution.cells)
    learner = nbformat.from_dict(dict(solution))
    cells = []
    for index, cell in enumerate(solution.cells):
        ctx = CellContext(ref=cv.CellRef(name, index), titles=titles)
        for transform in TRANSFORMS:
            cell = transform(cell, ctx)
        cells.append(cell)
    learner.cells = cells
    clean_notebook_metadata(learner)
    return learner


def serialize(nb) -> str:
    """Stable JSON (sorted keys, fixed indent, final newline): a rebuild is byte-identical."""
    return nbformat.writes(nb, version=4) + "\n"


def render(solution_file: Path) -> str:
    solution = nbformat.read(solution_file, as_version=4)
    return serialize(build_learner(solution, f"{SOLUTIONS}/{solution_file.name}"))


def stale_notebooks(root: Path = REPO_ROOT) -> list[str]:
    """Learner notebooks that are missing, differ from the build, or have no source."""
    stale = []
    sources = solution_notebooks(root)
    for solution_file in sources:
        target = learner_path(solution_file, root)
        if not target.exists() or target.read_text(encoding="utf-8") != render(solution_file):
            stale.append(str(target.relative_to(root)))
    expected = {learner_path(s, root).name for s in sources}
    for orphan in sorted((root / "notebooks").glob(NOTEBOOK_GLOB)):
        if orphan.name not in expected:
            stale.append(f"{orphan.relative_to(root)} (no solutions/{orphan.name})")
    return stale


def main(argv: list[str]) -> int:
    check = "--check" in argv
    if check:
        stale = stale_notebooks()
        if stale:
            print("Stale learner notebooks (run `python -m coursekit build`):", file=sys.stderr)
            for name in stale:
                print(f"  {name}", file=sys.stderr)
            return 1
        print(f"All {len(solution_notebooks())} learner notebooks match their solutions.")
        return 0
    for solution_file in solution_notebooks():
        target = learner_path(solution_file)
        text = render(solution_file)
        target.parent.mkdir(exist_ok=True)
        changed = not target.exists() or target.read_text(encoding="utf-8") != text
        if changed:
            target.write_text(text, encoding="utf-8")
        print(f"{'wrote ' if changed else 'same  '} {target.relative_to(REPO_ROOT)}")
    return 0
