"""Rate limiting (seed section 7): 50 rapid requests from one client meet a 429.

The other security tests run on a relaxed profile so they never see a 429; this module
starts a second system with the services' strict default (30 requests per 10 s per
client), as a learner's ``python -m course_app`` would run it.
"""

from collections.abc import Iterator

import httpx
import pytest

from course_app.system import RunningSystem

pytestmark = pytest.mark.security


@pytest.fixture(scope="module")
def strict_system(start_system) -> Iterator[RunningSystem]:
    with start_system(rate_limit="default", seed=False) as running:
        yield running


def test_rapid_requests_are_throttled_with_retry_after(strict_system):
    users = strict_system.urls["users"]
    with httpx.Client(timeout=10.0) as http:
        responses = [http.get(f"{users}/users") for _ in range(50)]
        health_while_throttled = http.get(f"{users}/health")

    statuses = [response.status_code for response in responses]
    assert statuses[0] == 200, "the limit must let normal traffic through"
    assert 429 in statuses, f"50 rapid requests were never throttled: {statuses}"
    assert set(statuses) == {200, 429}
    throttled = responses[statuses.index(429)]
    assert throttled.json()["code"] == "RATE_LIMITED"
    retry_after = int(throttled.headers["Retry-After"])
    assert 1 <= retry_after <= 10  # seconds, at most one window
    assert health_while_throttled.status_code == 200  # probes are never throttled


def test_a_forged_forwarded_for_header_does_not_reset_the_allowance(strict_system):
    """Each request claims another client address; the limiter must still see one client."""
    users = strict_system.urls["users"]
    with httpx.Client(timeout=10.0) as http:
        statuses = [
            http.get(f"{users}/users", headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code
            for n in range(50)
        ]
    assert 429 in statuses, (
        f"50 requests under 50 forged addresses were never throttled: {statuses}"
    )


def _client_from(address: str) -> httpx.Client:
    """A client whose connections come from ``address`` (any 127.x.y.z is this machine)."""
    return httpx.Client(timeout=10.0, transport=httpx.HTTPTransport(local_address=address))


def test_each_shopper_behind_the_shop_has_an_allowance_of_their_own(strict_system):
    """The shop's proxy vouches for each shopper, so one shopper's burst throttles only them."""
    products = f"{strict_system.urls['webshop']}/api/inventory/products"
    with _client_from("127.0.0.2") as greedy, _client_from("127.0.0.3") as patient:
        greedy_statuses = [greedy.get(products).status_code for _ in range(40)]
        patient_status = patient.get(products).status_code
    assert 429 in greedy_statuses, (
        f"40 rapid requests through the shop were never throttled: {greedy_statuses}"
    )
    assert patient_status == 200, "another shopper was throttled for the first shopper's burst"


def test_a_forged_shop_client_header_is_ignored(strict_system):
    """Claiming a new shopper per request, without the proxy's secret, resets nothing."""
    inventory = strict_system.urls["inventory"]
    with _client_from("127.0.0.4") as forger:
        statuses = [
            forger.get(
                f"{inventory}/products", headers={"x-shop-client": f"198.51.100.{n} {'0' * 64}"}
            ).status_code
            for n in range(40)
        ]
    assert 429 in statuses, f"40 requests under 40 forged shoppers were never throttled: {statuses}"
