"""One RabbitMQ connection per service that keeps itself up, publishes with confirms
and hands incoming messages to handlers.

Publishing is mandatory and confirmed: ``publish`` returns only once RabbitMQ has taken
the message into a queue, and raises otherwise, so callers (the outbox relay, the
inventory consumer) know whether to retry. Consumers acknowledge only after their
handler succeeded; a failure puts the message back for another try.
"""

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

import aio_pika
from aio_pika.abc import AbstractExchange, AbstractIncomingMessage

from course_app.common.background import cancel_until_done
from course_app.common.errors import UpstreamUnavailable
from course_app.events import Event

logger = logging.getLogger("course_app.broker")

Handler = Callable[[str, dict[str, Any]], Awaitable[None]]


class EventPublisher(Protocol):
    """Where a service announces its events: the ``Broker``, or a fake in tests."""

    async def publish_event(self, event: Event) -> None: ...


@dataclass(frozen=True)
class Subscription:
    queue: str
    routing_keys: tuple[str, ...]
    handler: Handler


class Broker:
    def __init__(
        self, url: str, exchange: str, *, queue_prefix: str = "", retry_delay: float = 1.0
    ) -> None:
        self.url, self.exchange_name, self.queue_prefix = url, exchange, queue_prefix
        self.retry_delay = retry_delay
        self.connected = asyncio.Event()
        self.subscriptions: list[Subscription] = []  # started with every connection
        self._exchange: AbstractExchange | None = None
        self._task: asyncio.Task | None = None

    def subscribe(self, queue: str, routing_keys: tuple[str, ...], handler: Handler) -> None:
        """Register a consumer; it starts (and restarts) with every connection."""
        self.subscriptions.append(Subscription(self.queue_prefix + queue, routing_keys, handler))

    async def start(self) -> None:
        self._task = asyncio.create_task(self._stay_connected(), name="broker-connection")

    async def stop(self) -> None:
        if self._task:
            await cancel_until_done(self._task)

    async def publish(self, routing_key: str, payload: dict[str, Any], message_id: str) -> None:
        exchange = self._exchange
        if exchange is None:
            raise UpstreamUnavailable("Message broker unavailable", code="BROKER_UNAVAILABLE")
        message = aio_pika.Message(
            json.dumps(payload).encode(),
            content_type="application/json",
            message_id=message_id,
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        )
        # mandatory + on_return_raises: a message no queue takes is an error, not lost.
        await exchange.publish(message, routing_key, mandatory=True, timeout=10)

    async def answers(self) -> bool:
        """The health check: is the connection up right now?"""
        return self.connected.is_set()

    async def publish_event(self, event: Event) -> None:
        await self.publish(event.routing_key, event.payload(), event.message_id)

    async def _stay_connected(self) -> None:
        delay = self.retry_delay
        while True:
            try:
                connection = await aio_pika.connect(self.url, timeout=5)
                closed = asyncio.Event()
                connection.close_callbacks.add(lambda *_, closed=closed: closed.set())
                async with connection:
                    await self._declare(connection)
                    self.connected.set()
                    delay = self.retry_delay
                    logger.info("connected to the message broker")
                    await closed.wait()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - any failure: wait and reconnect
                logger.warning("message broker unavailable (%s)", type(exc).__name__)
            finally:
                self.connected.clear()
                self._exchange = None
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)

    async def _declare(self, connection: aio_pika.abc.AbstractConnection) -> None:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        await channel.set_qos(prefetch_count=20)
        exchange = await channel.declare_exchange(
            self.exchange_name, aio_pika.ExchangeType.TOPIC, durable=True
        )
        for sub in self.subscriptions:
            queue = await channel.declare_queue(sub.queue, durable=True)
            for key in sub.routing_keys:
                await queue.bind(exchange, key)
            await queue.consume(partial(self._deliver, sub))
        self._exchange = exchange

    async def _deliver(self, sub: Subscription, message: AbstractIncomingMessage) -> None:
        try:
            await sub.handler(message.routing_key or "", json.loads(message.body))
        except ValueError as exc:  # malformed JSON or an event that fails validation
            logger.error("dropping malformed message on %s (%s)", sub.queue, type(exc).__name__)
            await message.reject(requeue=False)
        except Exception as exc:  # noqa: BLE001 - e.g. database down: try again later
            logger.warning(
                "handling a message on %s failed (%s); requeued", sub.queue, type(exc).__name__
            )
            await asyncio.sleep(self.retry_delay)
            await message.nack(requeue=True)
        else:
            await message.ack()
