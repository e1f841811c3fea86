"""How the system refuses orders it cannot take: the right status and a readable error.

The syllabus posts orders without a token in one test and expects 401 for that in
another; here an order always needs a token, and each failure gets its own fresh data.
"""

import pytest

from workbook.testing import new_user, order_for

pytestmark = [pytest.mark.e2e, pytest.mark.service("orders")]

UNKNOWN_USER_ID = 2_000_000_000


def assert_error(response, status: int) -> dict:
    """The service answered `status` with the shared error body {"error", "code"}."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] and body["code"]
    return body


def test_order_for_unknown_user_is_refused(api, admin_token, make_product):
    product = make_product(quantity=10)
    # An admin may order for anyone, so the token is not what refuses this order.
    response = api.place_order(order_for(UNKNOWN_USER_ID, product["id"]), token=admin_token)
    assert_error(response, 404)


def test_order_for_unknown_product_is_404(api, customer):
    response = api.place_order(
        order_for(customer["id"], "NO-SUCH-PRODUCT"), token=customer["token"]
    )
    assert_error(response, 404)


def test_order_above_available_stock_is_400_and_changes_nothing(api, customer, make_product):
    product = make_product(quantity=3)
    response = api.place_order(
        order_for(customer["id"], product["id"], quantity=1000), token=customer["token"]
    )
    body = assert_error(response, 400)
    assert "insufficient inventory" in body["error"].lower()
    stock = api.get_product(product["id"]).json()
    assert (stock["quantity"], stock["reserved"]) == (3, 0)
    assert api.user_orders(customer["id"], customer["token"]).json() == []


def test_order_without_token_is_401(api, customer, make_product):
    product = make_product(quantity=10)
    response = api.place_order(order_for(customer["id"], product["id"]), token=None)
    assert_error(response, 401)


def test_order_for_another_user_is_403(api, customer, make_product):
    other = api.create_user(new_user())
    assert other.status_code == 201, other.text
    product = make_product(quantity=10)
    response = api.place_order(
        order_for(other.json()["id"], product["id"]), token=customer["token"]
    )
    assert_error(response, 403)
