"""Consumer contract for a message: the inventory service consumes ``order.placed``.

With messages there is no request and response, only the event. Here the *consumer*
(inventory) writes down the event it can handle, as an asynchronous V4 interaction;
``pact.verify`` hands the example message to a function of ours, which feeds it to
inventory's real message handler (``handle_order_placed``, the one subscribed to
RabbitMQ) with in-memory fakes behind it. The contract is recorded only if the handler
accepted the message and did its job: reserve the stock, announce the reservation.

The provider (orders) then proves it publishes such events:
``tests/contract/provider/test_order_placed_message.py``.
"""

import asyncio
import json

import pytest
from pact import Pact, match

from course_app.common.fakes import RecordingPublisher
from course_app.events import InventoryReserved, OrderPlaced
from course_app.inventory.consumer import handle_order_placed
from course_app.inventory.domain import Product
from course_app.inventory.fakes import InMemoryProductRepository
from course_app.inventory.service import InventoryService

from ..names import INVENTORY_SERVICE, ORDER_SERVICE

pytestmark = [pytest.mark.contract, pytest.mark.service("inventory")]

ORDER_ID = r"^ORD-[0-9A-F]{12}$"  # what orders' new_order_id() makes


def test_reserves_stock_for_an_order_placed_event(pact_files):
    pact = Pact(INVENTORY_SERVICE, ORDER_SERVICE)
    (
        pact.upon_receiving("an order.placed event", "Async")
        .given(
            "an order for 2 units of product PROD-1 was placed by user 123",
            user_id=123,
            product_id="PROD-1",
            quantity=2,
        )
        .with_body(
            {
                "order_id": match.regex("ORD-0123456789AB", regex=ORDER_ID),
                "user_id": match.int(123),
                "items": match.each_like(
                    {"product_id": match.str("PROD-1"), "quantity": match.int(2)}, min=1
                ),
            },
            content_type="application/json",
        )
        .with_metadata(routing_key=OrderPlaced.routing_key)
    )
    products = InMemoryProductRepository([Product("PROD-1", "Test Product", 29.99, quantity=10)])
    announced = RecordingPublisher()
    handle = handle_order_placed(InventoryService(products, announced))

    def deliver(body: str | bytes | None, metadata: dict[str, object]) -> None:
        """What the broker does for a message: decode it, call inventory's handler."""
        asyncio.run(handle(str(metadata["routing_key"]), json.loads(body or b"")))

    pact.verify(deliver, "Async")  # raises if the handler raised for any message
    pact_files.record(pact)

    assert products.products["PROD-1"].quantity == 8
    assert products.products["PROD-1"].reserved == 2
    assert announced.events == [InventoryReserved(order_id="ORD-0123456789AB")]
