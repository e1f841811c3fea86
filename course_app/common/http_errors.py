"""Turn every failure into the JSON error format, with 400 (not 422) for bad input.

Registered once by the app factory, so routes never build error responses themselves.
"""

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from psycopg import OperationalError
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from course_app.common.errors import DomainError

logger = logging.getLogger("course_app.errors")


class ErrorBody(BaseModel):
    error: str
    code: str
    details: list[dict[str, str]] | None = None


def documented(*statuses: int) -> dict[int | str, dict]:
    """OpenAPI ``responses`` for error statuses a route can answer with, besides those
    every route can: 400 (bad input), 429 (rate limit), 503 (the database is away)."""
    return {
        status: {"model": ErrorBody, "description": HTTPStatus(status).phrase}
        for status in (400, 429, 503, *statuses)
    }


def error_response(status_code: int, message: str, code: str, **extra: object) -> JSONResponse:
    headers = extra.pop("headers", None)
    return JSONResponse({"error": message, "code": code, **extra}, status_code, headers=headers)


def _field_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    # Only where and why: pydantic's "input" would echo submitted values (passwords too).
    return [
        {"field": ".".join(str(part) for part in error["loc"]), "message": error["msg"]}
        for error in exc.errors()
    ]


async def _on_domain_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return error_response(exc.status, exc.message, exc.code)


async def _on_invalid_request(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = _field_errors(exc)
    summary = "; ".join(f"{d['field']}: {d['message']}" for d in details)
    return error_response(400, f"Invalid request: {summary}", "VALIDATION_ERROR", details=details)


def _allowed_methods(request: Request) -> str | None:
    """Every method some route of this path answers; Starlette's 405 names only one route's.

    The routes are the ones the app factory lists in ``app.state.api_routes``; an app
    without that list keeps Starlette's answer (None).
    """
    routes = getattr(request.app.state, "api_routes", None)
    if routes is None:
        return None
    methods = {
        method
        for route in routes
        if route.matches(request.scope)[0] is not Match.NONE
        for method in route.methods
    }
    return ", ".join(sorted(methods))


async def _on_http_exception(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = HTTPStatus(exc.status_code).name
    headers = dict(exc.headers or {})
    if exc.status_code == 405 and (allowed := _allowed_methods(request)):
        headers["Allow"] = allowed
    return error_response(exc.status_code, str(exc.detail), code, headers=headers or None)


async def _on_database_unavailable(_: Request, exc: Exception) -> JSONResponse:
    # PostgreSQL is away or restarting: a lost connection, or none free within the pool's
    # wait (psycopg_pool's PoolTimeout is an OperationalError too). The pool reconnects on
    # its own, so "try again" is the truth: a 503 says so, where a 500 would say the
    # service itself is broken.
    logger.warning("database unavailable: %s", type(exc).__name__)
    return error_response(
        503,
        "The database is unavailable; try again shortly",
        "DATABASE_UNAVAILABLE",
        headers={"Retry-After": "1"},
    )


def register_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _on_domain_error)
    app.add_exception_handler(OperationalError, _on_database_unavailable)
    app.add_exception_handler(RequestValidationError, _on_invalid_request)
    app.add_exception_handler(HTTPException, _on_http_exception)


class CatchAllErrors:
    """ASGI middleware: an unexpected exception becomes a plain 500, logged in one line.

    Starlette's own handler re-raises so the server prints the traceback; stack traces
    can carry SQL and data, so this one logs the exception type and the route only.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: dict) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # noqa: BLE001 - the boundary of the whole app
            logger.error(
                "unhandled %s on %s %s", type(exc).__name__, scope["method"], scope["path"]
            )
            if not started:
                response = error_response(500, "Internal server error", "INTERNAL_ERROR")
                await response(scope, receive, send)
