"""The order flow across the three services, over real HTTP, PostgreSQL and RabbitMQ."""

import httpx
import pytest

from integration.shop import Shop
from integration.system import System

pytestmark = [pytest.mark.integration, pytest.mark.service("system"), pytest.mark.asyncio]


@pytest.fixture
def shop(http: httpx.AsyncClient, system: System) -> Shop:
    return Shop(http, system)


async def test_placed_order_is_confirmed_and_stock_moves_to_reserved(shop: Shop) -> None:
    user, auth = await shop.register()
    product = await shop.add_product(quantity=100)

    response = await shop.place_order(user, auth, (product["id"], 2))

    assert response.status_code == 201
    order = response.json()
    assert order["id"].startswith("ORD") and order["status"] == "pending"
    assert order["total"] == pytest.approx(2 * product["price"])
    assert (await shop.settled(order["id"]))["status"] == "confirmed"
    stock = await shop.product(product["id"])
    assert (stock["quantity"], stock["reserved"]) == (98, 2)


async def test_user_order_history_comes_from_the_orders_service(
    shop: Shop, http: httpx.AsyncClient
) -> None:
    user, auth = await shop.register()
    product = await shop.add_product()
    order = (await shop.place_order(user, auth, (product["id"], 1))).json()

    url = f"{shop.system.users}/users/{user['id']}/orders"
    history = (await http.get(url, headers=auth)).json()  # the users service forwards auth

    assert [o["id"] for o in history] == [order["id"]]


async def test_order_above_available_stock_is_refused_at_once(shop: Shop) -> None:
    user, auth = await shop.register()
    product = await shop.add_product(quantity=5)

    response = await shop.place_order(user, auth, (product["id"], 1000))

    assert response.status_code == 400
    assert "insufficient inventory" in response.json()["error"].lower()


async def test_unknown_product_and_unknown_user_are_404(
    shop: Shop, http: httpx.AsyncClient
) -> None:
    user, auth = await shop.register()
    product = await shop.add_product()

    assert (await shop.place_order(user, auth, ("NONEXISTENT", 1))).status_code == 404
    await http.delete(f"{shop.system.users}/users/{user['id']}", headers=auth)
    response = await shop.place_order(user, auth, (product["id"], 1))
    assert (response.status_code, response.json()["code"]) == (404, "USER_NOT_FOUND")


async def test_order_losing_the_race_for_the_last_unit_ends_rejected_or_refused(shop: Shop) -> None:
    user, auth = await shop.register()
    product = await shop.add_product(quantity=1)
    first = (await shop.place_order(user, auth, (product["id"], 1))).json()
    # The second order passes the quick stock check if it comes before the reservation.
    second = await shop.place_order(user, auth, (product["id"], 1))

    assert (await shop.settled(first["id"]))["status"] == "confirmed"
    if second.status_code == 201:
        assert (await shop.settled(second.json()["id"]))["status"] == "rejected"
    else:
        assert "insufficient inventory" in second.json()["error"]
    assert (await shop.product(product["id"]))["quantity"] == 0


async def test_orders_for_someone_else_are_forbidden(shop: Shop) -> None:
    user, _ = await shop.register()
    _, other_auth = await shop.register()
    product = await shop.add_product()

    response = await shop.place_order(user, other_auth, (product["id"], 1))

    assert response.status_code == 403


async def test_health_reports_every_service_ok(system: System, http: httpx.AsyncClient) -> None:
    for base in (system.users, system.orders, system.inventory):
        assert (await http.get(f"{base}/health")).json() == {"status": "ok"}
