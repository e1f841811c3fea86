"""A small async cache interface and its in-memory implementation.

Services depend on the ``Cache`` protocol; a Redis-backed class with the same three
methods could replace ``InMemoryCache`` without touching them.
"""

import time
from collections.abc import Callable
from typing import Any, Protocol


class Cache(Protocol):
    async def get(self, key: str) -> Any | None: ...
    async def set(self, key: str, value: Any, ttl: float) -> None: ...
    async def delete(self, key: str) -> None: ...


class InMemoryCache:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._entries: dict[str, tuple[float, Any]] = {}

    async def get(self, key: str) -> Any | None:
        expires_at, value = self._entries.get(key, (0.0, None))
        if self._clock() >= expires_at:
            self._entries.pop(key, None)
            return None
        return value

    async def set(self, key: str, value: Any, ttl: float) -> None:
        self._entries[key] = (self._clock() + ttl, value)

    async def delete(self, key: str) -> None:
        self._entries.pop(key, None)
