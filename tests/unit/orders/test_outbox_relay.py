"""The outbox relay stops when asked, even if a cancellation gets lost on the way."""

import asyncio

import pytest

from course_app.orders.outbox import OutboxRelay

pytestmark = [pytest.mark.unit, pytest.mark.service("orders")]


class OutboxThatSwallowsOneCancel:
    """Like asyncio.wait_for on Python 3.11 when a cancel meets a finishing wait."""

    def __init__(self) -> None:
        self.calls = 0
        self.swallowed = False

    async def relay_pending(self, publish) -> int:
        self.calls += 1
        try:
            await asyncio.sleep(0.05)
        except asyncio.CancelledError:
            if self.swallowed:
                raise
            self.swallowed = True  # carry on as if nothing happened
        return 0


async def no_publish(*_args) -> None:
    raise AssertionError("nothing to publish")


@pytest.mark.asyncio
async def test_stop_ends_the_relay_even_when_a_cancellation_is_swallowed():
    outbox = OutboxThatSwallowsOneCancel()
    relay = OutboxRelay(outbox, no_publish, interval=0.01)
    relay.start()
    await asyncio.sleep(0.02)  # let it poll

    await asyncio.wait_for(relay.stop(), timeout=5)

    assert outbox.calls >= 1
