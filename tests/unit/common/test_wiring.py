"""Resources start first to last and stop last to first, and a failed start leaves nothing open."""

import pytest

from course_app.common.wiring import Resources, ServiceAdapters

pytestmark = [pytest.mark.unit, pytest.mark.asyncio]


def recording(log: list[str], name: str, *, fail: bool = False):
    async def step() -> None:
        if fail:
            raise RuntimeError(f"{name} failed")
        log.append(name)

    return step


async def test_steps_start_in_order_and_stop_in_reverse() -> None:
    log: list[str] = []
    resources = Resources()
    resources.add(recording(log, "open pool"), recording(log, "close pool"))
    resources.add(stop=recording(log, "close client"))
    resources.add(lambda: log.append("start relay"), recording(log, "stop relay"))  # a plain start

    async with resources.running():
        assert log == ["open pool", "start relay"]

    assert log == ["open pool", "start relay", "stop relay", "close client", "close pool"]


async def test_a_step_that_fails_to_start_stops_only_what_started_before_it() -> None:
    log: list[str] = []
    resources = Resources()
    resources.add(recording(log, "open pool"), recording(log, "close pool"))
    resources.add(recording(log, "start broker", fail=True), recording(log, "stop broker"))
    resources.add(recording(log, "start relay"), recording(log, "stop relay"))

    with pytest.raises(RuntimeError, match="start broker failed"):
        async with resources.running():
            pytest.fail("the block must not run")

    assert log == ["open pool", "close pool"]


async def test_steps_stop_when_the_block_raises() -> None:
    log: list[str] = []
    adapters = ServiceAdapters()
    adapters.resources.add(recording(log, "open"), recording(log, "close"))

    with pytest.raises(KeyError):
        async with adapters.running() as running:
            assert running is adapters
            raise KeyError("boom")

    assert log == ["open", "close"]
