"""The system under load: the "load" rate-limit profile, so the limiter never answers 429.

Its demo products have little stock, so the load test buys a product of its own with
plenty of it.
"""

import secrets
from collections.abc import Iterator

import pytest

from course_app.shop_client import ShopClient
from course_app.system import RunningSystem

LOAD_STOCK = 1_000_000_000  # the most inventory accepts: a short run never sells out


@pytest.fixture(scope="session")
def loaded_system(start_system) -> Iterator[RunningSystem]:
    with start_system(rate_limit="load") as running:
        yield running


@pytest.fixture(scope="session")
def load_product_id(loaded_system: RunningSystem) -> str:
    with ShopClient(loaded_system.urls) as shop:
        admin = shop.log_in(loaded_system.admin.email, loaded_system.admin.password)
        product = {
            "id": f"LOAD-{secrets.token_hex(4).upper()}",
            "name": "Load test widget",
            "price": 1.0,
            "quantity": LOAD_STOCK,
            "category": "load",
        }
        return shop.add_product(product, admin)["id"]
