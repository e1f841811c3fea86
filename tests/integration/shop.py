"""The running system as the integration tests use it: the course's async shop client,
plus the shapes these tests share (a user and their Authorization header, order lines)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx

from course_app.common.security import create_access_token
from course_app.shop_client import Account, AsyncShopClient
from integration.system import System
from workbook.testing import new_product, new_user


def admin_of(system: System) -> Account:
    """An admin's token signed with the system's secret: this system has no admin account."""
    token = create_access_token(
        0, "admin", secret=system.secret, now=datetime.now(UTC), lifetime=timedelta(hours=1)
    )
    return Account({"id": 0, "role": "admin"}, "", token)


@dataclass
class Shop:
    http: httpx.AsyncClient
    system: System
    client: AsyncShopClient = field(init=False)

    def __post_init__(self) -> None:
        urls = {
            "users": self.system.users,
            "orders": self.system.orders,
            "inventory": self.system.inventory,
        }
        self.client = AsyncShopClient(urls, http=self.http)
        self.admin = admin_of(self.system)

    async def register(self) -> tuple[dict, dict]:
        """A new user and the Authorization header of their token."""
        account = await self.client.register(new_user())
        return account.user, account.auth

    async def add_product(self, **overrides: object) -> dict:
        return await self.client.add_product(new_product(**overrides), self.admin)

    async def product(self, product_id: str) -> dict:
        return await self.client.product(product_id)

    async def place_order(self, user: dict, auth: dict, *lines: tuple[str, int]) -> httpx.Response:
        items = [{"product_id": product_id, "quantity": quantity} for product_id, quantity in lines]
        token = auth["Authorization"].removeprefix("Bearer ")
        return await self.client.place_order({"user_id": user["id"], "items": items}, token)

    async def order(self, order_id: str) -> dict:
        """The order, read as the admin (who sees every shopper's)."""
        return await self.client.order(order_id, self.admin.token)

    async def settled(self, order_id: str, timeout: float = 30.0) -> dict:
        """The order once it is no longer pending."""
        return await self.client.wait_until_settled(order_id, self.admin.token, timeout)
