"""The few steps every client of the shop repeats: register, log in, add a product.

A journey is written once, as a generator that yields each request it makes (whatever an
endpoint method returned) and is sent back the response. The sync client sends the
response as it is; the async client awaits it first. Every step is checked: a journey
either returns what the next step needs or raises ``ShopError`` naming the call that failed.
"""

from collections.abc import Generator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from course_app.shop_client.endpoints import ShopEndpoints

T = TypeVar("T")
Journey = Generator[Any, httpx.Response, T]  # yields requests, is sent their responses


class ShopError(RuntimeError):
    """A step of a journey got an answer it did not expect (the message names the call)."""


@dataclass(frozen=True)
class Account:
    user: dict  # the users service's answer: id, name, email...
    password: str
    token: str

    @property
    def id(self) -> int:
        return self.user["id"]

    @property
    def auth(self) -> dict[str, str]:
        """The Authorization header of the account's token."""
        return {"Authorization": f"Bearer {self.token}"}


def expect(response: httpx.Response, *statuses: int) -> httpx.Response:
    if response.status_code not in statuses:
        request = response.request
        raise ShopError(
            f"{request.method} {request.url.path} answered {response.status_code}: "
            f"{response.text[:200]}"
        )
    return response


def register(shop: ShopEndpoints, user: Mapping[str, Any]) -> Journey[Account]:
    """Sign up with ``user`` (a POST /users body with a password) and log in."""
    created = expect((yield shop.create_user(user)), 201)
    token = yield from log_in_token(shop, user["email"], user["password"])
    return Account(created.json(), str(user["password"]), token)


def log_in(shop: ShopEndpoints, email: str, password: str) -> Journey[Account]:
    """An existing account (the admin's, say): a token and the profile it opens."""
    token = yield from log_in_token(shop, email, password)
    profile = expect((yield shop.my_profile(token)), 200)
    return Account(profile.json(), password, token)


def log_in_token(shop: ShopEndpoints, email: str, password: str) -> Journey[str]:
    answer = expect((yield shop.token(email, password)), 200)
    return answer.json()["access_token"]


def add_product(
    shop: ShopEndpoints, product: Mapping[str, Any], admin: Account, *, exists_ok: bool = False
) -> Journey[dict]:
    """Add ``product`` as the admin; with ``exists_ok`` a 409 (already there) is fine too."""
    response = expect(
        (yield shop.create_product(product, admin.token)), *((201, 409) if exists_ok else (201,))
    )
    return response.json() if response.status_code == 201 else dict(product)


def order(shop: ShopEndpoints, order_id: str, token: str) -> Journey[dict]:
    """The order, read with its owner's token or the admin's (anyone else gets a 404)."""
    return expect((yield shop.get_order(order_id, token)), 200).json()


def product(shop: ShopEndpoints, product_id: str) -> Journey[dict]:
    return expect((yield shop.get_product(product_id)), 200).json()
