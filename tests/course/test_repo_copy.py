"""The throwaway copy of the repository that notebook runs and grading use, and a notebook
run in it: the copy's code is imported, and nothing the run starts or writes outlives it."""

import psutil
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from coursekit.execute import execute
from workbook.checkrun.repo_copy import copy_repository

pytestmark = pytest.mark.course


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    for path in (
        "course_app/__init__.py",
        "notebooks/00_x.ipynb",
        "submissions/a.ipynb",
        ".git/HEAD",
        "course_app/__pycache__/x.pyc",
        "reports/junit.xml",
    ):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(f"# {path}\n")
    return root


def test_copy_keeps_the_layout_and_leaves_out_clutter_and_skipped_folders(repo, tmp_path):
    copy = copy_repository(repo, tmp_path / "copy", skip=[repo / "submissions"])
    copied = sorted(str(p.relative_to(copy)) for p in copy.rglob("*") if p.is_file())
    assert copied == ["course_app/__init__.py", "notebooks/00_x.ipynb"]
    assert (copy / "course_app" / "__init__.py").read_text() == "# course_app/__init__.py\n"


def test_a_run_imports_from_the_copy_and_leaves_no_process_or_file(repo):
    nb = new_notebook(
        cells=[
            new_code_cell("import course_app, pathlib; print(course_app.__file__)"),
            # In a session of its own, like the course's servers: the kernel's shutdown,
            # which ends its own process group, does not reach it.
            new_code_cell(
                "import subprocess; server = subprocess.Popen(['sleep', '300'], "
                "start_new_session=True); print(server.pid)"
            ),
            new_code_cell("pathlib.Path('written.txt').write_text('x')"),
            new_code_cell("print('skipped, as nbval skips it')", metadata={"tags": ["nbval-skip"]}),
        ]
    )
    run = execute(nb, "notebooks/00_x.ipynb", root=repo, cell_timeout=60)
    imported_from = run.notebook.cells[0].outputs[0]["text"].strip()
    assert "coursekit-run-" in imported_from and not imported_from.startswith(str(repo))
    sleeper = int(run.notebook.cells[1].outputs[0]["text"])
    assert any("sleep 300" in line for line in run.leftovers)
    assert not psutil.pid_exists(sleeper) or psutil.Process(sleeper).status() == "zombie"
    assert not (repo / "notebooks" / "written.txt").exists()
    assert run.notebook.cells[3].outputs == []
