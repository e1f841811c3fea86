"""Copies of the orders service for notebook 11's access-control exercise.

Each copy is the real orders app, in process, on the in-memory fakes (users 1 and 2, the
product ``PROD123``), with its order service built from a class the notebook plants a
mistake in. The copies sign tokens with a secret of their own; ``people()`` are the users
whose tokens they accept. Nothing is started: no database, no broker, no port.
"""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta

from course_app.common.security import create_access_token
from course_app.orders.bootstrap import bootstrap
from course_app.orders.deps import get_order_service
from course_app.orders.fakes import FakeProducts, FakeUsers, InMemoryOrderRepository
from course_app.orders.main import create_app
from course_app.orders.service import OrderService
from course_app.orders.settings import OrdersSettings
from course_app.shop_client import Account

with warnings.catch_warnings():
    # Starlette 1.x suggests httpx2 for its TestClient; the httpx the course pins works.
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

SECRET = "orders-copies-secret-of-at-least-32-bytes"
ALICE, BOB, ADMIN = 1, 2, 99
PRODUCT_ID = "PROD123"


def orders_copy(service_class: type[OrderService]) -> TestClient:
    """An HTTP client of a copy whose order service is a ``service_class``; close it after."""
    settings = OrdersSettings(
        database_url="postgresql://not-used", amqp_url="amqp://not-used", jwt_secret=SECRET
    )
    adapters = bootstrap(
        settings,
        repository=InMemoryOrderRepository(),
        users=FakeUsers(ALICE, BOB),
        products=FakeProducts({PRODUCT_ID: {"price": 9.99, "quantity": 1000}}),
    )
    app = create_app(settings, adapters)  # adapters given: nothing is opened or started
    app.dependency_overrides[get_order_service] = lambda: service_class(
        adapters.repository, adapters.users, adapters.products, adapters.clock
    )
    return TestClient(app, raise_server_exceptions=False)


def people() -> tuple[Account, Account, Account]:
    """Alice, Bob and an admin, with tokens an hour long that the copies accept."""

    def account(user_id: int, role: str = "user") -> Account:
        token = create_access_token(
            user_id, role, secret=SECRET, now=datetime.now(UTC), lifetime=timedelta(hours=1)
        )
        return Account({"id": user_id}, "", token)

    return account(ALICE), account(BOB), account(ADMIN, "admin")
