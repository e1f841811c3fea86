"""Calling another service: no usable answer (no connection, a 5xx) is UpstreamUnavailable, anything else is the caller's."""

import httpx
import pytest

from course_app.common.errors import UpstreamUnavailable
from course_app.common.http_client import ServiceClient

pytestmark = [pytest.mark.unit, pytest.mark.asyncio]


class StockClient(ServiceClient):
    service_name = "stock"

    async def level(self) -> httpx.Response:
        return await self._get("/level", params={"sku": "A"})


def client_answering(handler) -> StockClient:
    return StockClient("http://stock.test", transport=httpx.MockTransport(handler))


async def test_an_answer_below_500_is_handed_to_the_caller() -> None:
    async with client_answering(
        lambda request: httpx.Response(404, json={"seen": str(request.url)})
    ) as client:
        response = await client.level()
    assert (
        response.status_code == 404 and response.json()["seen"] == "http://stock.test/level?sku=A"
    )


@pytest.mark.parametrize("status", [500, 503])
async def test_a_server_error_is_upstream_unavailable(status: int) -> None:
    async with client_answering(lambda _: httpx.Response(status)) as client:
        with pytest.raises(UpstreamUnavailable, match="The stock service is unavailable"):
            await client.level()


async def test_no_connection_is_upstream_unavailable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async with client_answering(refuse) as client:
        with pytest.raises(UpstreamUnavailable):
            await client.level()
