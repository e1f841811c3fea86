"""workbook.orders_copies: a copy built from the real OrderService keeps every rule of
course_app's, so notebook 11's planted copies differ from the real service in one rule only."""

import pytest

from course_app.orders.service import OrderService
from workbook.orders_copies import PRODUCT_ID, orders_copy, people

pytestmark = pytest.mark.course


def place_order(api, account):
    item = {"product_id": PRODUCT_ID, "quantity": 1}
    return api.post("/orders", json={"user_id": account.id, "items": [item]}, headers=account.auth)


def test_a_copy_of_the_real_service_keeps_orders_private():
    alice, bob, admin = people()
    with orders_copy(OrderService) as api:
        placed = place_order(api, alice)
        assert placed.status_code == 201, placed.text
        url = f"/orders/{placed.json()['id']}"
        assert api.get(url, headers=alice.auth).status_code == 200
        assert api.get(url, headers=admin.auth).status_code == 200
        assert api.get(url).status_code == 401
        assert (
            api.get(url, headers=bob.auth).json()
            == api.get("/orders/ORD-NONE", headers=bob.auth).json()
        )
        assert api.get("/orders", params={"user_id": alice.id}, headers=bob.auth).status_code == 403


def test_a_copy_runs_the_service_class_it_is_given():
    class Refusing(OrderService):
        async def get_order_as(self, actor, order_id):
            raise RuntimeError("planted")

    alice, _, _ = people()
    with orders_copy(Refusing) as api:
        placed = place_order(api, alice)
        assert api.get(f"/orders/{placed.json()['id']}", headers=alice.auth).status_code == 500
