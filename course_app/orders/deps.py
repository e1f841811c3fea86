"""The orders API's dependencies, as typed aliases routes can declare."""

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from course_app.common.app import HealthCheck
from course_app.common.clock import Clock, utc_now
from course_app.orders.clients import ProductsLookup, UsersLookup
from course_app.orders.repository import OrderRepository
from course_app.orders.service import OrderService


@dataclass
class OrdersAdapters:
    repository: OrderRepository
    users: UsersLookup
    products: ProductsLookup
    clock: Clock = utc_now
    health_checks: dict[str, HealthCheck] = field(default_factory=dict)

    def service(self) -> OrderService:
        return OrderService(self.repository, self.users, self.products, self.clock)


async def get_order_service(request: Request) -> OrderService:
    return request.app.state.adapters.service()


OrderServiceDep = Annotated[OrderService, Depends(get_order_service)]
