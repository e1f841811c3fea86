"""Where the course lives: the repository root, for notebooks that read its files."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
LEARNER = "notebooks"  # the learner notebooks, NN_topic.ipynb
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
