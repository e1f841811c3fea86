"""One method per endpoint of the three services, written once for both clients.

Each method returns what ``httpx`` returns for the request: an ``httpx.Response`` from
the sync client, an awaitable of one from the async client (``httpx.Client.request`` and
``httpx.AsyncClient.request`` take the same arguments). Nothing is checked here, so a
test asserts on a refusal as easily as on a success.
"""

from collections.abc import Mapping
from typing import Any, Generic, TypeVar

import httpx

R = TypeVar("R")  # httpx.Response, or an awaitable of one


class ShopEndpoints(Generic[R]):
    _http: httpx.Client | httpx.AsyncClient

    def __init__(self, urls: Mapping[str, str]) -> None:
        self.urls = dict(urls)  # "users", "orders", "inventory" -> "http://host:port"

    def _call(
        self,
        service: str,
        method: str,
        path: str,
        *,
        token: str | None = None,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
    ) -> R:
        if service not in self.urls:
            raise KeyError(
                f"no URL for the {service} service; the client knows {sorted(self.urls)}"
            )
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self._http.request(
            method, f"{self.urls[service]}{path}", json=json, params=params, headers=headers
        )  # type: ignore[return-value]

    # ---- users ----
    def create_user(self, user: Mapping[str, Any]) -> R:
        return self._call("users", "POST", "/users", json=dict(user))

    def search_users(self, name: str | None = None) -> R:
        return self._call("users", "GET", "/users", params={"name": name} if name else None)

    def my_profile(self, token: str) -> R:
        return self._call("users", "GET", "/users/profile", token=token)

    def get_user(self, user_id: int) -> R:
        return self._call("users", "GET", f"/users/{user_id}")

    def update_user(self, user_id: int, changes: Mapping[str, Any], token: str | None) -> R:
        return self._call("users", "PUT", f"/users/{user_id}", json=dict(changes), token=token)

    def delete_user(self, user_id: int, token: str | None) -> R:
        return self._call("users", "DELETE", f"/users/{user_id}", token=token)

    def user_orders(self, user_id: int, token: str | None) -> R:
        """GET /users/{id}/orders, as the owner of ``token`` (orders are their owner's)."""
        return self._call("users", "GET", f"/users/{user_id}/orders", token=token)

    def token(self, email: str, password: str) -> R:
        """POST /auth/token: a bearer token for these credentials."""
        return self._call(
            "users", "POST", "/auth/token", json={"email": email, "password": password}
        )

    def all_users(self, token: str | None) -> R:
        return self._call("users", "GET", "/admin/users", token=token)

    # ---- inventory ----
    def create_product(self, product: Mapping[str, Any], token: str | None) -> R:
        """POST /products; ``token`` is the admin's: adding to the catalogue is their job."""
        return self._call("inventory", "POST", "/products", json=dict(product), token=token)

    def list_products(self, **params: Any) -> R:
        """GET /products with ``category``, ``limit`` and ``offset`` as given."""
        return self._call("inventory", "GET", "/products", params=params)

    def get_product(self, product_id: str) -> R:
        return self._call("inventory", "GET", f"/products/{product_id}")

    # ---- orders ----
    def place_order(self, order: Mapping[str, Any], token: str | None) -> R:
        return self._call("orders", "POST", "/orders", json=dict(order), token=token)

    def list_orders(self, token: str | None, **params: Any) -> R:
        """GET /orders with ``user_id``, ``limit`` and ``offset`` as given."""
        return self._call("orders", "GET", "/orders", params=params, token=token)

    def get_order(self, order_id: str, token: str | None) -> R:
        return self._call("orders", "GET", f"/orders/{order_id}", token=token)
