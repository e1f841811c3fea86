"""The inventory service's message entrypoint: ``order.placed`` in, a reservation out."""

from typing import Any

from course_app.common.broker import Broker
from course_app.events import OrderPlaced
from course_app.inventory.service import InventoryService

ORDER_PLACED_QUEUE = "inventory.order-placed"


def handle_order_placed(service: InventoryService):
    async def handle(_routing_key: str, payload: dict[str, Any]) -> None:
        # A payload that is not an OrderPlaced raises ValueError: the broker drops it.
        await service.reserve_for(OrderPlaced.model_validate(payload))

    return handle


def subscribe(broker: Broker, service: InventoryService) -> None:
    broker.subscribe(ORDER_PLACED_QUEUE, (OrderPlaced.routing_key,), handle_order_placed(service))
