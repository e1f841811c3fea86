"""The orders HTTP API. Thin: parse, call the service layer, shape the answer."""

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Path, Query

from course_app.common.auth import CurrentClaims
from course_app.common.clock import iso_utc
from course_app.common.http_errors import documented
from course_app.common.ids import BigIntId
from course_app.common.text import NoNul
from course_app.orders.deps import OrderServiceDep
from course_app.orders.domain import Order
from course_app.orders.schemas import OrderCreate, OrderItemPublic, OrderPublic

router = APIRouter(tags=["orders"])


def to_public(order: Order) -> OrderPublic:
    return OrderPublic(
        id=order.id,
        user_id=order.user_id,
        status=order.status,
        total=order.total,
        items=[OrderItemPublic(**asdict(item)) for item in order.items],
        shipping_address=order.shipping_address,
        created_at=iso_utc(order.created_at),
    )


@router.post("/orders", status_code=201, responses=documented(401, 403, 404))
async def place_order(
    body: OrderCreate, claims: CurrentClaims, orders: OrderServiceDep
) -> OrderPublic:
    return to_public(await orders.place_order(claims, body))


@router.get("/orders", responses=documented(401, 403))
async def list_orders(
    claims: CurrentClaims,
    orders: OrderServiceDep,
    user_id: Annotated[BigIntId | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[OrderPublic]:
    found = await orders.list_orders_as(claims, user_id, limit, offset)
    return [to_public(order) for order in found]


@router.get("/orders/{order_id}", responses=documented(401, 404))
async def get_order(
    order_id: Annotated[str, Path(max_length=64), NoNul],
    claims: CurrentClaims,
    orders: OrderServiceDep,
) -> OrderPublic:
    return to_public(await orders.get_order_as(claims, order_id))
