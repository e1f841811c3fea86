"""Provider verification of a message: does orders publish ``order.placed`` as agreed?

There is no HTTP request to replay: pact-python runs a small HTTP server of its own,
and the verifier asks it for each message of the contract by description. Our
``OrderPlacedProducer`` answers with the event exactly as the orders service makes it:
the provider state "an order for N units of product P was placed by user U" is set up
by placing that order through orders' real use case (``OrderService.place_order``,
with in-memory fakes for its repository and the other services), and the message is
what orders' outbox relay then hands to the broker. No dict is written by hand here,
so renaming a field of ``OrderPlaced`` breaks this verification.

State and message handlers are Python functions here. pact-python passes a state
handler its arguments by name: they must be called ``action`` and ``parameters``
(``state`` too, for a single handler). A handler that raises makes pact-python answer
500, and the verifier retries a failed state change for about two minutes; so these
handlers never raise into Pact: they record the error, the interaction fails at once
for lack of its data, and the test reports the recorded error.
"""

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pact import Verifier
from pact.types import Message

from course_app.common.security import TokenClaims
from course_app.orders.fakes import FakeProducts, FakeUsers, InMemoryOrderRepository
from course_app.orders.schemas import OrderCreate
from course_app.orders.service import OrderService

from ..names import INVENTORY_SERVICE, ORDER_SERVICE, PACTS_DIR
from ..verification import verify

pytestmark = [pytest.mark.contract, pytest.mark.service("orders")]


class OrderPlacedProducer:
    """Orders' side of the contract: sets up provider states, produces the messages."""

    def __init__(self) -> None:
        self.errors: list[str] = []  # what went wrong, reported by the test
        self._forget_everything()

    def _forget_everything(self) -> None:
        self.repository = InMemoryOrderRepository()
        self.users = FakeUsers()
        self.products = FakeProducts()

    def set_state(self, state: str, action: str, parameters: dict[str, Any] | None) -> None:
        if action == "teardown":
            self._forget_everything()
            return
        try:
            asyncio.run(self._place_order(**(parameters or {})))
        except Exception as exc:  # noqa: BLE001 - see the module docstring: never raise into Pact
            self._error(f"state {state!r} {parameters}: {exc!r}")

    def _error(self, message: str) -> None:
        self.errors.append(message)
        print(f"OrderPlacedProducer: {message}")  # shown with the failure report

    async def _place_order(self, user_id: int, product_id: str, quantity: int) -> None:
        self.users.user_ids.add(user_id)
        self.products.products[product_id] = {
            "name": "Test Product",
            "price": 29.99,
            "quantity": quantity,
        }
        customer = TokenClaims(user_id, "user", datetime.now(UTC) + timedelta(minutes=5))
        order = OrderCreate(
            user_id=user_id, items=[{"product_id": product_id, "quantity": quantity}]
        )
        await OrderService(self.repository, self.users, self.products).place_order(customer, order)

    def produce(self, name: str, metadata: dict[str, Any] | None) -> Message:
        """The next message orders' outbox relay publishes, as the broker would get it."""
        published: list[tuple[str, dict, str]] = []

        async def publish(routing_key: str, payload: dict, message_id: str) -> None:
            published.append((routing_key, payload, message_id))

        asyncio.run(self.repository.relay_pending(publish, batch=1))
        if not published:
            self._error(f"message {name!r}: the outbox held nothing to publish")
            return Message(contents=b"", metadata=None, content_type=None)
        routing_key, payload, _ = published[0]
        # Broker.publish sends json.dumps(payload) as application/json; we do the same.
        return Message(
            contents=json.dumps(payload).encode(),
            metadata={"routing_key": routing_key},
            content_type="application/json",
        )


def test_order_service_publishes_order_placed_as_inventory_expects():
    producer = OrderPlacedProducer()
    verifier = (
        Verifier(ORDER_SERVICE, host="127.0.0.1")
        .message_handler(producer.produce)
        .state_handler(producer.set_state, teardown=True)
        .add_source(PACTS_DIR)
        .filter_consumers(INVENTORY_SERVICE)  # the users service's HTTP pact is verified apart
    )

    verification = verify(verifier)

    assert producer.errors == []  # e.g. a state that failed, yet an old message matched
    assert verification.verified_interactions == ["an order.placed event"]
