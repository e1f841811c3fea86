"""A small client of the running system for tests: one function per endpoint."""

from dataclasses import dataclass

import httpx

from workbook.testing import eventually, new_product, new_user
from integration.system import System


@dataclass
class Shop:
    http: httpx.AsyncClient
    system: System

    async def register(self) -> tuple[dict, dict]:
        """A new user and the Authorization header of their token."""
        payload = new_user()
        user = (await self.http.post(f"{self.system.users}/users", json=payload)).json()
        login = {"email": payload["email"], "password": payload["password"]}
        token = (await self.http.post(f"{self.system.users}/auth/token", json=login)).json()
        return user, {"Authorization": f"Bearer {token['access_token']}"}

    async def add_product(self, **overrides: object) -> dict:
        response = await self.http.post(f"{self.system.inventory}/products", json=new_product(**overrides))
        assert response.status_code == 201, response.text
        return response.json()

    async def product(self, product_id: str) -> dict:
        return (await self.http.get(f"{self.system.inventory}/products/{product_id}")).json()

    async def place_order(self, user: dict, auth: dict, *lines: tuple[str, int]) -> httpx.Response:
        items = [{"product_id": product_id, "quantity": quantity} for product_id, quantity in lines]
        return await self.http.post(
            f"{self.system.orders}/orders", json={"user_id": user["id"], "items": items}, headers=auth
        )

    async def order(self, order_id: str) -> dict:
        return (await self.http.get(f"{self.system.orders}/orders/{order_id}")).json()

    async def settled(self, order_id: str, timeout: float = 30.0) -> dict:
        """The order once it is no longer pending."""
        return await eventually(
            lambda: self.order(order_id), lambda o: o["status"] != "pending",
            timeout=timeout, what=f"order {order_id} settling",
        )
