"""Wait for a server by polling with a deadline, never with a fixed sleep.

A fixed sleep is either too short on a slow machine (flaky) or too long on a fast one
(slow); polling returns as soon as the server answers and fails clearly when it never does.
"""

from __future__ import annotations

import time
from typing import Callable, TypeVar

T = TypeVar("T")


class NotReady(Exception):
    """The server did not answer before the deadline, or died while we waited."""


def poll_until(
    probe: Callable[[], T],
    timeout: float,
    what: str,
    still_starting: Callable[[], bool] = lambda: True,
    interval: float = 0.05,
) -> T:
    """Call `probe` until it returns without raising; return its result.

    `still_starting` lets the caller stop early when the server process has exited:
    waiting the full timeout for a dead process only hides the real error.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            return probe()
        except Exception as error:  # any failure means "not yet"
            last_error = error
        if not still_starting():
            raise NotReady(f"{what} exited before it was ready ({last_error})")
        if time.monotonic() >= deadline:
            raise NotReady(f"{what} not ready after {timeout:.0f} s ({last_error})")
        time.sleep(interval)
        interval = min(interval * 1.5, 0.5)
