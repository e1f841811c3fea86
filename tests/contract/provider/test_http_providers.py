"""Provider verification: do the real services keep their contracts over HTTP?

The verifier replays every interaction of the pacts whose provider it verifies
(``pacts/order-service-user-service.json``, ``pacts/order-service-inventory-service.json``)
against the running service. Before each one it asks the service to set up the
interaction's provider state (``POST /_pact/provider-states`` with
``{"state", "params", "action": "setup"}``) and afterwards to tear it down; the
services' own handlers (``course_app/<service>/provider_states.py``) create or delete
the user or product through their repositories. The product states are parametrised
(id, quantity, price travel as ``params``), so one handler builds any product.

The orders service's contract with the users service (``pacts/user-service-order-service.json``)
reads orders, which are their owner's: the pact holds only a matcher for the
``Authorization`` header, and the verifier sends a real token, signed with the system's
secret, for the user of the provider state (``add_custom_header`` replaces the example).

The expected descriptions are listed, not just counted: an interaction dropped from a
pact file (or a filter that skips one) shows up here.
"""

from datetime import UTC, datetime, timedelta

import pytest

from course_app.common.security import create_access_token

from ..names import INVENTORY_SERVICE, ORDER_SERVICE, USER_SERVICE
from ..verification import http_verifier, verify

pytestmark = pytest.mark.contract


@pytest.mark.parametrize(
    ("provider", "service", "interactions"),
    [
        pytest.param(
            USER_SERVICE,
            "users",
            ["a request for user 123", "a request for user 999"],
            id="users",
            marks=pytest.mark.service("users"),
        ),
        pytest.param(
            INVENTORY_SERVICE,
            "inventory",
            [
                "a request for product PROD-IN-STOCK",
                "a request for product PROD-MISSING",
                "a request for product PROD-SOLD-OUT",
            ],
            id="inventory",
            marks=pytest.mark.service("inventory"),
        ),
    ],
)
def test_service_honours_its_contracts_with_the_order_service(
    system, provider, service, interactions
):
    verification = verify(http_verifier(provider, system.urls[service]))

    assert verification.verified_interactions == interactions


@pytest.mark.service("orders")
def test_orders_service_honours_its_contract_with_the_users_service(system):
    token = create_access_token(
        123, "user", secret=system.jwt_secret, now=datetime.now(UTC), lifetime=timedelta(hours=1)
    )
    verifier = (
        http_verifier(ORDER_SERVICE, system.urls["orders"])
        .filter_consumers(USER_SERVICE)  # inventory's pact with orders is a message pact
        .add_custom_header("Authorization", f"Bearer {token}")
    )

    verification = verify(verifier)

    assert verification.verified_interactions == ["a request for the orders of user 123"]
