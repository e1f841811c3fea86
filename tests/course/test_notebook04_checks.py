"""Notebook 04's checks accept every answer their prompts allow and reject wrong ones.

The honesty checker proves each check fails on the stub and passes on *the* solution.
This runs the check cells of exercises 4.1, 4.2, 4.4 and 4.5 — the tests the learner
writes and the isolated broker — on other right answers and on wrong ones, all in one
kernel: each answer cell is followed by its exercise's check cell, as a learner would
run them.
"""

from __future__ import annotations

import pytest
from check_trials import Trials, cell_with, judge

from coursekit.paths import REPO_ROOT

pytestmark = pytest.mark.course

NOTEBOOK = REPO_ROOT / "solutions" / "04_message_broker.ipynb"

FLOW_TESTS = {
    "right: a polling loop of its own under asyncio.timeout": (
        "pass",
        """
async def check_order_flow(flow, timeout=10.0):
    product = await flow.add_product(quantity=5)
    order = await flow.place(product, 2)
    async with asyncio.timeout(timeout):
        while (order := await flow.orders.get_order(order.id)).status == "pending":
            await asyncio.sleep(0.05)
    assert order.status == "confirmed"
    stock = await flow.products.get(product.id)
    assert stock.quantity == 3 and stock.reserved == 2
""",
    ),
    "wrong: the seed's sleep(1)": (
        "fail",
        """
async def check_order_flow(flow, timeout=10.0):
    product = await flow.add_product(quantity=10)
    order = await flow.place(product, 3)
    await asyncio.sleep(1)
    assert (await flow.orders.get_order(order.id)).status == "confirmed"
    stock = await flow.products.get(product.id)
    assert (stock.quantity, stock.reserved) == (7, 3)
""",
    ),
    "wrong: only the status": (
        "fail",
        """
async def check_order_flow(flow, timeout=10.0):
    product = await flow.add_product(quantity=10)
    order = await flow.place(product, 3)
    settled = await eventually(lambda: flow.orders.get_order(order.id),
                               lambda o: o.status != "pending", timeout=timeout)
    assert settled.status == "confirmed"
""",
    ),
    "wrong: only the stock": (
        "fail",
        """
async def check_order_flow(flow, timeout=10.0):
    product = await flow.add_product(quantity=10)
    await flow.place(product, 3)
    stock = await eventually(lambda: flow.products.get(product.id),
                             lambda s: s.reserved == 3, timeout=timeout)
    assert stock.quantity == 7
""",
    ),
    "wrong: waits 30 s for 'confirmed', whatever its timeout": (
        "fail",
        """
async def check_order_flow(flow, timeout=10.0):
    product = await flow.add_product(quantity=10)
    order = await flow.place(product, 3)
    await eventually(lambda: flow.orders.get_order(order.id), lambda o: o.status == "confirmed")
    stock = await flow.products.get(product.id)
    assert (stock.quantity, stock.reserved) == (7, 3)
""",
    ),
}

PUBLISH_TWICE = """
    product = await flow.add_product(quantity=10)
    event = OrderPlaced(order_id=unique("ORD-"), user_id=USER_ID,
                        items=[OrderLine(product_id=product.id, quantity=3)])
    async with await aio_pika.connect(flow.amqp_url) as connection:
        channel = await connection.channel()
        exchange = await channel.declare_exchange(flow.exchange, aio_pika.ExchangeType.TOPIC, durable=True)
        for _ in range(TIMES):
            body = json.dumps(event.payload()).encode()
            await exchange.publish(aio_pika.Message(body, message_id=event.message_id), event.routing_key)
"""


def _redelivery_test(times: int, then: str) -> str:
    return (
        "async def check_a_redelivery_reserves_once(flow, timeout=10.0):"
        + PUBLISH_TWICE.replace("TIMES", str(times))
        + then
    )


REDELIVERY_TESTS = {
    "right: both answers, then one row in inventory.reservations": (
        "pass",
        _redelivery_test(
            2,
            """
    answers = await eventually(lambda: flow.answers(event.order_id), lambda a: len(a) >= 2,
                               timeout=timeout)
    assert answers == ["inventory.reserved"] * 2
    async with flow.products.pool.connection() as conn:
        cursor = await conn.execute(
            "SELECT count(*) AS n FROM inventory.reservations WHERE order_id = %s", [event.order_id])
        assert (await cursor.fetchone())["n"] == 1
    assert (await flow.products.get(product.id)).reserved == 3
""",
        ),
    ),
    "wrong: delivers once": (
        "fail",
        _redelivery_test(
            1,
            """
    await eventually(lambda: flow.answers(event.order_id), timeout=timeout)
    stock = await flow.products.get(product.id)
    assert (stock.quantity, stock.reserved) == (7, 3)
""",
        ),
    ),
    "wrong: waits for the stock, not for the second delivery": (
        "fail",
        _redelivery_test(
            2,
            """
    stock = await eventually(lambda: flow.products.get(product.id), lambda s: s.reserved >= 3,
                             timeout=timeout)
    assert (stock.quantity, stock.reserved) == (7, 3)
""",
        ),
    ),
    "wrong: sleep(1), then assert": (
        "fail",
        _redelivery_test(
            2,
            """
    await asyncio.sleep(1)
    stock = await flow.products.get(product.id)
    assert (stock.quantity, stock.reserved) == (7, 3)
""",
        ),
    ),
}

OUTAGE_TESTS = {
    "right: inventory's answer, then the order": (
        "pass",
        """
async def check_no_order_is_lost_in_an_outage(flow, timeout=30.0):
    product = await flow.add_product(quantity=4)
    async with flow.outage():
        order = await flow.place(product, 1)
        assert order.status == "pending"
        assert (await flow.products.get(product.id)).reserved == 0
    await eventually(lambda: flow.answers(order.id), timeout=timeout)
    settled = await eventually(lambda: flow.orders.get_order(order.id),
                               lambda o: o.status != "pending", timeout=timeout)
    assert settled.status == "confirmed"
    assert (await flow.products.get(product.id)).quantity == 3
""",
    ),
    "wrong: the order is placed before the outage": (
        "fail",
        """
async def check_no_order_is_lost_in_an_outage(flow, timeout=30.0):
    product = await flow.add_product(quantity=10)
    order = await flow.place(product, 2)
    async with flow.outage():
        pass
    settled = await eventually(lambda: flow.orders.get_order(order.id),
                               lambda o: o.status != "pending", timeout=timeout)
    assert settled.status == "confirmed"
""",
    ),
    "wrong: only that the order is accepted": (
        "fail",
        """
async def check_no_order_is_lost_in_an_outage(flow, timeout=30.0):
    product = await flow.add_product(quantity=10)
    async with flow.outage():
        order = await flow.place(product, 2)
    assert (await flow.orders.get_order(order.id)).status == "pending"
""",
    ),
}


def _broker(names: str, then: str) -> str:
    """An isolated_broker answer: a Broker with these names, subscribed and started, then `then`."""
    return f"""
@asynccontextmanager
async def isolated_broker(amqp_url, *subscriptions):
    broker = Broker(amqp_url, {names})
    for s in subscriptions:
        broker.subscribe(s.queue, s.routing_keys, s.handler)
    await broker.start()
{then}"""


UNIQUE_NAMES = 'unique("events-"), queue_prefix=unique("test-") + "."'
CONNECTED_THEN_STOP = """
    try:
        await asyncio.wait_for(broker.connected.wait(), 30)
        yield broker
    finally:
        await broker.stop()
"""

BROKERS = {
    "right: eventually on the health check, queues deleted through their objects": (
        "pass",
        _broker(
            'f"x-{unique()}", queue_prefix=f"{unique()}-"',
            """
    try:
        await eventually(broker.answers, timeout=20)
        yield broker
    finally:
        await broker.stop()
        connection = await aio_pika.connect(amqp_url)
        try:
            channel = await connection.channel()
            for s in broker.subscriptions:
                await (await channel.get_queue(s.queue)).delete()
            await (await channel.get_exchange(broker.exchange_name)).delete()
        finally:
            await connection.close()
""",
        ),
    ),
    "wrong: the same names every time": (
        "fail",
        _broker('"test-events", queue_prefix="test."', CONNECTED_THEN_STOP),
    ),
    "wrong: not connected yet when the block begins": (
        "fail",
        _broker(UNIQUE_NAMES, "    yield broker\n    await broker.stop()\n"),
    ),
    "wrong: clean-up skipped when the block fails": (
        "fail",
        _broker(
            UNIQUE_NAMES,
            """
    await asyncio.wait_for(broker.connected.wait(), 30)
    yield broker
    await broker.stop()
    async with await aio_pika.connect(amqp_url) as connection:
        channel = await connection.channel()
        for s in broker.subscriptions:
            await channel.queue_delete(s.queue)
        await channel.exchange_delete(broker.exchange_name)
""",
        ),
    ),
    "wrong: stops the broker, leaves its queues and exchange": (
        "fail",
        _broker(UNIQUE_NAMES, CONNECTED_THEN_STOP),
    ),
}


def _trials() -> Trials:
    trials = Trials(NOTEBOOK)
    trials.setup(
        cell_with(trials.source, "from workbook.notebook import setup").source,
        cell_with(trials.source, "from workbook.messaging import").source,
        'pg = keep("postgres", postgres())\nmq = keep("rabbitmq", rabbitmq())',
    )
    for exercise, answers in (
        ("4.1", FLOW_TESTS),
        ("4.2", REDELIVERY_TESTS),
        ("4.4", OUTAGE_TESTS),
        ("4.5", BROKERS),
    ):
        trials.each(exercise, answers, prefix=f"{exercise} ")
    trials.add("release_all()")
    return trials


@pytest.mark.slow
def test_checks_accept_right_answers_and_reject_wrong_ones(
    postgres_service, rabbitmq_service, monkeypatch
):
    judge(_trials(), monkeypatch)
