"""The outbox relay: publishes stored events to RabbitMQ, retrying until it can.

Runs as a background task for the orders service's lifetime. When the broker is down,
publishing fails, nothing is marked, and the relay waits longer before the next try;
once the broker is back every waiting order is announced, in order.
"""

import asyncio
import logging

from course_app.common.background import cancel_until_done
from course_app.orders.repository import Outbox, Publish

logger = logging.getLogger("course_app.orders.outbox")


class OutboxRelay:
    def __init__(
        self, outbox: Outbox, publish: Publish, *, interval: float = 0.1, max_backoff: float = 5.0
    ):
        self.outbox = outbox
        self.publish = publish
        self.interval = interval
        self.max_backoff = max_backoff
        self._task: asyncio.Task | None = None
        self._stopping = False

    async def run_once(self) -> int:
        return await self.outbox.relay_pending(self.publish)

    async def run(self) -> None:
        delay = self.interval
        while not self._stopping:
            try:
                published = await self.run_once()
                delay = self.interval
            except Exception as exc:  # noqa: BLE001 - broker or database away: try later
                logger.warning(
                    "outbox relay could not publish (%s); retrying in %.1fs",
                    type(exc).__name__,
                    delay,
                )
                published = 0
                delay = min(delay * 2, self.max_backoff)
            if not published:  # a full batch means more may be waiting: go again at once
                await asyncio.sleep(delay)

    def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self.run(), name="outbox-relay")

    async def stop(self) -> None:
        if self._task is None:
            return
        self._stopping = True  # ends the loop at its next turn, should a cancel be lost
        await cancel_until_done(self._task)
        self._task = None
