"""The inventory API's dependencies, as typed aliases routes can declare."""

from typing import Annotated

from fastapi import Depends

from course_app.common.app import adapters_of
from course_app.inventory.bootstrap import InventoryAdapters
from course_app.inventory.service import InventoryService

AdaptersDep = Annotated[InventoryAdapters, Depends(adapters_of)]


async def get_inventory_service(adapters: AdaptersDep) -> InventoryService:
    return adapters.service()


InventoryServiceDep = Annotated[InventoryService, Depends(get_inventory_service)]
