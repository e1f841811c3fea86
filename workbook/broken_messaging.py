"""Broken copies of the order flow's pieces, for checking tests that learners write.

A test of a message flow proves something only if it fails when the flow is wrong. Each
class here is one of course_app's own pieces with one realistic bug, built on the real
code (a subclass that changes one step), so a learner's test can be run against it:

- inventory repositories (``order_flow(..., inventory_repository=...)``): one that answers
  "reserved" without taking stock, one that takes the stock and answers "rejected", one
  that is not idempotent (each delivery of an order reserves again), and ``OneAtATime``,
  which makes any of them slow;
- an orders repository without an outbox (``order_flow(..., orders_repository=...)``): it
  publishes ``order.placed`` straight from ``place_order``, and either fails the order or
  loses the message when RabbitMQ is out of reach.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from functools import partial

from psycopg_pool import AsyncConnectionPool

from course_app.events import OrderLine
from course_app.inventory.domain import ReservationOutcome
from course_app.inventory.repository import PostgresProductRepository
from course_app.orders.domain import Order, OutboxMessage
from course_app.orders.repository import PostgresOrderRepository, Publish
from workbook.testing import unique

logger = logging.getLogger("workbook.broken_messaging")


class ConfirmsWithoutReserving(PostgresProductRepository):
    """Answers every order "reserved" and takes no stock at all."""

    async def reserve(self, order_id: str, lines: list[OrderLine]) -> ReservationOutcome:
        return ReservationOutcome(order_id, reserved=True)


class ReservesButRejects(PostgresProductRepository):
    """Takes the stock, then answers "rejected": the customer is refused, the units stuck."""

    async def reserve(self, order_id: str, lines: list[OrderLine]) -> ReservationOutcome:
        outcome = await super().reserve(order_id, lines)
        return replace(outcome, reserved=False, reason="a bug said no")


class ReservesEveryDelivery(PostgresProductRepository):
    """Not idempotent: it records each *delivery* as a reservation of its own, so the same
    order delivered twice takes its stock twice (the real one keys its record by order)."""

    async def reserve(self, order_id: str, lines: list[OrderLine]) -> ReservationOutcome:
        outcome = await super().reserve(f"{order_id}/{unique('delivery-')}", lines)
        return replace(outcome, order_id=order_id)


class OneAtATime:
    """A repository on a busy machine: it handles one reservation at a time, each
    ``seconds`` late. ``OneAtATime.of(ReservesEveryDelivery, 1.5)`` is a factory for
    ``order_flow``; everything but ``reserve`` is the wrapped repository's."""

    def __init__(self, repository: PostgresProductRepository, seconds: float) -> None:
        self.repository, self.seconds = repository, seconds
        self._turn = asyncio.Lock()

    @classmethod
    def of(cls, repository_class: type[PostgresProductRepository], seconds: float):
        return lambda pool: cls(repository_class(pool), seconds)

    def __getattr__(self, name: str):
        return getattr(self.repository, name)

    async def reserve(self, order_id: str, lines: list[OrderLine]) -> ReservationOutcome:
        async with self._turn:
            await asyncio.sleep(self.seconds)  # the machine is busy, not a test waiting
            return await self.repository.reserve(order_id, lines)


class PublishesWithoutOutbox(PostgresOrderRepository):
    """``add`` without an outbox: stores the order and publishes ``order.placed`` at once.

    With RabbitMQ out of reach the publish fails, and there are only two bad choices:
    ``fail_the_order=True`` rolls the order back and the customer gets an error;
    ``fail_the_order=False`` keeps the order and loses its message (it stays pending).
    """

    def __init__(self, pool: AsyncConnectionPool, publish: Publish, *, fail_the_order: bool):
        super().__init__(pool)
        self.publish, self.fail_the_order = publish, fail_the_order

    @classmethod
    def failing_the_order(cls):
        return partial(cls, fail_the_order=True)

    @classmethod
    def losing_the_message(cls):
        return partial(cls, fail_the_order=False)

    async def add(self, order: Order, message: OutboxMessage) -> Order:
        async with self.pool.connection() as conn, conn.transaction():
            await self._insert(conn, order, None)  # no outbox row: the bug
            if self.fail_the_order:  # a failed publish rolls the order back
                await self._publish(message)
        if not self.fail_the_order:
            try:
                await self._publish(message)
            except Exception as exc:  # noqa: BLE001 - the bug: log it and carry on
                logger.warning("order.placed for %s lost (%s)", order.id, type(exc).__name__)
        return order

    async def _publish(self, message: OutboxMessage) -> None:
        await self.publish(message.routing_key, message.payload, message.message_id)
