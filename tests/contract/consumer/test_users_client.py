"""Consumer contract: the orders service reads users through ``UsersClient``.

Pact's mock server plays the users service. Each test declares what the orders service
sends and what it needs back (``given`` names the provider state the answer assumes;
matchers say which parts are examples and which are exact), then drives the orders
service's *real* client against the mock. The mock answers only requests it was told
to expect and fails the test on any other; when it saw exactly the expected requests,
the interaction is recorded in ``pacts/order-service-user-service.json``.

Only the fields the orders service relies on are in the contract. The users service
may add fields freely; removing or retyping one of these breaks the contract.
"""

import pytest
from pact import Pact, match

from course_app.orders.clients import UserNotFound, UsersClient

from ..names import ORDER_SERVICE, USER_SERVICE

pytestmark = [pytest.mark.contract, pytest.mark.service("orders")]

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
ISO_8601_UTC = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"


@pytest.fixture
def pact() -> Pact:
    return Pact(ORDER_SERVICE, USER_SERVICE)


@pytest.mark.asyncio
async def test_gets_an_existing_user(pact, pact_files):
    (
        pact.upon_receiving("a request for user 123")
        .given("user with id 123 exists", id=123)
        .with_request("GET", "/users/123")
        .with_header("Accept", "application/json")
        .will_respond_with(200)
        .with_body(
            {
                "id": match.int(123),
                "name": match.str("John Doe"),
                "email": match.regex("john@example.com", regex=EMAIL),
                "created_at": match.regex("2025-01-01T10:00:00Z", regex=ISO_8601_UTC),
            },
            content_type="application/json",
        )
    )

    with pact_files.mock_provider(pact) as users_service:
        async with UsersClient(str(users_service.url)) as users:
            user = await users.get_user(123)

    assert user["id"] == 123
    assert user["name"] == "John Doe"
    assert "@" in user["email"]


@pytest.mark.asyncio
async def test_raises_user_not_found_for_an_unknown_user(pact, pact_files):
    (
        pact.upon_receiving("a request for user 999")
        .given("user with id 999 does not exist", id=999)
        .with_request("GET", "/users/999")
        .with_header("Accept", "application/json")
        .will_respond_with(404)
        .with_body(
            {"error": match.str("User not found"), "code": "USER_NOT_FOUND"},
            content_type="application/json",
        )
    )

    with pact_files.mock_provider(pact) as users_service:
        async with UsersClient(str(users_service.url)) as users:
            with pytest.raises(UserNotFound) as raised:
                await users.get_user(999)

    assert raised.value.code == "USER_NOT_FOUND"
