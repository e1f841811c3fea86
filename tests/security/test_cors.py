"""CORS (seed section 7): the shop's origin may call the services, other origins may not.

The seed sends a bare OPTIONS; a real preflight carries ``Origin`` and
``Access-Control-Request-Method``, and CORS headers only answer an allowed origin.
"""

import pytest

pytestmark = pytest.mark.security

SERVICES = ["users", "orders", "inventory"]
PATHS = {"users": "/users", "orders": "/orders", "inventory": "/products"}
FOREIGN_ORIGIN = "https://evil.example"


def _preflight(http, urls, service, origin):
    return http.options(
        f"{urls[service]}{PATHS[service]}",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


@pytest.mark.parametrize("service", SERVICES)
def test_preflight_from_the_shop_is_allowed(http, urls, service):
    shop = urls["webshop"]

    response = _preflight(http, urls, service, shop)

    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == shop
    assert "POST" in response.headers["access-control-allow-methods"]
    allowed_headers = response.headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed_headers and "content-type" in allowed_headers


@pytest.mark.parametrize("service", SERVICES)
def test_preflight_from_a_foreign_origin_is_refused(http, urls, service):
    response = _preflight(http, urls, service, FOREIGN_ORIGIN)

    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


def test_a_foreign_origin_gets_no_cors_header_on_a_simple_request(http, urls):
    response = http.get(f"{urls['users']}/users", headers={"Origin": FOREIGN_ORIGIN})

    assert response.status_code == 200  # the server answers; the browser hides it
    assert "access-control-allow-origin" not in response.headers
    shop = http.get(f"{urls['users']}/users", headers={"Origin": urls["webshop"]})
    assert shop.headers["access-control-allow-origin"] == urls["webshop"]
