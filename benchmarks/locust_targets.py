"""One Locust user class per benchmarked endpoint; ``bench_services.py`` picks one per run.

FastHttpUser keeps the load generator cheap, so more of the 2 cores serve requests.
The pace comes from BENCH_RATE_PER_USER: unset, each user sends its next request as
soon as the last one is answered (the maximum rate); set, each user sends that many
requests per second (a constant rate, Locust's constant_throughput). The ids and the
token are prepared by the benchmark and passed in the environment.
"""

import os

from locust import FastHttpUser, constant, constant_throughput, task

RATE = os.environ.get("BENCH_RATE_PER_USER")
PACE = constant_throughput(float(RATE)) if RATE else constant(0)


class BareHello(FastHttpUser):
    wait_time = PACE

    @task
    def hello(self) -> None:
        self.client.get("/hello", name="GET /hello")


class UserById(FastHttpUser):
    wait_time = PACE

    @task
    def user(self) -> None:
        self.client.get(f"/users/{os.environ['BENCH_USER_ID']}", name="GET /users/{id}")


class ProductById(FastHttpUser):
    wait_time = PACE

    @task
    def product(self) -> None:
        self.client.get(f"/products/{os.environ['BENCH_PRODUCT_ID']}", name="GET /products/{id}")


class PlaceOrder(FastHttpUser):
    wait_time = PACE

    def on_start(self) -> None:
        self.order = {
            "user_id": int(os.environ["BENCH_USER_ID"]),
            "items": [{"product_id": os.environ["BENCH_PRODUCT_ID"], "quantity": 1}],
        }
        self.auth = {"Authorization": f"Bearer {os.environ['BENCH_TOKEN']}"}

    @task
    def order(self) -> None:
        self.client.post("/orders", json=self.order, headers=self.auth, name="POST /orders")
