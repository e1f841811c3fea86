"""The complete order flow through the three services, as a customer's client sees it.

The syllabus's version waits with ``time.sleep(5)`` and reuses fixed ids (PROD123,
e2e@example.com), so it is slow, flaky and passes only once per database. Here every
run makes its own user and product, and the asynchronous step is polled with a deadline.
"""

import pytest

from workbook.testing import new_product, new_user, order_for

pytestmark = [pytest.mark.e2e, pytest.mark.service("system")]


def test_order_is_confirmed_stock_reserved_and_listed_in_user_history(api, admin_token):
    # 1. a new customer signs up
    user = new_user()
    created = api.create_user(user)
    assert created.status_code == 201, created.text
    user_id = created.json()["id"]

    # 2. the shop adds a product with 100 units
    product = new_product(price=29.99, quantity=100)
    added = api.create_product(product, token=admin_token)
    assert added.status_code == 201, added.text

    # 3. the customer logs in and orders two units
    token = api.token(user["email"], user["password"])
    assert token.status_code == 200, token.text
    user_token = token.json()["access_token"]
    placed = api.place_order(order_for(user_id, product["id"], quantity=2), token=user_token)
    assert placed.status_code == 201, placed.text
    order = placed.json()
    assert order["id"].startswith("ORD")
    assert order["status"] == "pending"
    assert order["total"] == pytest.approx(59.98)

    # 4. inventory answers over RabbitMQ: poll until the order is settled
    assert api.wait_until_settled(order["id"], user_token)["status"] == "confirmed"

    # 5. the two units moved from available to reserved
    stock = api.get_product(product["id"])
    assert stock.status_code == 200
    assert stock.json()["quantity"] == 98
    assert stock.json()["reserved"] == 2

    # 6. the users service lists the order in the customer's history
    history = api.user_orders(user_id, user_token)
    assert history.status_code == 200, history.text
    assert [o["id"] for o in history.json()] == [order["id"]]


def test_last_unit_goes_to_exactly_one_of_two_orders(api, make_product, customer):
    product = make_product(quantity=1)
    first = api.place_order(order_for(customer["id"], product["id"]), token=customer["token"])
    second = api.place_order(order_for(customer["id"], product["id"]), token=customer["token"])
    assert first.status_code == 201, first.text

    # The second order is refused at once (the unit is already reserved) or accepted
    # and then rejected by inventory (both passed the check before the reservation).
    outcomes = [api.wait_until_settled(first.json()["id"], customer["token"])["status"]]
    if second.status_code == 201:
        outcomes.append(api.wait_until_settled(second.json()["id"], customer["token"])["status"])
    else:
        assert second.status_code == 400, second.text
        assert "insufficient inventory" in second.json()["error"].lower()
        outcomes.append("refused")
    assert outcomes.count("confirmed") == 1
    stock = api.get_product(product["id"]).json()
    assert (stock["quantity"], stock["reserved"]) == (0, 1)
