"""Provider states the orders service can set up for Pact verification (TEST_HOOKS=1)."""

from typing import Any

from course_app.common.clock import utc_now
from course_app.common.provider_states import ProviderStates
from course_app.orders.bootstrap import OrdersAdapters
from course_app.orders.domain import PENDING, Order, OrderItem, order_total

states = ProviderStates()


@states.state(
    "an order with id {id} exists",
    "order {id} exists",
    "an order with id {id} exists for user {user_id}",
)
async def order_exists(adapters: OrdersAdapters, params: dict[str, Any], action: str) -> None:
    items = [
        OrderItem(str(params.get("product_id", "PROD123")), int(params.get("quantity", 2)), 29.99)
    ]
    order = Order(
        id=str(params["id"]),
        user_id=int(params.get("user_id", 123)),
        status=str(params.get("status", PENDING)),
        items=items,
        total=order_total(items),
        created_at=utc_now(),
    )
    if action == "setup":
        await adapters.repository.put(order)


@states.state("user {user_id} has orders", "user with id {user_id} has orders")
async def user_has_orders(adapters: OrdersAdapters, params: dict[str, Any], action: str) -> None:
    order_id = str(params.get("order_id", f"ORD-PACT-{params['user_id']}"))
    await order_exists(adapters, {**params, "id": order_id}, action)


@states.state("user {user_id} has no orders", "user with id {user_id} has no orders")
async def user_has_no_orders(adapters: OrdersAdapters, params: dict[str, Any], action: str) -> None:
    if action == "setup":
        await adapters.repository.delete_for_user(int(params["user_id"]))
