"""The users service reads orders as its caller: the caller's token goes with the call."""

import httpx
import pytest

from course_app.users.clients import OrdersClient
from course_app.users.domain import NotAllowed

pytestmark = [pytest.mark.unit, pytest.mark.asyncio]


def orders_answering(status: int, seen: list[httpx.Request]) -> OrdersClient:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, json=[] if status == 200 else {"error": "x", "code": "X"})

    return OrdersClient("http://orders", transport=httpx.MockTransport(answer))


async def test_the_callers_token_is_forwarded_to_the_orders_service() -> None:
    seen: list[httpx.Request] = []
    async with orders_answering(200, seen) as client:
        assert await client.acting_for("callers-token").orders_of(7) == []
    assert seen[0].headers["Authorization"] == "Bearer callers-token"
    assert seen[0].url.params["user_id"] == "7"


async def test_someone_elses_orders_are_not_allowed() -> None:
    async with orders_answering(403, []) as client:
        with pytest.raises(NotAllowed):
            await client.acting_for("callers-token").orders_of(7)
