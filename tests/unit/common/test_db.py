"""The pool: built without connecting, and a clear error (without the password) when PostgreSQL is away."""

from pathlib import Path

import pytest

from course_app.common.db import (
    RECONNECT_GIVE_UP_S,
    DatabaseUnavailable,
    describe,
    new_pool,
    open_pool,
)

pytestmark = pytest.mark.unit
NOWHERE = "postgresql://course:s3cret@127.0.0.1:1/shop"  # port 1 refuses at once


def test_describe_names_the_place_never_the_password() -> None:
    assert describe(NOWHERE) == "127.0.0.1:1/shop"
    assert describe("dbname=shop") == "localhost:5432/shop"


def test_a_new_pool_is_not_open() -> None:
    assert new_pool(NOWHERE).closed


def test_a_lost_database_is_retried_in_short_series() -> None:
    # psycopg doubles the delay between tries until it gives up (5 minutes by default):
    # after a one-minute outage the next try could be a minute away. A series that ends
    # within seconds keeps every delay short; the next request starts a new one at once.
    pool = new_pool(NOWHERE)
    assert pool.reconnect_timeout == RECONNECT_GIVE_UP_S <= 10


@pytest.mark.asyncio
async def test_an_unreachable_database_is_one_clear_error(tmp_path: Path) -> None:
    schema = tmp_path / "schema.sql"
    schema.write_text("SELECT 1;")
    with pytest.raises(DatabaseUnavailable) as raised:
        await open_pool(NOWHERE, schema_sql=schema, timeout=0.5)
    message = str(raised.value)
    assert "127.0.0.1:1/shop" in message and "DATABASE_URL" in message and "s3cret" not in message
