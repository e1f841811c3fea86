"""Demo data, so a freshly started shop has something to buy and someone to run it.

Seeding goes through the public APIs, like any client would: the admin account is
created by the users service itself from ADMIN_EMAIL/ADMIN_PASSWORD, and products are
added with POST /products. Running it twice is harmless (409 means "already there").
"""

import secrets
from dataclasses import dataclass

import httpx

ADMIN_EMAIL = "admin@example.com"

# PROD123 is the product the syllabus's Selenium example adds to its cart.
DEMO_PRODUCTS = (
    {"id": "PROD123", "name": "Ceramic coffee mug", "price": 12.50, "quantity": 100,
     "category": "kitchen"},
    {"id": "PROD124", "name": "Mechanical keyboard", "price": 89.00, "quantity": 25,
     "category": "electronics"},
    {"id": "PROD125", "name": "Notebook, dotted, A5", "price": 7.95, "quantity": 200,
     "category": "stationery"},
    {"id": "PROD126", "name": "Desk lamp", "price": 34.90, "quantity": 10,
     "category": "home"},
)


@dataclass(frozen=True)
class AdminAccount:
    email: str
    password: str

    @classmethod
    def generate(cls) -> "AdminAccount":
        """A fresh password per run: nothing secret is committed or reused."""
        return cls(ADMIN_EMAIL, secrets.token_urlsafe(12))


class SeedError(RuntimeError):
    """The demo data could not be created (the message says which call failed)."""


def seed_demo_data(urls: dict[str, str], admin: AdminAccount) -> None:
    with httpx.Client(timeout=10.0) as client:
        token = _admin_token(client, urls["users"], admin)
        for product in DEMO_PRODUCTS:
            response = client.post(f"{urls['inventory']}/products", json=product,
                                   headers={"Authorization": f"Bearer {token}"})
            if response.status_code not in (201, 409):
                raise SeedError(f"POST /products {product['id']} answered "
                                f"{response.status_code}: {response.text[:200]}")


def _admin_token(client: httpx.Client, users_url: str, admin: AdminAccount) -> str:
    response = client.post(f"{users_url}/auth/token",
                           json={"email": admin.email, "password": admin.password})
    if response.status_code != 200:
        raise SeedError(f"the admin account cannot log in (POST /auth/token answered "
                        f"{response.status_code}); is ADMIN_EMAIL/ADMIN_PASSWORD supported?")
    return response.json()["access_token"]
