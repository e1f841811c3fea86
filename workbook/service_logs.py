"""What notebook 07's log-hook check needs: lines it knows in every service's log, and the
running system handed to the tests it plants as the fixture ``system``.

``mark_logs(system, label)`` asks every service for ``GET /course-log-mark?mark=<label>`` (a
404) and waits until the end of each service's log shows that request: uvicorn writes its
access line just after the answer, so a test that reads the log at once could miss it. ``SystemFixture(system)`` is a
pytest plugin object: pass it to ``pytester.inline_run(..., plugins=[...])`` and the
planted tests can ask for ``system`` as an end-to-end suite's session fixture gives it.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

import httpx
import pytest

from course_app.provision.waiting import NotReady, poll_until

LOGGED_WITHIN_S = 10.0  # an access line is written within milliseconds; this is generous
MARKED_PATH = "/course-log-mark"
LAST_LINES = 10  # where the newest mark must be: a few other requests may have come after


def mark_logs(system: Any, label: str, times: int = 1, *, http: httpx.Client | None = None) -> None:
    """``times`` marked requests to each service, the last of them at the end of its log."""
    with httpx.Client(timeout=10) if http is None else nullcontext(http) as client:
        for url in system.urls.values():
            for _ in range(times):
                # A path no service has: a 404 that asks no database and no other service.
                client.get(f"{url}{MARKED_PATH}", params={"mark": label})

    def logged() -> None:
        missing = [
            name for name in system.urls if f"mark={label}" not in system.log_tail(name, LAST_LINES)
        ]
        if missing:
            raise NotReady(f"not yet in the log of {', '.join(missing)}")

    poll_until(logged, LOGGED_WITHIN_S, f"the request marked {label} in every service's log")


class SystemFixture:
    """A pytest plugin that gives the tests of a pytester run the fixture ``system``."""

    def __init__(self, system: Any) -> None:
        self._system = system

    @pytest.fixture(scope="session")
    def system(self) -> Any:
        return self._system
