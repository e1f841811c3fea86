"""The course's load shape and Locust's own workers, as notebook 10 uses them.

``shapes.py`` imports Locust, so it is only ever tested through a Locust process: a step
schedule must drive the user count, and end the run by itself long before --run-time.
"""

from pathlib import Path

import pytest

from workbook.locust_runner import run_locust

pytestmark = [pytest.mark.performance, pytest.mark.service("inventory"), pytest.mark.slow]

HERE = Path(__file__).parent
LOCUSTFILE, SHAPES = HERE / "locustfile.py", HERE / "shapes.py"


def users_per_second(run) -> list[int]:
    return [int(row["User Count"]) for row in run.history_rows() if row["Name"] == "Aggregated"]


def test_a_step_schedule_drives_the_user_count(loaded_system, tmp_path):
    run = run_locust(
        f"{LOCUSTFILE},{SHAPES}",
        host=loaded_system.urls["inventory"],
        users=1,
        run_time_s=60,
        csv_prefix=tmp_path / "step",
        user_classes=["CatalogueBrowser"],
        env={"LOAD_STAGES": "2:1,4:3", "LOAD_CATEGORY": "load"},
    )
    assert run.returncode == 0, run.output[-3000:]
    users = users_per_second(run)
    assert 1 in users and max(users) == 3, users
    assert len(users) < 15, "the shape should have stopped the run after 4 s, not --run-time"
    assert run.stats()["Aggregated"].failures == 0


def test_a_master_and_two_workers_write_one_set_of_statistics(loaded_system, tmp_path):
    run = run_locust(
        LOCUSTFILE,
        host=loaded_system.urls["inventory"],
        users=2,
        run_time_s=3,
        csv_prefix=tmp_path / "workers",
        user_classes=["CatalogueBrowser"],
        env={"LOAD_CATEGORY": "load"},
        processes=2,
    )
    assert run.returncode == 0, run.output[-3000:]
    row = run.stats()["GET /products?category="]
    assert row.requests > 0 and row.failures == 0
