"""What bench_services.py measures against: a bare baseline server and prepared data.

Kept apart from the measuring so each file holds one concept: this one starts and
prepares things, bench_services.py runs Locust and reports.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from course_app.provision.ports import free_port
from course_app.provision.process_control import stop_group
from course_app.provision.waiting import NotReady, poll_until
from course_app.shop_client import ShopClient
from course_app.system import RunningSystem
from workbook.locust_runner import EndpointStats
from workbook.testing import unique

HELLO_APP_DIR = Path(__file__).resolve().parent  # hello_app.py
BACKLOG_TIMEOUT_S = 120.0


@contextmanager
def bare_hello_server(log_dir: Path) -> Iterator[str]:
    """uvicorn serving hello_app, in its own process group; stopped on the way out."""
    port = free_port("127.0.0.1")
    with open(log_dir / "hello.log", "w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "hello_app:app",
                "--app-dir",
                str(HELLO_APP_DIR),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        poll_until(
            lambda: httpx.get(f"{url}/hello", timeout=2).raise_for_status(),
            30,
            "the bare hello server",
            lambda: server.poll() is None,
        )
        yield url
    finally:
        stop_group(server, grace=10)


def prepare_data(system: RunningSystem) -> dict[str, str]:
    """A customer with a token and a product with stock to spare, for the runs."""
    with ShopClient(system.urls, timeout=30) as shop:
        customer = shop.register(
            {
                "name": "Bench User",
                "email": f"bench-{unique()}@example.com",
                "password": secrets.token_urlsafe(12),
            }
        )
        admin = shop.log_in(system.admin.email, system.admin.password)
        product = shop.add_product(
            {
                "id": unique("BENCH-").upper(),
                "name": "Bench widget",
                "price": 1.0,
                "quantity": 1_000_000_000,
            },
            admin,
        )
    return {
        "BENCH_USER_ID": str(customer.id),
        "BENCH_PRODUCT_ID": product["id"],
        "BENCH_TOKEN": customer.token,
    }


class OrderBacklog:
    """Waits after each run of POST /orders until inventory has reserved every order.

    Orders are settled asynchronously (outbox relay, RabbitMQ, inventory); the work a
    fast run leaves queued would otherwise slow down the run after it.
    """

    def __init__(self, inventory_url: str, product_id: str) -> None:
        self.url = f"{inventory_url}/products/{product_id}"
        self.placed = 0  # every order is for one unit of the bench product

    def __call__(self, stats: EndpointStats) -> None:
        if stats.name != "POST /orders":
            return
        self.placed += stats.requests - stats.failures

        def all_reserved() -> None:
            reserved = httpx.get(self.url, timeout=5).raise_for_status().json()["reserved"]
            if reserved < self.placed:
                raise NotReady(f"{self.placed - reserved} orders not reserved yet")

        poll_until(all_reserved, BACKLOG_TIMEOUT_S, "the order backlog")
