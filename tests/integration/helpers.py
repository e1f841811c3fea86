"""Helpers for tests that talk to real services: waiting with a deadline, test data.

``eventually`` is the course's answer to ``time.sleep(5)``: ask again and again until
the answer is right or the deadline passes, then fail with the last answer seen.
"""

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def eventually(
    probe: Callable[[], Awaitable[T]],
    accept: Callable[[T], bool] = bool,
    *,
    timeout: float = 30.0,
    interval: float = 0.1,
    what: str = "the condition",
) -> T:
    """Call ``probe`` until ``accept(result)`` holds; return that result or fail."""
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        if accept(result):
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not hold within {timeout:.0f} s; last value: {result!r}")
        await asyncio.sleep(interval)


def unique(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def user_payload(**overrides: object) -> dict:
    return {"name": "Integration User", "email": f"{unique('it-')}@example.com", "password": "secret123", **overrides}


def product_payload(**overrides: object) -> dict:
    return {"id": unique("PROD-"), "name": "Test Product", "price": 19.99, "quantity": 100, **overrides}
