"""Consumer contract: the orders service prices order lines through ``InventoryClient``.

The provider state is parametrised: ``given("a product with id {id} exists with
quantity {quantity}", id=..., quantity=..., price=...)`` travels to the inventory service
with its parameters, so one state handler there sets up any product a contract needs.
The orders service relies on ``price`` (a number) and ``quantity`` (an integer, the
units still available); the contract checks their types, not the example values.
"""

import pytest
from pact import Pact, match

from course_app.orders.clients import InventoryClient, ProductNotFound

from ..names import INVENTORY_SERVICE, ORDER_SERVICE

pytestmark = [pytest.mark.contract, pytest.mark.service("orders")]


@pytest.fixture
def pact() -> Pact:
    return Pact(ORDER_SERVICE, INVENTORY_SERVICE)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("product_id", "quantity", "price"),
    [("PROD-IN-STOCK", 10, 29.99), ("PROD-SOLD-OUT", 0, 5.5)],
)
async def test_gets_a_product_with_its_price_and_available_quantity(
    pact, pact_files, product_id, quantity, price
):
    (
        pact.upon_receiving(f"a request for product {product_id}")
        .given(
            f"a product with id {product_id} exists with quantity {quantity}",
            id=product_id,
            quantity=quantity,
            price=price,
        )
        .with_request("GET", f"/products/{product_id}")
        .with_header("Accept", "application/json")
        .will_respond_with(200)
        .with_body(
            {
                "id": product_id,
                "name": match.str("Test Product"),
                "price": match.number(price),
                "quantity": match.int(quantity),
            },
            content_type="application/json",
        )
    )

    with pact_files.mock_provider(pact) as inventory_service:
        async with InventoryClient(str(inventory_service.url)) as inventory:
            product = await inventory.get_product(product_id)

    assert product["id"] == product_id
    assert product["quantity"] == quantity
    assert product["price"] == price


@pytest.mark.asyncio
async def test_raises_product_not_found_for_an_unknown_product(pact, pact_files):
    (
        pact.upon_receiving("a request for product PROD-MISSING")
        .given("a product with id PROD-MISSING does not exist", id="PROD-MISSING")
        .with_request("GET", "/products/PROD-MISSING")
        .with_header("Accept", "application/json")
        .will_respond_with(404)
        .with_body(
            {"error": match.str("Product not found"), "code": "PRODUCT_NOT_FOUND"},
            content_type="application/json",
        )
    )

    with pact_files.mock_provider(pact) as inventory_service:
        async with InventoryClient(str(inventory_service.url)) as inventory:
            with pytest.raises(ProductNotFound):
                await inventory.get_product("PROD-MISSING")
