"""One Locust user class per benchmarked endpoint; ``bench_services.py`` picks one per run.

FastHttpUser keeps the load generator cheap, so more of the 2 cores serve requests.
The pace comes from BENCH_RATE_PER_USER: unset, each user sends its next request as
soon as the last one is answered (the maximum rate); set, each user sends that many
requests per second (a constant rate). The ids and the token are prepared by the
benchmark and passed in the environment.

At a constant rate, users that fire together make bursts: queueing that the load
generator makes up, not latency of the service. Locust starts its users in batches, and
its constant_throughput keeps each user in step with the moment it was created, so here
each user keeps a schedule of its own instead: user k of n sends its requests k/n of a
period after user 0's, and the requests arrive evenly spaced.
"""

import itertools
import os
import time

import gevent
from locust import FastHttpUser, task

RATE = float(os.environ.get("BENCH_RATE_PER_USER") or 0)  # 0: as fast as they can
USERS = int(os.environ.get("BENCH_USERS", "1"))
_slots = itertools.count()  # one Locust process: its users are greenlets sharing this


class PacedUser(FastHttpUser):
    """At a constant rate, sends a request every 1/RATE s in its own slot of the period."""

    abstract = True

    def on_start(self) -> None:
        if RATE:
            gevent.sleep((next(_slots) % USERS) / USERS / RATE)
        self.next_request_at = time.perf_counter()  # the first goes now

    def wait_time(self) -> float:
        if not RATE:
            return 0.0
        self.next_request_at += 1 / RATE  # a late answer does not move the schedule
        return max(0.0, self.next_request_at - time.perf_counter())


class BareHello(PacedUser):
    @task
    def hello(self) -> None:
        self.client.get("/hello", name="GET /hello")


class UserById(PacedUser):
    @task
    def user(self) -> None:
        self.client.get(f"/users/{os.environ['BENCH_USER_ID']}", name="GET /users/{id}")


class ProductById(PacedUser):
    @task
    def product(self) -> None:
        self.client.get(f"/products/{os.environ['BENCH_PRODUCT_ID']}", name="GET /products/{id}")


class PlaceOrder(PacedUser):
    def on_start(self) -> None:
        self.order = {
            "user_id": int(os.environ["BENCH_USER_ID"]),
            "items": [{"product_id": os.environ["BENCH_PRODUCT_ID"], "quantity": 1}],
        }
        self.auth = {"Authorization": f"Bearer {os.environ['BENCH_TOKEN']}"}
        super().on_start()

    @task
    def order(self) -> None:
        self.client.post("/orders", json=self.order, headers=self.auth, name="POST /orders")
