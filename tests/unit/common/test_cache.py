"""The in-memory cache keeps a value until its time-to-live has passed, by the injected clock."""

import pytest

from course_app.common.cache import InMemoryCache

pytestmark = [pytest.mark.unit, pytest.mark.asyncio]


class Stopwatch:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_a_value_lives_for_its_ttl_and_not_a_moment_longer() -> None:
    clock = Stopwatch()
    cache = InMemoryCache(clock)
    await cache.set("k", "v", ttl=10)

    clock.now += 9.9
    assert await cache.get("k") == "v"
    clock.now += 0.1
    assert await cache.get("k") is None


async def test_delete_forgets_and_a_missing_key_is_none() -> None:
    cache = InMemoryCache()
    await cache.set("k", "v", ttl=60)
    await cache.delete("k")
    await cache.delete("never-there")  # no error
    assert await cache.get("k") is None
