"""The course stage runs on three workers (scripts/run_tests.sh: pytest-xdist, -n 3 --dist
loadfile): each test file runs whole in one worker, so its module fixtures start once.
Files with a slow test are handed out first, so the workers end together on short files
instead of one running a long file alone at the end.

Two files watch the same machine-wide things — the temp directory's course-progress-*
folders and the processes working in them — and one starts a progress run: they share a
worker, one after the other, so neither sees the other's run.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

SAME_WORKER = {"test_progress.py": "progress runs", "test_release.py": "progress runs"}


def pytest_collection_modifyitems(items):
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_files)  # stable: files stay whole, in order


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class FilesAndSharedGroups(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = super()._split_scope(nodeid)
            return SAME_WORKER.get(PurePosixPath(file).name, file)

    return FilesAndSharedGroups(config, log)
