"""Provider verification: do the real users and inventory services keep their contracts?

The verifier replays every interaction of the pacts whose provider it verifies
(``pacts/order-service-user-service.json``, ``pacts/order-service-inventory-service.json``)
against the running service. Before each one it asks the service to set up the
interaction's provider state (``POST /_pact/provider-states`` with
``{"state", "params", "action": "setup"}``) and afterwards to tear it down; the
services' own handlers (``course_app/<service>/provider_states.py``) create or delete
the user or product through their repositories. The product states are parametrised
(id, quantity, price travel as ``params``), so one handler builds any product.

The expected descriptions are listed, not just counted: an interaction dropped from a
pact file (or a filter that skips one) shows up here.
"""

import pytest

from ..names import INVENTORY_SERVICE, USER_SERVICE
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
