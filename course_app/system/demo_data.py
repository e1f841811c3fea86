"""Demo data, so a freshly started shop has something to buy and someone to run it.

Not the syllabus (the course's "seed"): the admin account and four products. It goes
through the public APIs with the course's shop client, like any client would: the users
service creates the admin account itself from ADMIN_EMAIL/ADMIN_PASSWORD, and the admin
adds the products. Running it twice is harmless (409 means "already there").
"""

import secrets
from dataclasses import dataclass

from course_app.shop_client import ShopClient, ShopError

ADMIN_EMAIL = "admin@example.com"

# PROD123 is the product the syllabus's Selenium example adds to its cart.
DEMO_PRODUCTS = (
    {
        "id": "PROD123",
        "name": "Ceramic coffee mug",
        "price": 12.50,
        "quantity": 100,
        "category": "kitchen",
    },
    {
        "id": "PROD124",
        "name": "Mechanical keyboard",
        "price": 89.00,
        "quantity": 25,
        "category": "electronics",
    },
    {
        "id": "PROD125",
        "name": "Notebook, dotted, A5",
        "price": 7.95,
        "quantity": 200,
        "category": "stationery",
    },
    {"id": "PROD126", "name": "Desk lamp", "price": 34.90, "quantity": 10, "category": "home"},
)


@dataclass(frozen=True)
class AdminAccount:
    email: str
    password: str

    @classmethod
    def generate(cls) -> "AdminAccount":
        """A fresh password per run: nothing secret is committed or reused."""
        return cls(ADMIN_EMAIL, secrets.token_urlsafe(12))


class DemoDataError(RuntimeError):
    """The demo data could not be created (the message says which call failed)."""


def add_demo_data(urls: dict[str, str], admin: AdminAccount) -> None:
    with ShopClient(urls) as shop:
        try:
            signed_in = shop.log_in(admin.email, admin.password)
            for product in DEMO_PRODUCTS:
                shop.add_product(product, signed_in, exists_ok=True)
        except ShopError as error:
            raise DemoDataError(f"adding the demo data failed: {error}") from error
