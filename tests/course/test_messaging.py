"""Notebook 04's harness (workbook.messaging) and broken copies (workbook.broken_messaging),
against a real PostgreSQL and RabbitMQ: the flow works, the outage really cuts the
services off and they recover, and each broken copy shows its bug."""

from __future__ import annotations

import asyncio
import json

import aio_pika
import pytest

from course_app.common.errors import UpstreamUnavailable
from course_app.events import OrderLine, OrderPlaced
from workbook.broken_messaging import (
    ConfirmsWithoutReserving,
    OneAtATime,
    PublishesWithoutOutbox,
    ReservesButRejects,
    ReservesEveryDelivery,
)
from workbook.messaging import (
    USER_ID,
    Link,
    fails_against,
    host_and_port,
    left_on_broker,
    order_flow,
    through,
)
from workbook.testing import eventually, unique

pytestmark = [pytest.mark.course, pytest.mark.integration, pytest.mark.asyncio]


@pytest.fixture
def urls(postgres_service, rabbitmq_service) -> tuple[str, str]:
    return postgres_service.url, rabbitmq_service.url


async def settled(flow, order_id, timeout=15.0):
    return await eventually(
        lambda: flow.orders.get_order(order_id),
        lambda order: order.status != "pending",
        timeout=timeout,
        what="the order settling",
    )


async def stock(flow, product_id):
    product = await flow.products.get(product_id)
    return product.quantity, product.reserved


async def deliver_twice(flow, event):
    async with await aio_pika.connect(flow.amqp_url) as connection:
        channel = await connection.channel()
        exchange = await channel.declare_exchange(
            flow.exchange, aio_pika.ExchangeType.TOPIC, durable=True
        )
        for _ in range(2):
            body = json.dumps(event.payload()).encode()
            await exchange.publish(
                aio_pika.Message(body, message_id=event.message_id), event.routing_key
            )


async def test_the_real_flow_confirms_an_order_and_reports_the_answer(urls) -> None:
    async with order_flow(*urls) as flow:
        product = await flow.add_product(quantity=10)
        order = await flow.place(product, 3)
        assert (await settled(flow, order.id)).status == "confirmed"
        assert await stock(flow, product.id) == (7, 3)
        heard = await eventually(lambda: flow.answers(order.id), what="the answer")
        assert heard == ["inventory.reserved"]


async def test_the_real_flow_reserves_a_redelivered_order_once(urls) -> None:
    async with order_flow(*urls) as flow:
        product = await flow.add_product(quantity=10)
        event = OrderPlaced(
            order_id=unique("ORD-"),
            user_id=USER_ID,
            items=[OrderLine(product_id=product.id, quantity=3)],
        )
        await deliver_twice(flow, event)
        await eventually(lambda: flow.answers(event.order_id), lambda a: len(a) == 2, timeout=15)
        assert await stock(flow, product.id) == (7, 3)


async def test_an_outage_cuts_both_services_off_and_they_come_back(urls) -> None:
    async with order_flow(*urls) as flow:
        product = await flow.add_product(quantity=10)
        async with flow.outage():
            assert not await flow.connected()
            order = await flow.place(product, 2)
            assert (await flow.orders.get_order(order.id)).status == "pending"
        assert (await settled(flow, order.id)).status == "confirmed"
        assert await flow.connected()
        assert await stock(flow, product.id) == (8, 2)


@pytest.mark.parametrize(
    ("broken", "status", "left"),
    [(ConfirmsWithoutReserving, "confirmed", (10, 0)), (ReservesButRejects, "rejected", (7, 3))],
)
async def test_broken_inventories_answer_wrongly(urls, broken, status, left) -> None:
    async with order_flow(*urls, inventory_repository=broken) as flow:
        product = await flow.add_product(quantity=10)
        order = await flow.place(product, 3)
        assert (await settled(flow, order.id)).status == status
        assert await stock(flow, product.id) == left


async def test_a_consumer_that_is_not_idempotent_reserves_a_redelivery_again(urls) -> None:
    slow = OneAtATime.of(ReservesEveryDelivery, 0.5)
    async with order_flow(*urls, inventory_repository=slow) as flow:
        product = await flow.add_product(quantity=10)
        event = OrderPlaced(
            order_id=unique("ORD-"),
            user_id=USER_ID,
            items=[OrderLine(product_id=product.id, quantity=3)],
        )
        await deliver_twice(flow, event)
        first = await eventually(lambda: stock(flow, product.id), lambda s: s != (10, 0))
        assert first == (7, 3)  # one at a time: the second delivery comes later
        await eventually(lambda: flow.answers(event.order_id), lambda a: len(a) == 2, timeout=15)
        assert await stock(flow, product.id) == (4, 6)


async def test_without_an_outbox_an_outage_fails_the_order(urls) -> None:
    async with order_flow(
        *urls, orders_repository=PublishesWithoutOutbox.failing_the_order()
    ) as flow:
        product = await flow.add_product(quantity=10)
        async with flow.outage():
            with pytest.raises(UpstreamUnavailable):
                await flow.place(product, 2)
        await eventually(flow.connected, what="the services reconnecting")
        order = await flow.place(product, 2)  # with the broker back, it works
        assert (await settled(flow, order.id)).status == "confirmed"


async def test_without_an_outbox_an_outage_loses_the_message(urls) -> None:
    async with order_flow(
        *urls, orders_repository=PublishesWithoutOutbox.losing_the_message()
    ) as flow:
        product = await flow.add_product(quantity=10)
        async with flow.outage():
            lost = await flow.place(product, 2)
        await eventually(flow.connected, what="the services reconnecting")
        order = await flow.place(product, 1)
        assert (await settled(flow, order.id)).status == "confirmed"
        assert (await flow.orders.get_order(lost.id)).status == "pending"
        assert await stock(flow, product.id) == (9, 1)


async def test_a_link_relays_until_cut_and_refuses_until_restored(rabbitmq_service) -> None:
    async with Link(*host_and_port(rabbitmq_service.url)) as link:
        url = through(rabbitmq_service.url, link)
        connection = await aio_pika.connect(url, timeout=5)
        closed = asyncio.Event()
        connection.close_callbacks.add(lambda *_: closed.set())
        link.cut()
        await asyncio.wait_for(closed.wait(), timeout=5)
        with pytest.raises(Exception):  # noqa: B017 - aio_pika raises several kinds here
            await aio_pika.connect(url, timeout=2)
        link.restore()
        async with await aio_pika.connect(url, timeout=5):
            pass


async def _passes() -> None:
    return None


async def _fails() -> None:
    raise AssertionError("caught it")


async def _hangs() -> None:
    await asyncio.sleep(60)


async def _not_started() -> None:
    raise NotImplementedError("Exercise 4.1: stub")


async def test_fails_against_accepts_a_failing_test_and_rejects_the_rest() -> None:
    await fails_against(_fails(), "a bug", within=1)
    with pytest.raises(AssertionError, match="passed against a bug"):
        await fails_against(_passes(), "a bug", within=1)
    with pytest.raises(AssertionError, match="still running after"):
        await fails_against(_hangs(), "a bug", within=0.2)
    with pytest.raises(NotImplementedError):
        await fails_against(_not_started(), "a bug", within=1)
    await fails_against(asyncio.to_thread(pytest.fail, "failed"), "a bug", within=1)


async def test_left_on_broker_names_what_exists_and_nothing_else(rabbitmq_service) -> None:
    url = rabbitmq_service.url
    queue, gone, exchange = unique("q-"), unique("gone-"), unique("x-")
    async with await aio_pika.connect(url) as connection:
        channel = await connection.channel()
        await channel.declare_exchange(exchange, aio_pika.ExchangeType.TOPIC)
        await channel.declare_queue(queue)
        assert await left_on_broker(url, [queue, gone], exchange) == [queue, exchange]
        await channel.queue_delete(queue)
        await channel.exchange_delete(exchange)
    assert await left_on_broker(url, [queue, gone], exchange) == []
