"""Notebook 03's checks accept every answer their prompts allow and reject wrong ones.

The honesty checker proves each check fails on the stub and passes on *the* solution.
This runs the check cells of exercises 3.1, 3.3 and 3.4 — the fixtures, the lost-update
test and its fix — on other right answers and on wrong ones, all in one kernel: each answer cell is
followed by its exercise's check cell, as a learner would run them.
"""

from __future__ import annotations

import pytest
from check_trials import Trials, cell_with, judge

from coursekit import convention as cv
from coursekit.paths import REPO_ROOT

pytestmark = pytest.mark.course

NOTEBOOK = REPO_ROOT / "solutions" / "03_database_integration.ipynb"

SESSION_FIXTURES = {
    "right: psycopg, schema committed by the connection's with block": (
        "pass",
        """
@pytest.fixture(scope="session")
def postgres_url():
    with postgres() as server:
        with psycopg.connect(server.url) as conn:
            conn.execute(USERS_SQL.read_text())
            conn.execute(INVENTORY_SQL.read_text())
        yield server.url
""",
    ),
    "right: the services' own open_pool, run to completion": (
        "pass",
        """
async def create_schemas(url):
    for schema_sql in (USERS_SQL, INVENTORY_SQL):
        await (await open_pool(url, schema_sql=schema_sql)).close()

@pytest.fixture(scope="session")
def postgres_url():
    with postgres() as pg:
        asyncio.run(create_schemas(pg.url))
        yield pg.url
""",
    ),
    "wrong: skips the schema": (
        "fail",
        """
@pytest.fixture(scope="session")
def postgres_url():
    with postgres() as pg:
        yield pg.url
""",
    ),
    "wrong: only the users schema": (
        "fail",
        """
@pytest.fixture(scope="session")
def postgres_url():
    with postgres() as pg:
        with psycopg.connect(pg.url, autocommit=True) as conn:
            conn.execute(USERS_SQL.read_text())
        yield pg.url
""",
    ),
    "wrong: a server per test": (
        "fail",
        """
@pytest.fixture
def postgres_url():
    with postgres() as pg:
        with psycopg.connect(pg.url, autocommit=True) as conn:
            conn.execute(USERS_SQL.read_text())
            conn.execute(INVENTORY_SQL.read_text())
        yield pg.url
""",
    ),
    "wrong: never stops the server": (
        "fail",
        """
left_running = []

@pytest.fixture(scope="session")
def postgres_url():
    pg = postgres().__enter__()
    left_running.append(pg)
    with psycopg.connect(pg.url, autocommit=True) as conn:
        conn.execute(USERS_SQL.read_text())
        conn.execute(INVENTORY_SQL.read_text())
    return pg.url
""",
    ),
}
STOP_LEFT_RUNNING = "for pg in left_running:\n    pg.close()"
SHARED_SERVER = '@pytest.fixture(scope="session")\ndef postgres_url():\n    return pg.url'

ISOLATION_FIXTURES = {
    "right: truncate after the test": (
        "pass",
        """
@pytest_asyncio.fixture
async def isolated_users(postgres_url):
    pool = await open_pool(postgres_url, schema_sql=USERS_SQL)
    yield PostgresUserRepository(pool)
    async with pool.connection() as conn:
        await conn.execute("TRUNCATE users.users")
    await pool.close()
""",
    ),
    "right: roll back on a connection of its own": (
        "pass",
        """
@pytest_asyncio.fixture
async def isolated_users(postgres_url):
    async with await psycopg.AsyncConnection.connect(postgres_url, row_factory=dict_row) as conn:
        async with conn.transaction(force_rollback=True):
            yield PostgresUserRepository(OneConnection(conn))
""",
    ),
    "wrong: no isolation": (
        "fail",
        """
@pytest_asyncio.fixture
async def isolated_users(postgres_url):
    pool = await open_pool(postgres_url, schema_sql=USERS_SQL)
    yield PostgresUserRepository(pool)
    await pool.close()
""",
    ),
    "wrong: truncates before the test, leaves the last test's data": (
        "fail",
        """
@pytest_asyncio.fixture
async def isolated_users(postgres_url):
    pool = await open_pool(postgres_url, schema_sql=USERS_SQL)
    async with pool.connection() as conn:
        await conn.execute("TRUNCATE users.users")
    yield PostgresUserRepository(pool)
    await pool.close()
""",
    ),
    "wrong: a fake instead of PostgreSQL": (
        "fail",
        """
@pytest_asyncio.fixture
async def isolated_users(postgres_url):
    yield InMemoryUserRepository()
""",
    ),
}

WRITE_OFFS = {  # the fix, judged with the notebook's own test of it
    "right fix: lock the row, then write": (
        "pass",
        """
async def write_off_safely(pool, product_id, units):
    async with pool.connection() as conn, conn.transaction():
        cursor = await conn.execute(
            "SELECT quantity FROM inventory.products WHERE id = %s FOR UPDATE", [product_id])
        row = await cursor.fetchone()
        if row is None or row["quantity"] < units:
            raise ValueError("not enough in stock")
        await conn.execute("UPDATE inventory.products SET quantity = quantity - %s WHERE id = %s",
                           [units, product_id])
""",
    ),
    "wrong fix: read, change in Python, write back (the lost update)": (
        "fail",
        """
async def write_off_safely(pool, product_id, units):
    products = PostgresProductRepository(pool)
    product = await products.get(product_id)
    if product.quantity < units:
        raise ValueError("not enough in stock")
    product.quantity -= units
    await products.put(product)
""",
    ),
    "wrong fix: the CHECK constraint's error instead of ValueError": (
        "fail",
        """
async def write_off_safely(pool, product_id, units):
    async with pool.connection() as conn:
        await conn.execute("UPDATE inventory.products SET quantity = quantity - %s WHERE id = %s",
                           [units, product_id])
""",
    ),
}

LOST_UPDATE_TESTS = {  # the test, judged with the notebook's own fix
    "right test: two clerks at once, in a task group": (
        "pass",
        """
async def check_no_write_off_is_lost(write_off, pool):
    products = PostgresProductRepository(pool)
    mug = await products.add(Product(unique("P-"), "Mug", 8.0, quantity=10))
    async with asyncio.TaskGroup() as clerks:
        for _ in range(2):
            clerks.create_task(write_off(pool, mug.id, 3))
    assert (await products.get(mug.id)).quantity == 4
""",
    ),
    "wrong test: one write-off after another": (
        "fail",
        """
async def check_no_write_off_is_lost(write_off, pool):
    products = PostgresProductRepository(pool)
    mug = await products.add(Product(unique("P-"), "Mug", 8.0, quantity=10))
    for _ in range(5):
        await write_off(pool, mug.id, 1)
    assert (await products.get(mug.id)).quantity == 5
""",
    ),
    "wrong test: checks nothing": (
        "fail",
        """
async def check_no_write_off_is_lost(write_off, pool):
    mug = await PostgresProductRepository(pool).add(Product(unique("P-"), "Mug", 8.0, quantity=10))
    await asyncio.gather(write_off(pool, mug.id, 1), write_off(pool, mug.id, 1))
""",
    ),
}

EXTRA_IMPORTS = """
import pytest_asyncio
from psycopg.rows import dict_row
from course_app.users.fakes import InMemoryUserRepository
"""


def _trials() -> Trials:
    trials = Trials(NOTEBOOK)
    source = trials.source
    trials.setup(
        cell_with(source, "from workbook.notebook import setup").source,
        cell_with(source, "from course_app.common.db import open_pool").source,
        EXTRA_IMPORTS,
        cell_with(source, "class OneConnection").source,
    )
    trials.each("3.1", SESSION_FIXTURES)
    trials.add(STOP_LEFT_RUNNING)
    # From here on one kept server with its schemas: 3.1's fixture is judged above.
    trials.add(
        'pg = keep("postgres", postgres())',
        cell_with(source, "for schema_sql in (USERS_SQL, INVENTORY_SQL, ORDERS_SQL)").source,
    )
    trials.each("3.3", ISOLATION_FIXTURES, before=[SHARED_SERVER])
    trials.add(cell_with(source, "async def pool()").source)
    test_answer, fix_answer = (
        cell.source for cell in source.cells if {"solution", "exercise-3.4"} <= set(cv.tags(cell))
    )
    trials.each("3.4", WRITE_OFFS, before=[test_answer])
    trials.each("3.4", LOST_UPDATE_TESTS, before=[fix_answer])
    trials.add("release_all()")
    return trials


@pytest.mark.slow
def test_checks_accept_right_answers_and_reject_wrong_ones(postgres_service, monkeypatch):
    judge(_trials(), monkeypatch)
