"""The base of every client one service uses to call another over HTTP.

A failure to get an answer (connection refused, timeout, a 5xx) becomes
``UpstreamUnavailable``; each client turns the answers it understands (a 404, say) into
its own exceptions.
"""

import logging
from typing import Any, Self

import httpx

from course_app.common.errors import UpstreamUnavailable

logger = logging.getLogger("course_app.http")

# uvicorn closes a keep-alive connection after 5 idle seconds. A client that reuses one at
# that very moment gets "server disconnected" instead of an answer, so ours expire sooner.
KEEPALIVE_EXPIRY_SECONDS = 2.0


def service_http_client(**options: Any) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` for calling another of the course's services."""
    return httpx.AsyncClient(
        limits=httpx.Limits(keepalive_expiry=KEEPALIVE_EXPIRY_SECONDS), **options
    )


class ServiceClient:
    service_name = "service"

    def __init__(
        self,
        base_url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 5.0,
    ) -> None:
        self._http = service_http_client(
            base_url=base_url,
            transport=transport,
            timeout=timeout,
            headers={"Accept": "application/json"},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()

    async def _get(
        self,
        path: str,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        try:
            response = await self._http.get(path, params=params, headers=headers)
        except httpx.HTTPError as exc:
            # The cause, without the URL's query or any body: enough to debug, nothing secret.
            logger.warning("%s service call failed: %s", self.service_name, type(exc).__name__)
            raise self._unavailable() from exc
        if response.status_code >= 500:
            logger.warning("%s service answered %s", self.service_name, response.status_code)
            raise self._unavailable()
        return response

    def _unavailable(self) -> UpstreamUnavailable:
        return UpstreamUnavailable(f"The {self.service_name} service is unavailable")
