"""What every service's composition root (its ``bootstrap.py``) builds on, and how it starts.

A root builds the adapters a service talks to. The real ones own resources (a connection
pool, a broker connection, HTTP clients, a background task) that must be opened before the
first request and closed after the last. ``Resources`` keeps those steps in order:
``running()`` starts them first to last and stops them last to first, also when a later
one fails to start, so a service that could not start leaves nothing open behind it.
"""

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Self, TypeVar

from psycopg_pool import AsyncConnectionPool

from course_app.common.broker import Broker
from course_app.common.db import database_answers, new_pool, prepare_pool
from course_app.common.http_client import ServiceClient
from course_app.common.settings import BrokerSettings

Start = Callable[[], Awaitable[None] | None]
Stop = Callable[[], Awaitable[None]]
HealthCheck = Callable[[], Awaitable[bool]]
ClientT = TypeVar("ClientT", bound=ServiceClient)


class Resources:
    """What a root built that needs opening, and how to check that each answers."""

    def __init__(self) -> None:
        self._steps: list[tuple[Start | None, Stop | None]] = []
        self.health_checks: dict[str, HealthCheck] = {}

    def add(self, start: Start | None = None, stop: Stop | None = None) -> None:
        """``start`` (plain or async) runs when the service starts; ``stop`` when it stops."""
        self._steps.append((start, stop))

    def pool(self, url: str, *, schema_sql: Path, max_size: int = 10) -> AsyncConnectionPool:
        """A PostgreSQL pool, opened with its schema at start and closed at stop."""
        pool = new_pool(url, max_size=max_size)
        self.add(lambda: prepare_pool(pool, schema_sql=schema_sql), pool.close)
        self.health_checks["database"] = partial(database_answers, pool)
        return pool

    def broker(self, settings: BrokerSettings) -> Broker:
        """The service's broker connection; subscribe its consumers before it starts."""
        broker = Broker(
            settings.amqp_url,
            settings.events_exchange,
            queue_prefix=settings.queue_prefix,
            retry_delay=settings.broker_retry_seconds,
        )
        self.add(broker.start, broker.stop)
        self.health_checks["broker"] = broker.answers
        return broker

    def closing(self, client: ClientT) -> ClientT:
        """``client``, closed at stop."""
        self.add(stop=client.aclose)
        return client

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            for start, stop in self._steps:
                if start is not None and inspect.isawaitable(started := start()):
                    await started
                if stop is not None:  # only what has started is stopped
                    stack.push_async_callback(stop)
            yield


@dataclass(kw_only=True)
class ServiceAdapters:
    """The base of each service's adapters: what to open, and the health checks.

    Adapters handed to a root (fakes, in tests) are the caller's to open, close and
    check; the root registers only what it built itself in ``resources``.
    """

    resources: Resources = field(default_factory=Resources, repr=False)

    @property
    def health_checks(self) -> dict[str, HealthCheck]:
        """What ``GET /health`` asks, by name: ``database``, ``broker``."""
        return self.resources.health_checks

    @asynccontextmanager
    async def running(self) -> AsyncIterator[Self]:
        """The adapters, opened for the ``async with`` block and closed after it."""
        async with self.resources.running():
            yield self
