"""The three services running in this process on real sockets, for integration tests.

Each service is a real uvicorn server in a thread (so coverage sees its code), wired to
the test's PostgreSQL and RabbitMQ and given a unique queue prefix.
"""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

import httpx
import uvicorn
from fastapi import FastAPI

from course_app.inventory.main import create_app as inventory_app
from course_app.inventory.settings import InventorySettings
from course_app.orders.main import create_app as orders_app
from course_app.orders.settings import OrdersSettings
from course_app.users.main import create_app as users_app
from course_app.users.settings import UsersSettings
from workbook.testing import unique


def _listening_socket() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    return sock


def _url(sock: socket.socket) -> str:
    return f"http://127.0.0.1:{sock.getsockname()[1]}"


@contextmanager
def serve(app: FastAPI, sock: socket.socket, timeout: float = 60.0) -> Iterator[None]:
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("service did not start; see the log above")
        time.sleep(0.05)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@dataclass
class System:
    users: str
    orders: str
    inventory: str
    secret: str
    amqp_url: str
    exchange: str

    def wait_healthy(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        for base in (self.users, self.orders, self.inventory):
            while httpx.get(f"{base}/health").status_code != 200:
                if time.monotonic() > deadline:
                    raise AssertionError(f"{base} never became healthy")
                time.sleep(0.1)


@contextmanager
def running_system(database_url: str, amqp_url: str) -> Iterator[System]:
    sockets = {name: _listening_socket() for name in ("users", "orders", "inventory")}
    urls = {name: _url(sock) for name, sock in sockets.items()}
    common = {"database_url": database_url, "rate_limit_requests": 100_000, "test_hooks": True}
    broker = {
        "amqp_url": amqp_url,
        "queue_prefix": unique("test-") + ".",
        "events_exchange": unique("events-"),
    }
    secret = unique("integration-secret-") * 2
    apps = {
        "users": users_app(UsersSettings(**common, jwt_secret=secret, orders_url=urls["orders"])),
        "inventory": inventory_app(InventorySettings(**common, **broker, jwt_secret=secret)),
        "orders": orders_app(
            OrdersSettings(
                **common,
                **broker,
                jwt_secret=secret,
                outbox_poll_seconds=0.05,
                users_url=urls["users"],
                inventory_url=urls["inventory"],
            )
        ),
    }
    with ExitStack() as stack:
        for name in ("users", "inventory", "orders"):
            stack.enter_context(serve(apps[name], sockets[name]))
        system = System(
            **urls, secret=secret, amqp_url=amqp_url, exchange=broker["events_exchange"]
        )
        system.wait_healthy()
        yield system
