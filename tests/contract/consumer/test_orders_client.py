"""Consumer contract: the users service reads a user's orders through ``OrdersClient``.

Orders are their owner's, so the request carries the caller's bearer token. In the pact
the header is a matcher (any ``Bearer <token>``): the example token means nothing to the
real orders service, and the provider verification supplies a valid one for the user of
the provider state. Only the fields the users service passes on are in the contract.
"""

import pytest
from pact import Pact, match

from course_app.users.clients import OrdersClient

from ..names import ORDER_SERVICE, USER_SERVICE

pytestmark = [pytest.mark.contract, pytest.mark.service("users")]

BEARER = r"^Bearer \S+$"


@pytest.fixture
def pact() -> Pact:
    return Pact(USER_SERVICE, ORDER_SERVICE)


@pytest.mark.asyncio
async def test_reads_a_users_orders_with_the_callers_token(pact, pact_files):
    (
        pact.upon_receiving("a request for the orders of user 123")
        .given("user with id 123 has orders", user_id=123, order_id="ORD-PACT-123")
        .with_request("GET", "/orders")
        .with_query_parameters({"user_id": "123", "limit": "100"})
        .with_header("Accept", "application/json")
        .with_header("Authorization", match.regex("Bearer callers-token", regex=BEARER))
        .will_respond_with(200)
        .with_body(
            match.each_like(
                {
                    "id": match.str("ORD-PACT-123"),
                    "user_id": match.int(123),
                    "status": match.str("pending"),
                }
            ),
            content_type="application/json",
        )
    )

    with pact_files.mock_provider(pact) as orders_service:
        async with OrdersClient(str(orders_service.url)) as orders:
            history = await orders.acting_for("callers-token").orders_of(123)

    assert [order["user_id"] for order in history] == [123]
