"""PostgreSQL connection pool and schema bootstrap.

Each service keeps its tables in its own schema and creates them at start-up from the
``schema.sql`` file beside its repository. The SQL is idempotent, and an advisory lock
keeps two processes starting at once from racing on ``CREATE TABLE``.
"""

import logging
import select
from pathlib import Path

from psycopg import AsyncConnection, OperationalError, conninfo
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool, PoolTimeout

logger = logging.getLogger("course_app.db")

# When PostgreSQL goes away, psycopg's pool retries with a delay that doubles (1, 2, 4 ... s)
# until it gives up, by default after 5 minutes: after a one-minute outage its next try
# could be a minute away, and the service would stay down that long with PostgreSQL back.
# Giving up sooner keeps the delays short; the next request that needs a connection then
# starts a fresh series at once, so the pool is back within seconds of the database.
RECONNECT_GIVE_UP_S = 10.0


class DatabaseUnavailable(RuntimeError):
    """Start-up could not reach PostgreSQL; the message says where it looked."""


def describe(url: str) -> str:
    """host:port/dbname of a URL, never its password (for messages and logs)."""
    parts = conninfo.conninfo_to_dict(url)
    return f"{parts.get('host', 'localhost')}:{parts.get('port', 5432)}/{parts.get('dbname', '')}"


def new_pool(url: str, *, max_size: int = 10) -> AsyncConnectionPool:
    """A pool for ``url``, not yet open: building one connects nothing."""
    return AsyncConnectionPool(
        url,
        min_size=1,
        max_size=max_size,
        open=False,
        kwargs={"row_factory": dict_row, "autocommit": True},
        # Autocommit: a statement stands alone unless the code opens conn.transaction().
        # A connection broken by a database restart is replaced instead of handed out.
        check=check_idle_connection,
        reconnect_timeout=RECONNECT_GIVE_UP_S,
    )


async def check_idle_connection(conn: AsyncConnection) -> None:
    """The pool's check of a connection it is about to hand out; raises if it is broken.

    An idle connection has nothing to read: PostgreSQL only answers what it is asked. If
    the socket is readable anyway, the server has said goodbye or hung up (a restart, a
    terminated backend), and the pool replaces the connection. psycopg's own check sends
    an empty query instead, which finds the same at the price of a round trip per request.
    """
    if conn.closed or select.select([conn.fileno()], [], [], 0)[0]:
        # Closed, it is thrown away; left open, libpq (which has not read the goodbye)
        # would still call it good and the pool would offer it again.
        await conn.close()
        raise OperationalError("the server closed this idle connection")


async def prepare_pool(
    pool: AsyncConnectionPool, *, schema_sql: Path, timeout: float = 15.0
) -> None:
    """Open ``pool`` and create its schema, or close it and raise ``DatabaseUnavailable``."""
    try:
        await pool.open(wait=True, timeout=timeout)
        await ensure_schema(pool, schema_sql)
    except PoolTimeout:
        await pool.close()
        raise DatabaseUnavailable(
            f"Cannot reach PostgreSQL at {describe(pool.conninfo)}: start it or set DATABASE_URL"
        ) from None


async def open_pool(
    url: str, *, schema_sql: Path, max_size: int = 10, timeout: float = 15.0
) -> AsyncConnectionPool:
    """An open pool whose schema exists, or ``DatabaseUnavailable`` after ``timeout``."""
    pool = new_pool(url, max_size=max_size)
    await prepare_pool(pool, schema_sql=schema_sql, timeout=timeout)
    return pool


async def ensure_schema(pool: AsyncConnectionPool, schema_sql: Path) -> None:
    async with pool.connection() as conn, conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [str(schema_sql)])
        await conn.execute(schema_sql.read_text())


async def database_answers(pool: AsyncConnectionPool) -> bool:
    """The health check: can we run a query within two seconds?"""
    try:
        async with pool.connection(timeout=2.0) as conn:
            await conn.execute("SELECT 1")
        return True
    except Exception as exc:  # noqa: BLE001 - any failure means "not healthy"
        logger.warning("database check failed: %s", type(exc).__name__)
        return False
