"""A fixed-window rate limit per client address, answering 429 with ``Retry-After``.

In memory and per process: enough for one worker per service, which is how the course
runs them. The clock is injected so tests can step through windows without waiting.
"""

import math
import time
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from course_app.common.http_errors import error_response

# Probes and test hooks must keep working while a client is throttled.
EXEMPT_PATHS = ("/health", "/_pact/")


class RateLimiter:
    def __init__(
        self, limit: int, window_seconds: float, clock: Callable[[], float] = time.monotonic
    ):
        self.limit = limit
        self.window = window_seconds
        self.clock = clock
        self._windows: dict[str, tuple[float, int]] = {}

    def retry_after(self, client: str) -> float | None:
        """Record one request; seconds to wait if it is over the limit, else None."""
        now = self.clock()
        started, count = self._windows.get(client, (now, 0))
        if now - started >= self.window:
            started, count = now, 0
        if count >= self.limit:
            return started + self.window - now
        self._windows[client] = (started, count + 1)
        if len(self._windows) > 10_000:  # forget idle clients now and then
            self._windows = {k: v for k, v in self._windows.items() if now - v[0] < self.window}
        return None


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limiter: RateLimiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith(EXEMPT_PATHS):
            client = scope["client"][0] if scope.get("client") else "unknown"
            wait = self.limiter.retry_after(client)
            if wait is not None:
                seconds = str(max(1, math.ceil(wait)))
                response = error_response(
                    429,
                    "Too many requests, retry later",
                    "RATE_LIMITED",
                    headers={"Retry-After": seconds},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
