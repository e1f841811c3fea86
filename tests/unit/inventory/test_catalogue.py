"""GET /products?category=: the filter and its validation, on the in-memory repository."""

import pytest

from course_app.inventory.domain import Product
from course_app.inventory.fakes import InMemoryProductRepository

pytestmark = [pytest.mark.unit, pytest.mark.service("inventory"), pytest.mark.asyncio]


@pytest.fixture
def repository() -> InMemoryProductRepository:
    return InMemoryProductRepository(
        [
            Product("A", "Assam", 3.0, 9, category="tea"),
            Product("B", "Bourbon", 4.0, 9, category="coffee"),
            Product("C", "Ceylon", 3.5, 9, category="tea"),
        ]
    )


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
