"""A load shape for Locust, driven by a schedule: ramp, step and spike are all schedules.

Give it to Locust next to the locustfile (``-f tests/performance/locustfile.py,
tests/performance/shapes.py``) and set LOAD_STAGES to ``until:users`` pairs, e.g.
``4:2,7:6,10:2`` (2 users until second 4, then 6 until second 7, then 2 until 10, then
stop). Locust calls ``tick()`` about once a second; it returns the user count to reach
and the spawn rate, or None to end the test. Like the locustfile, this module imports
Locust, so it is only ever loaded by a Locust process.
"""

import os

from locust import LoadTestShape


def parse_stages(text: str) -> list[tuple[float, int]]:
    """``"4:2,7:6"`` -> [(4.0, 2), (7.0, 6)]: (until second, users), in order."""
    stages = [
        (float(until), int(users)) for until, users in (pair.split(":") for pair in text.split(","))
    ]
    if [until for until, _ in stages] != sorted(until for until, _ in stages):
        raise ValueError(f"LOAD_STAGES must be in time order, got {text!r}")
    return stages


class Stages(LoadTestShape):
    stages = parse_stages(os.environ.get("LOAD_STAGES", "10:1"))
    spawn_rate = 10  # users started per second: high, so each stage is reached at once

    def tick(self) -> tuple[int, float] | None:
        elapsed = self.get_run_time()
        for until, users in self.stages:
            if elapsed < until:
                return users, self.spawn_rate
        return None
