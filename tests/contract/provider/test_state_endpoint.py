"""The services' provider-state endpoint answers a state it cannot set up with a 4xx.

That matters for speed: Pact's verifier retries a state change that answers 5xx,
with back-off, for about two minutes (1 + 2 + 4 + ... + 64 s; measured with
pact-python 4.2 / pact_ffi 0.5.12, and ``set_request_timeout`` does not shorten it),
while a 4xx fails the interaction at once. A mistyped state name must therefore fail
in seconds, and so must a state whose parameters the handler cannot use.
"""

import httpx
import pytest

from ..verification import STATE_ENDPOINT

pytestmark = pytest.mark.contract

CANNOT_SET_UP = [
    pytest.param(
        "users",
        {"state": "a state nobody knows"},
        id="unknown-state",
        marks=pytest.mark.service("users"),
    ),
    pytest.param(
        "users",
        {"state": "user with id abc exists"},
        id="unusable-params",
        marks=pytest.mark.service("users"),
    ),
    pytest.param(
        "inventory",
        {"state": "a product with id X exists with quantity many"},
        id="unusable-params-inventory",
        marks=pytest.mark.service("inventory"),
    ),
]


@pytest.mark.parametrize(("service", "body"), CANNOT_SET_UP)
def test_a_state_that_cannot_be_set_up_is_refused_with_a_4xx(system, service, body):
    response = httpx.post(
        system.urls[service] + STATE_ENDPOINT, json={**body, "action": "setup"}, timeout=5
    )

    assert 400 <= response.status_code < 500, response.text
    assert {"error", "code"} <= set(response.json())  # the services' one error format
