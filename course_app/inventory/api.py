"""The inventory HTTP API. Thin: parse, call the service layer, shape the answer."""

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query

from course_app.common.auth import CurrentClaims
from course_app.common.http_errors import documented
from course_app.common.text import NoNul
from course_app.inventory.deps import InventoryServiceDep
from course_app.inventory.domain import Product
from course_app.inventory.schemas import ProductCreate, ProductId, ProductPublic

router = APIRouter(tags=["inventory"])


def to_public(product: Product) -> ProductPublic:
    return ProductPublic(**asdict(product))


@router.post("/products", status_code=201, responses=documented(401, 403, 409))
async def add_product(
    body: ProductCreate, claims: CurrentClaims, inventory: InventoryServiceDep
) -> ProductPublic:
    return to_public(await inventory.add_product(claims, body))


@router.get("/products", responses=documented())
async def list_products(
    inventory: InventoryServiceDep,
    category: Annotated[str | None, Query(min_length=1, max_length=100), NoNul] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[ProductPublic]:
    return [to_public(p) for p in await inventory.list_products(limit, offset, category=category)]


@router.get("/products/{product_id}", responses=documented(404))
async def get_product(product_id: ProductId, inventory: InventoryServiceDep) -> ProductPublic:
    return to_public(await inventory.get_product(product_id))
