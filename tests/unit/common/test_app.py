"""The app every service is built on: /health names what does not answer, errors share one body."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import psycopg
import pytest
from fastapi import APIRouter
from psycopg_pool import PoolTimeout

from course_app.common.app import build_app
from course_app.common.errors import Conflict
from course_app.common.http_errors import documented
from course_app.common.settings import ServiceSettings
from course_app.common.wiring import ServiceAdapters

pytestmark = [pytest.mark.unit, pytest.mark.asyncio]
router = APIRouter()


@router.get("/conflict")
async def conflict() -> None:
    raise Conflict("Already there", code="ALREADY_THERE")


@router.get("/crash")
async def crash() -> None:
    raise RuntimeError("SELECT secret FROM somewhere")


@router.get("/database-restarting")
async def database_restarting() -> None:
    raise psycopg.errors.AdminShutdown("terminating connection due to administrator command")


@router.get("/database-away")
async def database_away() -> None:
    raise PoolTimeout("couldn't get a connection after 30.00 sec")


async def answers(value: bool):
    async def check() -> bool:
        return value

    return check


def app_with(adapters: ServiceAdapters):
    @asynccontextmanager
    async def never_opened() -> AsyncIterator[None]:
        raise AssertionError("adapters were given: nothing is opened")
        yield

    settings = ServiceSettings(database_url="postgresql://unused")
    return build_app(
        title="t",
        settings=settings,
        open_adapters=never_opened,
        routers=[router],
        adapters=adapters,
    )


async def get(adapters: ServiceAdapters, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app_with(adapters), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.get(path)


async def test_health_is_ok_when_every_check_answers() -> None:
    adapters = ServiceAdapters()
    adapters.health_checks["database"] = await answers(True)
    response = await get(adapters, "/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_health_names_the_checks_that_fail() -> None:
    adapters = ServiceAdapters()
    adapters.health_checks.update(database=await answers(True), broker=await answers(False))
    response = await get(adapters, "/health")
    assert response.status_code == 503
    assert (
        response.json()["code"] == "SERVICE_UNAVAILABLE"
        and response.json()["error"] == "Unavailable: broker"
    )


async def test_a_domain_error_is_its_status_with_error_and_code() -> None:
    response = await get(ServiceAdapters(), "/conflict")
    assert (response.status_code, response.json()) == (
        409,
        {"error": "Already there", "code": "ALREADY_THERE"},
    )


async def test_an_unexpected_error_is_a_plain_500_that_tells_nothing() -> None:
    response = await get(ServiceAdapters(), "/crash")
    assert response.status_code == 500 and response.json()["code"] == "INTERNAL_ERROR"
    assert "SELECT" not in response.text


@pytest.mark.parametrize("path", ["/database-restarting", "/database-away"])
async def test_a_database_outage_is_a_503_to_retry_not_a_500(path: str) -> None:
    response = await get(ServiceAdapters(), path)
    assert (response.status_code, response.json()["code"]) == (503, "DATABASE_UNAVAILABLE")
    assert response.headers["retry-after"] == "1"
    assert "administrator" not in response.text and "30.00" not in response.text


def test_every_route_documents_the_503_of_a_database_outage() -> None:
    assert {400, 429, 503} <= documented().keys() and {404, 503} <= documented(404).keys()
