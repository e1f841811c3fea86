"""Reliability: racing orders, a broker outage, a message delivered twice."""

import asyncio
import json

import aio_pika
import httpx
import pytest

from course_app.events import OrderLine, OrderPlaced
from course_app.provision import ServiceHandle
from integration.shop import Shop
from integration.system import System
from workbook.testing import eventually, unique

pytestmark = [
    pytest.mark.integration,
    pytest.mark.reliability,
    pytest.mark.service("system"),
    pytest.mark.slow,
    pytest.mark.asyncio,
]


@pytest.fixture
def shop(http: httpx.AsyncClient, system: System) -> Shop:
    return Shop(http, system)


async def test_200_racing_orders_reserve_exactly_the_50_units_in_stock(shop: Shop) -> None:
    user, auth = await shop.register()
    product = await shop.add_product(quantity=50)

    responses = await asyncio.gather(
        *(shop.place_order(user, auth, (product["id"], 1)) for _ in range(200))
    )

    assert {r.status_code for r in responses} <= {201, 400}
    accepted = [r.json()["id"] for r in responses if r.status_code == 201]
    settled = [await shop.settled(order_id, timeout=120) for order_id in accepted]
    statuses = [order["status"] for order in settled]
    assert set(statuses) <= {"confirmed", "rejected"}
    assert statuses.count("confirmed") == 50
    stock = await shop.product(product["id"])
    assert (stock["quantity"], stock["reserved"]) == (0, 50)


async def test_orders_placed_while_the_broker_is_down_are_confirmed_once_it_is_back(
    shop: Shop, rabbitmq_service: ServiceHandle, http: httpx.AsyncClient
) -> None:
    user, auth = await shop.register()
    product = await shop.add_product(quantity=10)
    before = (await shop.place_order(user, auth, (product["id"], 1))).json()
    await shop.settled(before["id"])

    await asyncio.to_thread(rabbitmq_service.stop)
    try:
        await eventually(
            lambda: http.get(f"{shop.system.orders}/health"),
            lambda r: r.status_code == 503,
            what="orders reporting the broker down",
        )
        during = [(await shop.place_order(user, auth, (product["id"], 2))).json() for _ in range(3)]
        assert [o["status"] for o in during] == ["pending"] * 3
    finally:
        await asyncio.to_thread(rabbitmq_service.start)

    settled = [await shop.settled(order["id"], timeout=90) for order in during]
    assert [o["status"] for o in settled] == ["confirmed"] * 3
    assert (await shop.product(product["id"]))["reserved"] == 7


async def test_an_order_placed_message_delivered_twice_reserves_once(
    shop: Shop, system: System
) -> None:
    product = await shop.add_product(quantity=10)
    event = OrderPlaced(
        order_id=unique("ORD-DUP-"),
        user_id=1,
        items=[OrderLine(product_id=product["id"], quantity=3)],
    )
    connection = await aio_pika.connect(system.amqp_url)
    async with connection:
        channel = await connection.channel()
        exchange = await channel.declare_exchange(
            system.exchange, aio_pika.ExchangeType.TOPIC, durable=True
        )
        answers = await channel.declare_queue(exclusive=True)
        await answers.bind(exchange, "inventory.*")
        for _ in range(2):  # the same message, as a broker redelivery would hand it over
            message = aio_pika.Message(
                json.dumps(event.payload()).encode(), message_id=event.order_id
            )
            await exchange.publish(message, OrderPlaced.routing_key)

        outcomes = []

        async def both_handled() -> int:
            if (incoming := await answers.get(fail=False)) is not None:
                await incoming.ack()
                outcomes.append((incoming.routing_key, json.loads(incoming.body)["order_id"]))
            return len(outcomes)

        await eventually(both_handled, lambda n: n == 2, what="inventory answering both deliveries")

    assert outcomes == [("inventory.reserved", event.order_id)] * 2
    stock = await shop.product(product["id"])
    assert (stock["quantity"], stock["reserved"]) == (7, 3)
