"""Request and response bodies of the orders API."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from course_app.common.ids import BigIntId
from course_app.common.numbers import NotBool
from course_app.common.text import NoNul


class OrderItemIn(BaseModel):
    product_id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]
    quantity: Annotated[int, Field(ge=1, le=10_000), NotBool]


class OrderCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_id: BigIntId
    items: Annotated[list[OrderItemIn], Field(min_length=1, max_length=50)]
    shipping_address: Annotated[str, Field(max_length=500), NoNul] | None = None


class OrderItemPublic(BaseModel):
    product_id: str
    quantity: int
    unit_price: float


class OrderPublic(BaseModel):
    id: str
    user_id: int
    status: str
    items: list[OrderItemPublic]
    total: float
    shipping_address: str | None
    created_at: str  # ISO-8601 UTC with Z
