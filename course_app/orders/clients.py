"""The orders service's clients of the users and inventory services.

Each raises its own exceptions for the answers it understands (``UserNotFound``,
``ProductNotFound``) and ``UpstreamUnavailable`` when there is no usable answer. The
Pact consumer tests drive exactly these classes against a mock provider.
"""

from typing import Any, Protocol
from urllib.parse import quote

from course_app.common.errors import NotFound
from course_app.common.http_client import ServiceClient


class UserNotFound(NotFound):
    code = "USER_NOT_FOUND"

    def __init__(self) -> None:
        super().__init__("User not found")


class ProductNotFound(NotFound):
    code = "PRODUCT_NOT_FOUND"

    def __init__(self) -> None:
        super().__init__("Product not found")


class UsersLookup(Protocol):
    async def get_user(self, user_id: int) -> dict[str, Any]: ...


class ProductsLookup(Protocol):
    async def get_product(self, product_id: str) -> dict[str, Any]: ...


class UsersClient(ServiceClient):
    service_name = "users"

    async def get_user(self, user_id: int) -> dict[str, Any]:
        response = await self._get(f"/users/{user_id}")
        if response.status_code == 404:
            raise UserNotFound()
        if response.status_code != 200:
            raise self._unavailable()
        return response.json()


class InventoryClient(ServiceClient):
    service_name = "inventory"

    async def get_product(self, product_id: str) -> dict[str, Any]:
        response = await self._get(f"/products/{quote(product_id, safe='')}")
        if response.status_code in (400, 404):  # 400: not even a valid product id
            raise ProductNotFound()
        if response.status_code != 200:
            raise self._unavailable()
        return response.json()
