"""Stopping a service's background task for good: the broker connection, the outbox relay.

One ``task.cancel()`` is not always enough. On Python 3.11, ``asyncio.wait_for`` (inside
aio-pika's connect and psycopg's pool) can swallow a cancellation that arrives just as
what it waits for completes; the task then runs on — a broker connection stays up — and
whoever awaits it waits for ever. Seen under load: a service stopping while it was
reconnecting to RabbitMQ never stopped. So the cancellation is repeated until the task
has really ended.
"""

import asyncio

RETRY_S = 0.5


async def cancel_until_done(task: asyncio.Task) -> None:
    """Cancel ``task``, again every RETRY_S seconds until it has ended."""
    while not task.done():
        task.cancel()
        await asyncio.wait({task}, timeout=RETRY_S)
    if not task.cancelled():
        task.exception()  # retrieved: asyncio would otherwise warn that nobody looked at it
