"""A process dies, nothing is lost: a service killed with SIGKILL, or PostgreSQL restarted,
in the middle of a stream of orders.

The services run as real processes (the launcher's ``RunningSystem``), so ``kill -9`` is a
real crash: no clean-up code runs, and what was half done (an open transaction, a message
not yet acknowledged) is left to PostgreSQL and RabbitMQ to undo or hand out again. After
each failure, every order the system accepted (a 201) and every order it stored without
answering ends ``confirmed`` or ``rejected`` exactly once; stock never goes below zero and
no unit is reserved twice — checked in the database and through the API.
"""

import asyncio
import os
import signal
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field

import httpx
import psycopg
import pytest
import pytest_asyncio
from psycopg.rows import dict_row

from course_app.provision import ServiceHandle
from course_app.provision.pytest_plugin import skip_or_fail
from course_app.provision.waiting import poll_until
from course_app.shop_client import Account, AsyncShopClient
from course_app.system import RunningSystem
from workbook.testing import eventually, new_product, new_user, order_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.reliability,
    pytest.mark.service("system"),
    pytest.mark.slow,
    pytest.mark.asyncio,
]

STOCK = 20  # units of the test's product
FIRST_BURST = 12  # orders sent while the failure strikes
STRIKE_AFTER = 4  # accepted orders before it strikes: the rest are in flight or still to come
SECOND_BURST = STOCK  # orders after recovery: however many came before, the stock runs out
IN_FLIGHT = 4  # orders on their way at once
SETTLE_TIMEOUT_S = 60.0


@pytest.fixture(scope="module")
def live_system(start_system) -> Iterator[RunningSystem]:
    """One system for this module: each test leaves every service healthy again."""
    with start_system() as running:
        yield running


@pytest.fixture
def restartable_postgres(postgres_service: ServiceHandle) -> ServiceHandle:
    """The session's PostgreSQL, when this run started it (and so may restart it)."""
    if postgres_service.backend == "env":
        skip_or_fail(
            "restarting PostgreSQL needs one this test run started; COURSE_POSTGRES_URL "
            "points at a server that is not ours to stop (unset it for this test)"
        )
    return postgres_service


@dataclass
class Shopper:
    client: AsyncShopClient
    customer: Account
    product_id: str


@pytest_asyncio.fixture
async def shopper(live_system: RunningSystem) -> AsyncIterator[Shopper]:
    """A new customer and a new product of STOCK units, added by the launcher's admin."""
    async with AsyncShopClient(live_system.urls) as client:
        admin = await client.log_in(live_system.admin.email, live_system.admin.password)
        product = await client.add_product(new_product(quantity=STOCK), admin)
        customer = await client.register(new_user())
        yield Shopper(client, customer, product["id"])


@dataclass
class Burst:
    """What the shop answered to a burst of one-unit orders."""

    accepted: list[str] = field(default_factory=list)  # ids of the orders answered 201
    sold_out: int = 0  # 400 INSUFFICIENT_INVENTORY: refused at once, nothing stored
    # No promise made: the status of a refusal, or the name of the transport error when
    # the connection was lost (the service died under the request, or was not there).
    failed: list[int | str] = field(default_factory=list)


async def burst(
    shopper: Shopper,
    count: int,
    *,
    strike: Callable[[], Awaitable[None]] | None = None,
) -> Burst:
    """Place `count` orders, IN_FLIGHT at a time; once STRIKE_AFTER are accepted, `strike`
    runs while the others are still on their way."""
    answers, gate = Burst(), asyncio.Semaphore(IN_FLIGHT)
    order = order_for(shopper.customer.id, shopper.product_id)

    async def place() -> None:
        async with gate:
            try:
                response = await shopper.client.place_order(order, shopper.customer.token)
            except httpx.TransportError as error:  # the service died under this request
                answers.failed.append(type(error).__name__)
                return
        if response.status_code == 201:
            answers.accepted.append(response.json()["id"])
            if strike is not None and len(answers.accepted) == STRIKE_AFTER:
                await strike()
        elif response.json().get("code") == "INSUFFICIENT_INVENTORY":
            answers.sold_out += 1
        else:
            answers.failed.append(response.status_code)

    await asyncio.gather(*(place() for _ in range(count)))
    return answers


@dataclass
class Ledger:
    """What the database holds about one customer's orders of one product."""

    orders: dict[str, tuple[str, int]]  # order id -> (status, units ordered)
    reservations: dict[str, tuple[str, int]]  # order id -> (status, units reserved)
    unpublished: int  # outbox messages of these orders not yet confirmed by RabbitMQ
    stock: tuple[int, int]  # the product's (quantity, reserved)


async def read_ledger(database_url: str, shopper: Shopper) -> Ledger:
    async with await psycopg.AsyncConnection.connect(
        database_url, autocommit=True, row_factory=dict_row
    ) as db:
        orders = await (
            await db.execute(
                "SELECT o.id, o.status, sum(i.quantity)::int AS units FROM orders.orders o"
                " JOIN orders.order_items i ON i.order_id = o.id WHERE o.user_id = %s"
                " GROUP BY o.id, o.status",
                [shopper.customer.id],
            )
        ).fetchall()
        ids = [row["id"] for row in orders]
        reservations = await (
            await db.execute(
                "SELECT r.order_id, r.status, coalesce(sum(l.quantity), 0)::int AS units"
                " FROM inventory.reservations r LEFT JOIN inventory.reservation_lines l"
                " ON l.order_id = r.order_id WHERE r.order_id = ANY(%s)"
                " GROUP BY r.order_id, r.status",
                [ids],
            )
        ).fetchall()
        unpublished = await (
            await db.execute(
                "SELECT count(*) AS n FROM orders.outbox"
                " WHERE published_at IS NULL AND payload->>'order_id' = ANY(%s)",
                [ids],
            )
        ).fetchone()
        stock = await (
            await db.execute(
                "SELECT quantity, reserved FROM inventory.products WHERE id = %s",
                [shopper.product_id],
            )
        ).fetchone()
    return Ledger(
        {row["id"]: (row["status"], row["units"]) for row in orders},
        {row["order_id"]: (row["status"], row["units"]) for row in reservations},
        unpublished["n"],
        (stock["quantity"], stock["reserved"]),
    )


def assert_refused_honestly(answers: Burst) -> None:
    """What failed got a 503 (try again) or lost its connection to a dying service:
    never a 500, which would blame the service's own code."""
    statuses = [failure for failure in answers.failed if isinstance(failure, int)]
    assert set(statuses) <= {503}


async def assert_nothing_lost(system: RunningSystem, shopper: Shopper, *bursts: Burst) -> None:
    """Every order settled once, every unit accounted for: in the database and the API."""

    async def stored_orders_pending() -> list[str]:
        ledger = await read_ledger(system.database_url, shopper)
        return [order_id for order_id, (status, _) in ledger.orders.items() if status == "pending"]

    await eventually(
        stored_orders_pending,
        lambda pending: not pending,
        timeout=SETTLE_TIMEOUT_S,
        what="every stored order settling",
    )
    ledger = await read_ledger(system.database_url, shopper)
    accepted = [order_id for answers in bursts for order_id in answers.accepted]

    # No order lost: each one answered 201 is stored (some stored ones got no answer: the
    # service died before it could send it; they must settle all the same).
    assert set(accepted) <= set(ledger.orders)
    assert ledger.unpublished == 0
    # Exactly once: one reservation per order, agreeing with the order's status; a
    # confirmed order holds exactly its units, a rejected one none.
    assert ledger.reservations.keys() == ledger.orders.keys()
    for order_id, (status, units) in ledger.orders.items():
        expected = {"confirmed": ("reserved", units), "rejected": ("rejected", 0)}[status]
        assert ledger.reservations[order_id] == expected, order_id
    # The last burst always exhausts the stock: every unit went to exactly one confirmed
    # order, none is left over and none is missing.
    confirmed_units = sum(
        units for status, units in ledger.orders.values() if status == "confirmed"
    )
    assert ledger.stock == (0, STOCK) and confirmed_units == STOCK
    # The API tells the same story.
    for order_id in accepted:
        order = await shopper.client.order(order_id, shopper.customer.token)
        assert order["status"] == ledger.orders[order_id][0]
    product = await shopper.client.product(shopper.product_id)
    assert (product["quantity"], product["reserved"]) == ledger.stock


async def wait_for_health(system: RunningSystem, status: int, *names: str) -> None:
    async with httpx.AsyncClient(timeout=5) as http:
        for name in names:
            await eventually(
                lambda name=name: http.get(f"{system.urls[name]}/health"),
                lambda response: response.status_code == status,
                timeout=30,
                what=f"{name}'s /health answering {status}",
            )


async def kill_and_restart(system: RunningSystem, shopper: Shopper, service: str) -> None:
    async def kill_9() -> None:
        os.kill(system.pid(service), signal.SIGKILL)

    before = await burst(shopper, FIRST_BURST, strike=kill_9)
    assert_refused_honestly(before)
    # The launcher sees the crash (exit code -9) as it would report it.
    exit_code = await asyncio.to_thread(
        poll_until, lambda: system.exited()[service], 10, f"the {service} service's death"
    )
    assert exit_code == -signal.SIGKILL
    await asyncio.to_thread(system.restart, service)
    after = await burst(shopper, SECOND_BURST)

    assert after.failed == []  # restarted, the service takes orders again at once
    await assert_nothing_lost(system, shopper, before, after)
    assert system.exited() == {}


async def test_kill_9_of_the_orders_service_mid_stream_loses_no_order(
    live_system: RunningSystem, shopper: Shopper
) -> None:
    await kill_and_restart(live_system, shopper, "orders")
    # The restarted service logs on in the same file.
    assert live_system.logs("orders").count("Application startup complete") >= 2


async def test_kill_9_of_the_inventory_service_mid_stream_loses_no_order(
    live_system: RunningSystem, shopper: Shopper
) -> None:
    await kill_and_restart(live_system, shopper, "inventory")


async def test_a_postgresql_restart_mid_stream_loses_no_order_and_needs_no_service_restart(
    restartable_postgres: ServiceHandle, live_system: RunningSystem, shopper: Shopper
) -> None:
    pids = {name: live_system.pid(name) for name in ("orders", "inventory")}

    async def restart_postgres() -> None:
        await asyncio.to_thread(restartable_postgres.stop)
        try:
            await wait_for_health(live_system, 503, "orders", "inventory")  # they noticed
        finally:
            await asyncio.to_thread(restartable_postgres.start)

    before = await burst(shopper, FIRST_BURST, strike=restart_postgres)
    assert_refused_honestly(before)
    await wait_for_health(live_system, 200, "orders", "inventory")  # reconnected on their own
    after = await burst(shopper, SECOND_BURST)

    assert after.failed == []
    await assert_nothing_lost(live_system, shopper, before, after)
    assert {name: live_system.pid(name) for name in pids} == pids  # the same processes
    assert live_system.exited() == {}
