"""A load test of course_app with Locust: shoppers browse, read their profile and order.

Run it headless, as a separate process (Locust patches the standard library with
gevent when it is imported, which breaks a notebook kernel or a pytest run)::

    python -m locust -f tests/performance/locustfile.py --headless -u 10 -r 10 -t 30s \
        --host http://127.0.0.1:8080 --csv reports/load --csv-full-history --only-summary

--host is the users service; the other services' URLs come from INVENTORY_URL and
ORDERS_URL (defaults: the launcher's ports 8082 and 8081). LOAD_PRODUCT_IDS (comma
separated) names the products to buy: give products with plenty of stock, or orders
start failing with "insufficient inventory" once the demo stock is sold.

The weights follow the syllabus: browsing is the most common action, ordering the rarest.
Requests are named by route ("GET /users/{id}") so Locust aggregates them per endpoint.
"""

import os
import random
import secrets

from locust import HttpUser, between, task

INVENTORY_URL = os.environ.get("INVENTORY_URL", "http://127.0.0.1:8082")
ORDERS_URL = os.environ.get("ORDERS_URL", "http://127.0.0.1:8081")
PRODUCT_IDS = os.environ.get("LOAD_PRODUCT_IDS", "PROD123,PROD124,PROD125,PROD126").split(",")


class Shopper(HttpUser):
    wait_time = between(0.5, 1.5)  # think time between actions, in seconds

    def on_start(self) -> None:
        """Each simulated shopper registers and logs in once, like a real customer."""
        password = f"load-{secrets.token_urlsafe(12)}"
        user = {
            "name": "Load Test User",
            "email": f"load-{secrets.token_hex(6)}@example.com",
            "password": password,
            "age": random.randint(18, 65),
        }
        created = self.client.post("/users", json=user, name="POST /users")
        self.user_id = created.json()["id"]
        token = self.client.post(
            "/auth/token",
            name="POST /auth/token",
            json={"email": user["email"], "password": password},
        )
        self.auth = {"Authorization": f"Bearer {token.json()['access_token']}"}

    @task(5)
    def browse_products(self) -> None:
        self.client.get(f"{INVENTORY_URL}/products", name="GET /products")
        product_id = random.choice(PRODUCT_IDS)
        self.client.get(f"{INVENTORY_URL}/products/{product_id}", name="GET /products/{id}")

    @task(3)
    def read_profile(self) -> None:
        self.client.get(f"/users/{self.user_id}", name="GET /users/{id}")
        self.client.get("/users/profile", headers=self.auth, name="GET /users/profile")

    @task(1)
    def place_order(self) -> None:
        order = {
            "user_id": self.user_id,
            "shipping_address": "1 Load Test Lane",
            "items": [{"product_id": random.choice(PRODUCT_IDS), "quantity": random.randint(1, 3)}],
        }
        with self.client.post(
            f"{ORDERS_URL}/orders",
            json=order,
            headers=self.auth,
            name="POST /orders",
            catch_response=True,
        ) as response:
            if response.status_code != 201:  # anything else is a failure, with the reason
                response.failure(f"{response.status_code}: {response.text[:200]}")


class CatalogueBrowser(HttpUser):
    """Browses one category of the catalogue, quickly: the bottleneck hunt in notebook 10.

    --host is the inventory service; LOAD_CATEGORY names the category (default "tea").
    """

    wait_time = between(0.05, 0.15)
    category = os.environ.get("LOAD_CATEGORY", "tea")

    @task
    def browse_category(self) -> None:
        self.client.get(
            "/products",
            params={"category": self.category, "limit": 20},
            name="GET /products?category=",
        )
