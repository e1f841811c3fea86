"""The orders API's dependencies, as typed aliases routes can declare."""

from typing import Annotated

from fastapi import Depends

from course_app.common.app import adapters_of
from course_app.orders.bootstrap import OrdersAdapters
from course_app.orders.service import OrderService

AdaptersDep = Annotated[OrdersAdapters, Depends(adapters_of)]


async def get_order_service(adapters: AdaptersDep) -> OrderService:
    return adapters.service()


OrderServiceDep = Annotated[OrderService, Depends(get_order_service)]
