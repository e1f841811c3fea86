"""The inventory API's dependencies, as typed aliases routes can declare."""

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from course_app.common.app import HealthCheck
from course_app.common.broker import EventPublisher
from course_app.inventory.repository import ProductRepository
from course_app.inventory.service import InventoryService


@dataclass
class InventoryAdapters:
    repository: ProductRepository
    publisher: EventPublisher
    health_checks: dict[str, HealthCheck] = field(default_factory=dict)

    def service(self) -> InventoryService:
        return InventoryService(self.repository, self.publisher)


async def get_inventory_service(request: Request) -> InventoryService:
    return request.app.state.adapters.service()


InventoryServiceDep = Annotated[InventoryService, Depends(get_inventory_service)]
