"""Request and response bodies of the inventory API."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from course_app.common.numbers import NotBool
from course_app.common.text import NoNul

ProductId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]


class ProductCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: ProductId
    name: Annotated[str, Field(min_length=1, max_length=200), NoNul]
    price: Annotated[float, Field(ge=0, le=1_000_000), NotBool]
    quantity: Annotated[int, Field(ge=0, le=1_000_000_000), NotBool]
    category: Annotated[str, Field(max_length=100), NoNul] | None = None


class ProductPublic(BaseModel):
    id: str
    name: str
    price: float
    quantity: int
    reserved: int
    category: str | None
