"""Orders are their owner's: reading one needs a token, and a user sees only their own.

Someone else's order is a 404 with the body of a missing one, so order ids cannot be
probed; someone else's list is a 403 (it comes whether or not that user has orders, so it
reveals nothing). The admin reads every order. The users service reads orders as its
caller, so ``GET /users/{id}/orders`` follows the same rules.
"""

import pytest

from workbook.testing import new_product, order_for

pytestmark = [pytest.mark.security]


@pytest.fixture
def alices_order(shop, admin, make_account):
    """Alice and an order of hers, on a product the admin adds for it."""
    alice = make_account()
    product = shop.add_product(new_product(), admin)
    placed = shop.place_order(order_for(alice.id, product["id"]), alice.token)
    assert placed.status_code == 201, placed.text
    return alice, placed.json()


def test_orders_are_not_read_without_a_valid_token(http, urls, alices_order):
    alice, order = alices_order
    orders = urls["orders"]
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        for url in (
            f"{orders}/orders/{order['id']}",
            f"{orders}/orders?user_id={alice.id}",
            f"{orders}/orders",
            f"{urls['users']}/users/{alice.id}/orders",
        ):
            answer = http.get(url, headers=headers)
            assert answer.status_code == 401, (url, headers, answer.text)
            assert answer.json().keys() == {"error", "code"}
            assert order["id"] not in answer.text


def test_someone_elses_order_is_a_404_like_a_missing_one(shop, alices_order, make_account):
    alice, order = alices_order
    bob = make_account()
    theirs = shop.get_order(order["id"], bob.token)
    missing = shop.get_order("ORD-DOES-NOT-EXIST", bob.token)
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()
    assert shop.get_order(order["id"], alice.token).json()["id"] == order["id"]


def test_someone_elses_list_is_not_visible(shop, alices_order, make_account):
    alice, order = alices_order
    bob = make_account()
    asked = shop.list_orders(bob.token, user_id=alice.id)
    assert asked.status_code == 403 and asked.json()["code"] == "FORBIDDEN", asked.text
    assert shop.list_orders(bob.token).json() == []  # no user_id: the caller's own
    assert [o["id"] for o in shop.list_orders(alice.token).json()] == [order["id"]]
    through_users = shop.user_orders(alice.id, bob.token)
    assert through_users.status_code == 403 and order["id"] not in through_users.text


def test_the_admin_reads_everyones_orders(shop, admin, alices_order, make_account):
    alice, alices = alices_order
    bob = make_account()
    product = shop.add_product(new_product(), admin)
    bobs = shop.place_order(order_for(bob.id, product["id"]), bob.token).json()
    for order in (alices, bobs):
        assert shop.get_order(order["id"], admin.token).json()["user_id"] == order["user_id"]
    everyone = {o["id"] for o in shop.list_orders(admin.token, limit=100).json()}
    assert {alices["id"], bobs["id"]} <= everyone
    assert [o["id"] for o in shop.list_orders(admin.token, user_id=bob.id).json()] == [bobs["id"]]


def test_the_users_service_reads_orders_with_the_callers_token(shop, admin, alices_order):
    alice, order = alices_order
    for reader in (alice, admin):
        history = shop.user_orders(alice.id, reader.token)
        assert history.status_code == 200, history.text
        assert [o["id"] for o in history.json()] == [order["id"]]
