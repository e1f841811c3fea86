"""A background task stops for good, even when a cancellation is lost on the way."""

import asyncio

import pytest

from course_app.common.background import cancel_until_done
from course_app.common.broker import Broker

pytestmark = pytest.mark.unit


async def swallows_one_cancel_then_waits_for_ever(cancels: list[str]) -> None:
    """Like asyncio.wait_for on Python 3.11 when a cancel meets a finishing wait."""
    try:
        await asyncio.sleep(60)
    except asyncio.CancelledError:
        cancels.append("swallowed")  # carry on as if nothing happened
    try:
        await asyncio.Event().wait()  # e.g. a connection that came up: waits until closed
    except asyncio.CancelledError:
        cancels.append("ended")
        raise


@pytest.mark.asyncio
async def test_a_task_that_swallows_a_cancellation_is_cancelled_again():
    cancels: list[str] = []
    task = asyncio.create_task(swallows_one_cancel_then_waits_for_ever(cancels))
    await asyncio.sleep(0)  # let it start

    await asyncio.wait_for(cancel_until_done(task), timeout=5)

    assert cancels == ["swallowed", "ended"] and task.cancelled()


@pytest.mark.asyncio
async def test_a_task_that_ended_with_an_error_is_stopped_without_raising_it():
    async def fails() -> None:
        raise RuntimeError("already logged by the task")

    task = asyncio.create_task(fails())
    await asyncio.sleep(0)

    await cancel_until_done(task)

    assert task.done() and not task.cancelled()


class BrokerLosingACancel(Broker):
    def __init__(self) -> None:
        super().__init__("amqp://127.0.0.1:1/", "events")
        self.cancels: list[str] = []

    async def _stay_connected(self) -> None:
        await swallows_one_cancel_then_waits_for_ever(self.cancels)


@pytest.mark.asyncio
async def test_the_broker_stops_even_if_its_connection_loop_swallowed_a_cancel():
    broker = BrokerLosingACancel()
    await broker.start()
    await asyncio.sleep(0)

    await asyncio.wait_for(broker.stop(), timeout=5)

    assert broker.cancels == ["swallowed", "ended"]
