"""The messages the services exchange over RabbitMQ, one model per event.

The orders service publishes ``OrderPlaced``; inventory answers with ``InventoryReserved``
or ``InventoryRejected``. Publisher, consumers and the message pacts all use these
models, so the shape of a message is written down exactly once.
"""

from typing import ClassVar

from pydantic import BaseModel, Field


class OrderLine(BaseModel):
    product_id: str
    quantity: int = Field(ge=1)


class Event(BaseModel):
    routing_key: ClassVar[str]
    order_id: str

    def payload(self) -> dict:
        """The JSON-ready body of the message."""
        return self.model_dump(mode="json")

    @property
    def message_id(self) -> str:
        """One id per event and order: a consumer can tell a redelivery from a new message."""
        return f"{self.routing_key}:{self.order_id}"


class OrderPlaced(Event):
    routing_key: ClassVar[str] = "order.placed"
    user_id: int
    items: list[OrderLine] = Field(min_length=1)


class InventoryReserved(Event):
    routing_key: ClassVar[str] = "inventory.reserved"


class InventoryRejected(Event):
    routing_key: ClassVar[str] = "inventory.rejected"
    reason: str
