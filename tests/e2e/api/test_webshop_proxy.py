"""The web shop's same-origin proxy: the browser sees exactly what each service answered."""

import httpx
import pytest

from workbook.testing import new_user, unique

pytestmark = [pytest.mark.e2e, pytest.mark.service("webshop")]


@pytest.fixture(scope="module")
def shop(system):
    with httpx.Client(base_url=system.urls["webshop"], timeout=10) as client:
        yield client


def test_post_body_and_status_reach_the_service(shop, api):
    user = new_user()
    created = shop.post("/api/users/users", json=user)
    assert created.status_code == 201, created.text
    assert api.get_user(created.json()["id"]).json()["email"] == user["email"]


def test_authorization_header_is_forwarded(shop, customer):
    signed_in = shop.get(
        "/api/users/users/profile", headers={"Authorization": f"Bearer {customer['token']}"}
    )
    assert signed_in.status_code == 200, signed_in.text
    assert signed_in.json()["id"] == customer["id"]
    assert shop.get("/api/users/users/profile").status_code == 401


def test_query_string_is_forwarded(shop, api):
    name = f"Proxy Query {unique()}"
    created = api.create_user(new_user(name=name))
    assert created.status_code == 201, created.text
    found = shop.get("/api/users/users", params={"name": name})
    assert found.status_code == 200, found.text
    # Without the query the service would list every user, the admin included.
    assert [user["id"] for user in found.json()] == [created.json()["id"]]


def test_errors_pass_through_with_their_status_and_body(shop, api):
    through_shop = shop.get("/api/inventory/products/NO-SUCH-PRODUCT")
    direct = api.get_product("NO-SUCH-PRODUCT")
    assert through_shop.status_code == direct.status_code == 404
    assert through_shop.json() == direct.json()


def test_unknown_service_is_a_json_404(shop):
    response = shop.get("/api/payments/anything")
    assert response.status_code == 404
    assert response.json()["code"] == "UNKNOWN_SERVICE"


def test_shop_health_is_ok_when_every_service_answers(shop):
    response = shop.get("/health")
    assert response.status_code == 200
    assert response.json()["services"] == {"users": "ok", "orders": "ok", "inventory": "ok"}
