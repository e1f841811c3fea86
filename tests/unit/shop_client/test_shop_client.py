"""The shop client against the three services in this process (see conftest.py)."""

import asyncio

import pytest

from course_app.provision.waiting import NotReady
from course_app.shop_client import AsyncShopClient, ShopClient, ShopError
from unit.shop_client.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, Shop
from workbook.testing import new_product, new_user, order_for

pytestmark = pytest.mark.unit


def test_register_signs_up_and_logs_in_with_a_token_that_opens_the_profile(
    client: ShopClient,
) -> None:
    user = new_user()

    account = client.register(user)

    assert account.user["email"] == user["email"] and account.password == user["password"]
    profile = client.my_profile(account.token)
    assert profile.status_code == 200 and profile.json()["id"] == account.id
    assert account.auth == {"Authorization": f"Bearer {account.token}"}


def test_the_admin_adds_a_product_and_a_second_add_is_refused_unless_it_may_exist(
    client: ShopClient,
) -> None:
    admin = client.log_in(ADMIN_EMAIL, ADMIN_PASSWORD)
    product = new_product(quantity=7)

    assert client.add_product(product, admin)["quantity"] == 7
    assert client.product(product["id"])["id"] == product["id"]
    with pytest.raises(ShopError, match=r"POST /products answered 409"):
        client.add_product(product, admin)
    assert client.add_product(product, admin, exists_ok=True)["id"] == product["id"]


def test_a_failed_step_names_the_call_and_the_answer(client: ShopClient) -> None:
    with pytest.raises(ShopError, match=r"POST /auth/token answered 401"):
        client.log_in(ADMIN_EMAIL, "not-the-password")
    assert client.get_product("NO-SUCH-PRODUCT").status_code == 404  # endpoints do not check


def test_a_service_without_a_url_is_named() -> None:
    with pytest.raises(KeyError, match="no URL for the orders service"):
        ShopClient({"users": "http://users"}).get_order("ORD-1", token=None)


def test_waiting_for_an_order_returns_it_once_settled_and_fails_while_pending(
    client: ShopClient, shop: Shop
) -> None:
    admin, customer = client.log_in(ADMIN_EMAIL, ADMIN_PASSWORD), client.register(new_user())
    product = client.add_product(new_product(), admin)
    placed = client.place_order(order_for(customer.id, product["id"]), customer.token)
    assert placed.status_code == 201, placed.text

    with pytest.raises(NotReady, match="still pending"):
        client.wait_until_settled(placed.json()["id"], customer.token, timeout=0.3)
    asyncio.run(shop.settle(placed.json()["id"]))
    assert client.wait_until_settled(placed.json()["id"], customer.token)["status"] == "confirmed"


@pytest.mark.asyncio
async def test_the_async_client_runs_the_same_journeys_and_waits_while_inventory_answers(
    async_client: AsyncShopClient, shop: Shop
) -> None:
    admin = await async_client.log_in(ADMIN_EMAIL, ADMIN_PASSWORD)
    customer = await async_client.register(new_user())
    product = await async_client.add_product(new_product(quantity=3), admin)
    placed = await async_client.place_order(order_for(customer.id, product["id"]), customer.token)
    order_id = placed.json()["id"]
    assert (await async_client.order(order_id, customer.token))["status"] == "pending"

    async def answer_later() -> None:
        await asyncio.sleep(0.3)
        await shop.settle(order_id)

    settled, _ = await asyncio.gather(
        async_client.wait_until_settled(order_id, admin.token, timeout=5), answer_later()
    )
    assert settled["status"] == "confirmed"
    with pytest.raises(ShopError, match="POST /users answered 409"):
        await async_client.register({**new_user(), "email": customer.user["email"]})
