"""The orders service's message entrypoint: inventory's answers settle orders."""

from typing import Any

from course_app.common.broker import Broker
from course_app.events import InventoryRejected, InventoryReserved
from course_app.orders.service import OrderService

INVENTORY_QUEUE = "orders.inventory-events"
_EVENTS = {event.routing_key: event for event in (InventoryReserved, InventoryRejected)}


def handle_inventory_event(service: OrderService):
    async def handle(routing_key: str, payload: dict[str, Any]) -> None:
        event_type = _EVENTS.get(routing_key)
        if event_type is None:
            raise ValueError(f"unexpected routing key {routing_key}")
        await service.settle(event_type.model_validate(payload))

    return handle


def subscribe(broker: Broker, service: OrderService) -> None:
    broker.subscribe(INVENTORY_QUEUE, tuple(_EVENTS), handle_inventory_event(service))
