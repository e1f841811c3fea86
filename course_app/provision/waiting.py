"""Wait by polling with a deadline, never with a fixed sleep: the course's one way of waiting.

A fixed sleep is either too short on a slow machine (flaky) or too long on a fast one
(slow); polling returns as soon as the answer is right and fails clearly when it never is.
Two faces of the one rule: ``eventually`` for code in an event loop (tests, notebooks, the
async shop client), ``poll_until`` for plain code (starting servers, the sync shop client).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


class NotReady(Exception):
    """The server did not answer before the deadline, or died while we waited."""


async def eventually(
    probe: Callable[[], Awaitable[T]],
    accept: Callable[[T], bool] = bool,
    *,
    timeout: float = 30.0,
    interval: float = 0.1,
    what: str = "the condition",
) -> T:
    """Await ``probe()`` until ``accept(result)`` holds; return that result, or fail."""
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        if accept(result):
            return result
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{what} did not hold within {timeout:.0f} s; last value: {result!r}"
            )
        await asyncio.sleep(interval)


def poll_until(
    probe: Callable[[], T],
    timeout: float,
    what: str,
    still_starting: Callable[[], bool] = lambda: True,
    interval: float = 0.05,
) -> T:
    """Call `probe` until it returns without raising; return its result.

    Any exception means "not yet" (a server refusing connections while it starts).
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
