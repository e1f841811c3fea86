"""workbook.scratch: a folder per kernel; the folders of ended kernels are removed."""

import os
import subprocess
import sys

from workbook import scratch


def ended_process_id() -> int:
    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(process.stdout)


def test_a_folder_is_made_for_this_process(tmp_path):
    path = scratch.folder("02", root=tmp_path)
    assert path.is_dir() and path == tmp_path / f"course-scratch-{os.getpid()}" / "02"
    assert scratch.folder("02", root=tmp_path) == path  # asking again keeps it


def test_the_folders_of_ended_processes_are_removed_and_running_ones_kept(tmp_path):
    ended = tmp_path / f"course-scratch-{ended_process_id()}"
    (ended / "02").mkdir(parents=True)
    (ended / "02" / "test_clients.py").write_text("left behind by a killed kernel")
    running = tmp_path / f"course-scratch-{os.getppid()}"
    running.mkdir()
    unrelated = tmp_path / "course-scratch-notes"
    unrelated.mkdir()

    scratch.folder("02", root=tmp_path)

    assert not ended.exists()
    assert running.exists() and unrelated.exists()
