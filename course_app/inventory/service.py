"""The inventory service's use cases: the product catalogue and reserving stock."""

from course_app.common.broker import EventPublisher
from course_app.common.security import TokenClaims
from course_app.events import InventoryRejected, InventoryReserved, OrderPlaced
from course_app.inventory.domain import (
    CatalogueIsAdminOnly,
    Product,
    ProductNotFound,
    ReservationOutcome,
)
from course_app.inventory.repository import ProductRepository
from course_app.inventory.schemas import ProductCreate


class InventoryService:
    def __init__(self, repository: ProductRepository, publisher: EventPublisher) -> None:
        self.repository = repository
        self.publisher = publisher

    async def add_product(self, actor: TokenClaims, data: ProductCreate) -> Product:
        """Add to the catalogue: an administrator's job (a customer gets 403)."""
        if not actor.is_admin:
            raise CatalogueIsAdminOnly()
        return await self.repository.add(Product(**data.model_dump()))

    async def get_product(self, product_id: str) -> Product:
        product = await self.repository.get(product_id)
        if product is None:
            raise ProductNotFound()
        return product

    async def list_products(
        self, limit: int = 100, offset: int = 0, category: str | None = None
    ) -> list[Product]:
        return await self.repository.list_products(limit, offset, category)

    async def reserve_for(self, order: OrderPlaced) -> ReservationOutcome:
        """Reserve stock for an order and announce the outcome.

        A redelivered order gets the outcome recorded the first time, announced again:
        if the first announcement was lost, this one makes up for it, and the orders
        service ignores a repeat.
        """
        outcome = await self.repository.reserve(order.order_id, order.items)
        if outcome.reserved:
            await self.publisher.publish_event(InventoryReserved(order_id=order.order_id))
        else:
            reason = outcome.reason or "insufficient inventory"
            await self.publisher.publish_event(
                InventoryRejected(order_id=order.order_id, reason=reason)
            )
        return outcome
