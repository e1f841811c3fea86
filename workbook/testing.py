"""Helpers shared by the reference test suite and the notebooks.

- Builders of test data: every call gives new, unique data (a random suffix), so no test
  depends on another test's data or on the order tests run in. Override any field.
- ``eventually``: the course's answer to ``sleep(5)``. Ask again and again until the
  answer is right or the deadline passes, then fail with the last answer seen. It lives
  with the app's other waiting (``course_app.provision.waiting``), so there is one way.
"""

import secrets

from course_app.provision.waiting import eventually

__all__ = ["eventually", "new_product", "new_user", "order_for", "unique"]


def unique(prefix: str = "") -> str:
    """A short random suffix: ``unique("PROD-")`` -> ``"PROD-3f9a1c2e"``."""
    return f"{prefix}{secrets.token_hex(4)}"


def new_user(**overrides: object) -> dict:
    """A valid, unique ``POST /users`` body, password included."""
    return {
        "name": "Test User",
        "email": f"{unique('user-')}@example.com",
        "password": f"pw-{secrets.token_urlsafe(12)}",
        "address": "123 Test St, Test City",
        **overrides,
    }


def new_product(**overrides: object) -> dict:
    """A valid, unique ``POST /products`` body."""
    return {
        "id": unique("PROD-").upper(),
        "name": "Test Product",
        "price": 29.99,
        "quantity": 100,
        "category": "test",
        **overrides,
    }


def order_for(user_id: int, product_id: str, quantity: int = 1, **overrides: object) -> dict:
    """A ``POST /orders`` body for one line of one product."""
    return {
        "user_id": user_id,
        "items": [{"product_id": product_id, "quantity": quantity}],
        "shipping_address": "123 Test St, Test City",
        **overrides,
    }
