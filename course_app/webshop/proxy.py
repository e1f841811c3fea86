"""The same-origin API: ``/api/<service>/<path>`` forwarded to that service, and ``/health``.

The proxy keeps the method, query string, body, ``Authorization`` header and status code,
so the pages see exactly what the service answered, errors included.
"""

import asyncio

import httpx
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from course_app.common import client_identity
from course_app.common.http_errors import error_response

router = APIRouter()

# Only what a service needs from the browser's request, and what the browser needs back.
FORWARDED_REQUEST_HEADERS = ("authorization", "content-type", "accept")
FORWARDED_RESPONSE_HEADERS = ("content-type", "retry-after", "location", "www-authenticate")
PROXIED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


@router.api_route("/api/{service}/{path:path}", methods=PROXIED_METHODS)
async def proxy(service: str, path: str, request: Request) -> Response:
    base_url = request.app.state.service_urls.get(service)
    if base_url is None:
        return error_response(
            404, "Unknown service: use users, orders or inventory.", "UNKNOWN_SERVICE"
        )
    url = f"{base_url}/{path}"
    if request.url.query:
        url = f"{url}?{request.url.query}"
    headers = {
        name: request.headers[name] for name in FORWARDED_REQUEST_HEADERS if name in request.headers
    }
    secret = request.app.state.client_identity_secret
    if secret and request.client:  # the shopper, not the proxy, is who the services limit
        headers[client_identity.HEADER] = client_identity.vouch(request.client.host, secret)
    client: httpx.AsyncClient = request.app.state.http
    try:
        upstream = await client.request(
            request.method, url, headers=headers, content=await request.body()
        )
    except httpx.TimeoutException:
        return error_response(
            504, f"The {service} service did not answer in time.", "UPSTREAM_TIMEOUT"
        )
    except httpx.TransportError:
        return error_response(
            502, f"The {service} service is not reachable.", "UPSTREAM_UNAVAILABLE"
        )
    return Response(
        content=upstream.content,
        status_code=upstream.status_code,
        headers={
            name: upstream.headers[name]
            for name in FORWARDED_RESPONSE_HEADERS
            if name in upstream.headers
        },
    )


@router.get("/health")
async def health(request: Request) -> JSONResponse:
    """200 only when every service answers its own /health with 200."""
    urls: dict[str, str] = request.app.state.service_urls
    client: httpx.AsyncClient = request.app.state.http
    timeout: float = request.app.state.health_timeout
    answers = await asyncio.gather(*(_is_healthy(client, url, timeout) for url in urls.values()))
    services = {name: "ok" if ok else "unavailable" for name, ok in zip(urls, answers, strict=True)}
    down = [name for name, state in services.items() if state != "ok"]
    if down:
        return JSONResponse(
            status_code=503,
            content={
                "status": "unavailable",
                "services": services,
                "error": f"Not answering: {', '.join(down)}.",
                "code": "DEPENDENCY_UNAVAILABLE",
            },
        )
    return JSONResponse({"status": "ok", "services": services})


async def _is_healthy(client: httpx.AsyncClient, base_url: str, timeout: float) -> bool:
    try:
        response = await client.get(f"{base_url}/health", timeout=timeout)
    except httpx.HTTPError:
        return False
    return response.status_code == 200
