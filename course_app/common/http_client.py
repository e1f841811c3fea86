"""The base of every client one service uses to call another over HTTP.

A failure to get an answer (connection refused, timeout, a 5xx) becomes
``UpstreamUnavailable``; each client turns the answers it understands (a 404, say) into
its own exceptions.
"""

from typing import Any, Self

import httpx

from course_app.common.errors import UpstreamUnavailable


class ServiceClient:
    service_name = "service"

    def __init__(
        self,
        base_url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 5.0,
    ) -> None:
        self._http = httpx.AsyncClient(
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

    async def _get(self, path: str, params: dict[str, Any] | None = None) -> httpx.Response:
        try:
            response = await self._http.get(path, params=params)
        except httpx.HTTPError as exc:
            raise self._unavailable() from exc
        if response.status_code >= 500:
            raise self._unavailable()
        return response

    def _unavailable(self) -> UpstreamUnavailable:
        return UpstreamUnavailable(f"The {self.service_name} service is unavailable")
