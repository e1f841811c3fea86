"""Where the course's notebooks live (solution and learner copies)."""

from __future__ import annotations

from pathlib import Path

from workbook.paths import LEARNER, NOTEBOOK_GLOB, REPO_ROOT

SOLUTIONS = "solutions"


def solution_notebooks(root: Path = REPO_ROOT) -> list[Path]:
    """Every source notebook, NN_topic.ipynb, in course order."""
    return sorted((root / SOLUTIONS).glob(NOTEBOOK_GLOB))


def learner_path(solution_file: Path, root: Path = REPO_ROOT) -> Path:
    return root / LEARNER / solution_file.name


def resolve_notebooks(names: list[str], root: Path = REPO_ROOT) -> list[Path]:
    """Solution notebooks named on the command line (paths, file names or NN), or all."""
    if not names:
        return solution_notebooks(root)
    chosen = []
    for name in names:
        path = Path(name)
        matches = [
            p
            for p in solution_notebooks(root)
            if name in (p.stem, p.name[:2]) or path.name == p.name
        ]
        if not matches:
            raise SystemExit(
                f"coursekit: no solution notebook matches {name!r}; "
                f"expected a file in {SOLUTIONS}/ like 00_welcome.ipynb or its number"
            )
        chosen.extend(matches)
    return list(dict.fromkeys(chosen))
