"""Provider states the inventory service can set up for Pact verification (TEST_HOOKS=1)."""

from typing import Any

from course_app.common.provider_states import ProviderStates
from course_app.inventory.bootstrap import InventoryAdapters
from course_app.inventory.domain import Product

states = ProviderStates()


@states.state(
    "product {id} exists with quantity {quantity}",
    "a product with id {id} exists with quantity {quantity}",
    "product {id} exists",
    "a product with id {id} exists",
)
async def product_exists(adapters: InventoryAdapters, params: dict[str, Any], action: str) -> None:
    if action == "teardown":
        await adapters.repository.delete(str(params["id"]))
        return
    await adapters.repository.put(
        Product(
            id=str(params["id"]),
            name=str(params.get("name", "Test Product")),
            price=float(params.get("price", 29.99)),
            quantity=int(params.get("quantity", 100)),
            category=params.get("category"),
        )
    )


@states.state("product {id} does not exist", "a product with id {id} does not exist")
async def product_absent(adapters: InventoryAdapters, params: dict[str, Any], action: str) -> None:
    if action == "setup":
        await adapters.repository.delete(str(params["id"]))
