"""GET /products?category=: the filter and its validation, on the in-memory repository."""

from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from course_app.common.fakes import RecordingPublisher
from course_app.inventory.deps import InventoryAdapters
from course_app.inventory.domain import Product
from course_app.inventory.fakes import InMemoryProductRepository
from course_app.inventory.main import create_app
from course_app.inventory.settings import InventorySettings

pytestmark = [pytest.mark.unit, pytest.mark.service("inventory"), pytest.mark.asyncio]


@pytest_asyncio.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    repository = InMemoryProductRepository(
        [Product("A", "Assam", 3.0, 9, category="tea"), Product("B", "Bourbon", 4.0, 9, category="coffee"),
         Product("C", "Ceylon", 3.5, 9, category="tea")]
    )
    settings = InventorySettings(database_url="postgresql://unused", amqp_url="amqp://unused")
    app = create_app(settings, adapters=InventoryAdapters(repository, RecordingPublisher()))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://inventory") as client:
        yield client


async def test_products_of_one_category(http) -> None:
    response = await http.get("/products", params={"category": "tea"})
    assert response.status_code == 200
    assert [p["id"] for p in response.json()] == ["A", "C"]


async def test_a_category_with_no_products_is_an_empty_list(http) -> None:
    assert (await http.get("/products", params={"category": "cocoa"})).json() == []


@pytest.mark.parametrize("category", ["", "x" * 101, "te\x00a"])
async def test_an_unusable_category_is_a_400(http, category) -> None:
    response = await http.get("/products", params={"category": category})
    assert response.status_code == 400
    assert response.json()["code"] == "VALIDATION_ERROR"
