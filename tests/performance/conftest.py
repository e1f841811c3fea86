"""The system under load: the "load" rate-limit profile, so the limiter never answers 429.

Its demo products have little stock, so the load test buys a product of its own with
plenty of it.
"""

import secrets
from collections.abc import Iterator

import httpx
import pytest

from course_app.system import RunningSystem

LOAD_STOCK = 1_000_000_000  # the most inventory accepts: a short run never sells out


@pytest.fixture(scope="session")
def loaded_system(start_system) -> Iterator[RunningSystem]:
    with start_system(rate_limit="load") as running:
        yield running


@pytest.fixture(scope="session")
def load_product_id(loaded_system: RunningSystem) -> str:
    product = {"id": f"LOAD-{secrets.token_hex(4).upper()}", "name": "Load test widget",
               "price": 1.0, "quantity": LOAD_STOCK, "category": "load"}
    response = httpx.post(f"{loaded_system.urls['inventory']}/products", json=product,
                          timeout=10.0)
    assert response.status_code == 201, response.text
    return product["id"]
