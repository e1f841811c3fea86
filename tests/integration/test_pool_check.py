"""The pool's check of an idle connection, against a real PostgreSQL.

The check looks at the socket instead of sending a query; these tests show it still
tells a live connection from one whose server side has gone, and that the pool then
hands out a working connection instead of the broken one.
"""

import asyncio
from pathlib import Path

import psycopg
import pytest

from course_app.common.db import check_idle_connection, open_pool
from course_app.provision import ServiceHandle
from course_app.system.database import fresh_database

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]


async def test_a_live_idle_connection_passes_the_check(postgres_service: ServiceHandle) -> None:
    async with await psycopg.AsyncConnection.connect(postgres_service.url) as conn:
        await conn.execute("SELECT 1")
        await check_idle_connection(conn)  # raises if it took the connection for broken


async def test_a_connection_the_server_ended_fails_the_check(
    postgres_service: ServiceHandle,
) -> None:
    async with (
        await psycopg.AsyncConnection.connect(postgres_service.url, autocommit=True) as victim,
        await psycopg.AsyncConnection.connect(postgres_service.url, autocommit=True) as admin,
    ):
        await admin.execute("SELECT pg_terminate_backend(%s)", [victim.info.backend_pid])
        await asyncio.sleep(0.2)  # the goodbye travels over the socket
        with pytest.raises(psycopg.OperationalError):
            await check_idle_connection(victim)


async def test_the_pool_replaces_a_connection_the_server_ended(
    postgres_service: ServiceHandle, tmp_path: Path
) -> None:
    schema = tmp_path / "schema.sql"
    schema.write_text("SELECT 1;")
    with fresh_database(postgres_service.url) as url:
        pool = await open_pool(url, schema_sql=schema, max_size=1)
        try:
            async with pool.connection() as conn:
                old_pid = conn.info.backend_pid
            async with await psycopg.AsyncConnection.connect(url, autocommit=True) as admin:
                await admin.execute("SELECT pg_terminate_backend(%s)", [old_pid])
            await asyncio.sleep(0.2)
            async with pool.connection() as conn:  # the check discards the ended one
                assert (await (await conn.execute("SELECT 1 AS one")).fetchone())["one"] == 1
                assert conn.info.backend_pid != old_pid
        finally:
            await pool.close()
