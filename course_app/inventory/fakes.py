"""In-memory stand-in for the product repository, for unit tests and notebooks.

Same promises as PostgreSQL: all lines or none, never below zero, one outcome per order.
"""

from dataclasses import replace

from course_app.events import OrderLine
from course_app.inventory.domain import (
    Product,
    ProductAlreadyExists,
    ReservationOutcome,
    merge_lines,
)


class InMemoryProductRepository:
    def __init__(self, products: list[Product] | None = None) -> None:
        self.products = {p.id: p for p in products or []}
        self.outcomes: dict[str, ReservationOutcome] = {}

    async def add(self, product: Product) -> Product:
        if product.id in self.products:
            raise ProductAlreadyExists()
        return await self.put(product)

    async def get(self, product_id: str) -> Product | None:
        return self.products.get(product_id)

    async def list_products(
        self, limit: int, offset: int, category: str | None = None
    ) -> list[Product]:
        chosen = [self.products[key] for key in sorted(self.products)]
        if category is not None:
            chosen = [product for product in chosen if product.category == category]
        return chosen[offset : offset + limit]

    async def put(self, product: Product) -> Product:
        self.products[product.id] = replace(product)
        return product

    async def delete(self, product_id: str) -> None:
        self.products.pop(product_id, None)

    async def reserve(self, order_id: str, lines: list[OrderLine]) -> ReservationOutcome:
        if order_id in self.outcomes:
            return self.outcomes[order_id]
        wanted = merge_lines(lines)
        short = [
            pid
            for pid, qty in wanted
            if pid not in self.products or self.products[pid].quantity < qty
        ]
        if short:
            outcome = ReservationOutcome(
                order_id, False, f"insufficient inventory for product {short[0]}"
            )
        else:
            for product_id, quantity in wanted:
                product = self.products[product_id]
                product.quantity -= quantity
                product.reserved += quantity
            outcome = ReservationOutcome(order_id, True)
        self.outcomes[order_id] = outcome
        return outcome
