"""The product catalogue's category filter against a real PostgreSQL.

A fake would accept any filter; only the real query shows that ``category = NULL`` is
not how SQL says "no filter", and that paging happens after filtering.
"""

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from course_app.common.db import open_pool
from course_app.inventory.domain import Product
from course_app.inventory.repository import SCHEMA_SQL, PostgresProductRepository
from course_app.provision import ServiceHandle
from course_app.system.database import fresh_database

pytestmark = [pytest.mark.integration, pytest.mark.service("inventory"), pytest.mark.asyncio]


@pytest_asyncio.fixture
async def repository(postgres_service: ServiceHandle) -> AsyncIterator[PostgresProductRepository]:
    with fresh_database(postgres_service.url) as url:
        pool = await open_pool(url, schema_sql=SCHEMA_SQL)
        try:
            repository = PostgresProductRepository(pool)
            for n, category in enumerate(["tea", "coffee", "tea", None, "tea"]):
                await repository.add(Product(f"P-{n}", f"Product {n}", 1.0, 5, category=category))
            yield repository
        finally:
            await pool.close()


async def test_a_category_lists_only_its_products_in_id_order(repository) -> None:
    assert [p.id for p in await repository.list_products(10, 0, "tea")] == ["P-0", "P-2", "P-4"]


async def test_paging_applies_after_the_filter(repository) -> None:
    assert [p.id for p in await repository.list_products(1, 1, "tea")] == ["P-2"]


async def test_no_category_lists_everything(repository) -> None:
    assert len(await repository.list_products(10, 0)) == 5
    assert await repository.list_products(10, 0, "cocoa") == []
