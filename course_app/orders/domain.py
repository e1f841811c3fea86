"""Orders, their lines, and the orders service's errors."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from course_app.common.errors import Forbidden, InvalidInput, NotFound

PENDING, CONFIRMED, REJECTED = "pending", "confirmed", "rejected"


@dataclass(frozen=True)
class OrderItem:
    product_id: str
    quantity: int
    unit_price: float


@dataclass
class Order:
    id: str
    user_id: int
    status: str
    items: list[OrderItem]
    total: float
    created_at: datetime
    shipping_address: str | None = None


@dataclass(frozen=True)
class OutboxMessage:
    routing_key: str
    message_id: str
    payload: dict = field(default_factory=dict)


def new_order_id() -> str:
    return f"ORD-{uuid.uuid4().hex[:12].upper()}"


def order_total(items: list[OrderItem]) -> float:
    return round(sum(item.unit_price * item.quantity for item in items), 2)


class OrderNotFound(NotFound):
    code = "ORDER_NOT_FOUND"

    def __init__(self) -> None:
        super().__init__("Order not found")


class InsufficientInventory(InvalidInput):
    code = "INSUFFICIENT_INVENTORY"

    def __init__(self, product_id: str) -> None:
        super().__init__(f"insufficient inventory for product {product_id}")


class NotYourOrder(Forbidden):
    def __init__(self) -> None:
        super().__init__("You may only place orders for yourself")


class NotYourOrders(Forbidden):
    def __init__(self) -> None:
        super().__init__("You may only list your own orders")
