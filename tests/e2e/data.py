"""Test data builders: every call gives new, unique data, so no test depends on another."""

import secrets


def suffix() -> str:
    return secrets.token_hex(4)


def new_user(**overrides: object) -> dict:
    tag = suffix()
    return {
        "name": "E2E Test User",
        "email": f"e2e-{tag}@example.com",
        "password": f"pw-{secrets.token_urlsafe(12)}",
        "address": "123 Test St, Test City",
        **overrides,
    }


def new_product(**overrides: object) -> dict:
    return {
        "id": f"PROD-E2E-{suffix().upper()}",
        "name": "Test Product",
        "price": 29.99,
        "quantity": 100,
        "category": "test",
        **overrides,
    }


def order_for(user_id: int, product_id: str, quantity: int = 1, **overrides: object) -> dict:
    return {
        "user_id": user_id,
        "items": [{"product_id": product_id, "quantity": quantity}],
        "shipping_address": "123 Test St, Test City",
        **overrides,
    }
