"""The orders service's use cases: place an order, read orders, settle them."""

from course_app.common.clock import Clock, utc_now
from course_app.common.security import TokenClaims
from course_app.events import InventoryRejected, InventoryReserved, OrderLine, OrderPlaced
from course_app.orders.clients import ProductsLookup, UsersLookup
from course_app.orders.domain import (
    CONFIRMED,
    PENDING,
    REJECTED,
    InsufficientInventory,
    NotYourOrder,
    NotYourOrders,
    Order,
    OrderItem,
    OrderNotFound,
    OutboxMessage,
    new_order_id,
    order_total,
)
from course_app.orders.repository import OrderRepository
from course_app.orders.schemas import OrderCreate


class OrderService:
    def __init__(
        self,
        repository: OrderRepository,
        users: UsersLookup,
        products: ProductsLookup,
        clock: Clock = utc_now,
    ) -> None:
        self.repository = repository
        self.users = users
        self.products = products
        self.clock = clock

    async def place_order(self, actor: TokenClaims, data: OrderCreate) -> Order:
        """Check the order against inventory and users, store it pending, announce it.

        The stock check here is a courtesy to the customer (a quick, clear 400); the
        real guarantee is inventory's atomic reservation, which settles races.
        """
        if actor.user_id != data.user_id and not actor.is_admin:
            raise NotYourOrder()
        items = [await self._priced(line.product_id, line.quantity) for line in data.items]
        await self.users.get_user(data.user_id)  # raises UserNotFound
        order = Order(
            id=new_order_id(),
            user_id=data.user_id,
            status=PENDING,
            items=items,
            total=order_total(items),
            created_at=self.clock(),
            shipping_address=data.shipping_address,
        )
        event = OrderPlaced(
            order_id=order.id,
            user_id=order.user_id,
            items=[OrderLine(product_id=i.product_id, quantity=i.quantity) for i in items],
        )
        message = OutboxMessage(event.routing_key, event.message_id, event.payload())
        return await self.repository.add(order, message)

    async def _priced(self, product_id: str, quantity: int) -> OrderItem:
        product = await self.products.get_product(product_id)  # raises ProductNotFound
        if product["quantity"] < quantity:
            raise InsufficientInventory(product_id)
        return OrderItem(product_id, quantity, float(product["price"]))

    async def get_order(self, order_id: str) -> Order:
        order = await self.repository.get(order_id)
        if order is None:
            raise OrderNotFound()
        return order

    async def list_orders(
        self, user_id: int | None, limit: int = 50, offset: int = 0
    ) -> list[Order]:
        return await self.repository.list_orders(user_id, limit, offset)

    async def get_order_as(self, actor: TokenClaims, order_id: str) -> Order:
        """The order, for its owner or the admin. Anyone else gets the same 404 as for a
        missing order, so order ids cannot be probed."""
        order = await self.get_order(order_id)
        if not _may_read(actor, order.user_id):
            raise OrderNotFound()
        return order

    async def list_orders_as(
        self, actor: TokenClaims, user_id: int | None, limit: int = 50, offset: int = 0
    ) -> list[Order]:
        """Orders of ``user_id``; without it, the caller's own (the admin's: everyone's).

        A user asking for someone else's list gets a 403, not their own list: a list
        filtered to the caller would pass for the other user's orders. The 403 reveals
        nothing, as it comes whether or not that user or their orders exist.
        """
        if user_id is None and not actor.is_admin:
            user_id = actor.user_id
        if user_id is not None and not _may_read(actor, user_id):
            raise NotYourOrders()
        return await self.list_orders(user_id, limit, offset)

    async def settle(self, outcome: InventoryReserved | InventoryRejected) -> bool:
        """Apply inventory's answer; a repeated answer changes nothing (returns False)."""
        status = CONFIRMED if isinstance(outcome, InventoryReserved) else REJECTED
        return await self.repository.settle(outcome.order_id, status)


def _may_read(actor: TokenClaims, owner_id: int) -> bool:
    return actor.is_admin or actor.user_id == owner_id
