"""In-memory stand-ins for the orders service's adapters, for unit tests and notebooks."""

from dataclasses import replace
from typing import Any

from course_app.orders.clients import ProductNotFound, UserNotFound
from course_app.orders.domain import PENDING, Order, OutboxMessage
from course_app.orders.repository import Publish


class InMemoryOrderRepository:
    """Orders and outbox in one object, as they share a transaction in PostgreSQL."""

    def __init__(self) -> None:
        self.orders: dict[str, Order] = {}
        self.outbox: list[tuple[OutboxMessage, bool]] = []  # (message, published)

    async def add(self, order: Order, message: OutboxMessage) -> Order:
        self.orders[order.id] = replace(order)
        self.outbox.append((message, False))
        return order

    async def get(self, order_id: str) -> Order | None:
        return self.orders.get(order_id)

    async def list_orders(self, user_id: int | None, limit: int, offset: int) -> list[Order]:
        matching = [o for o in self.orders.values() if user_id is None or o.user_id == user_id]
        return matching[offset : offset + limit]

    async def settle(self, order_id: str, status: str) -> bool:
        order = self.orders.get(order_id)
        if order is None or order.status != PENDING:
            return False
        order.status = status
        return True

    async def put(self, order: Order) -> Order:
        self.orders[order.id] = replace(order)
        return order

    async def delete_for_user(self, user_id: int) -> None:
        self.orders = {k: o for k, o in self.orders.items() if o.user_id != user_id}

    async def relay_pending(self, publish: Publish, batch: int = 100) -> int:
        published = 0
        for index, (message, done) in enumerate(self.outbox):
            if done or published == batch:
                continue
            await publish(message.routing_key, message.payload, message.message_id)
            self.outbox[index] = (message, True)
            published += 1
        return published


class FakeUsers:
    def __init__(self, *user_ids: int) -> None:
        self.user_ids = set(user_ids)

    async def get_user(self, user_id: int) -> dict[str, Any]:
        if user_id not in self.user_ids:
            raise UserNotFound()
        return {"id": user_id, "name": "Test User", "email": f"user{user_id}@example.com"}


class FakeProducts:
    def __init__(self, products: dict[str, dict[str, Any]] | None = None) -> None:
        self.products = products or {}

    async def get_product(self, product_id: str) -> dict[str, Any]:
        if product_id not in self.products:
            raise ProductNotFound()
        return {"id": product_id, **self.products[product_id]}
