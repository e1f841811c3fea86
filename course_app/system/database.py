"""A database of its own for one running system, on a shared PostgreSQL server.

The end-to-end tests share the session's PostgreSQL server with the integration tests;
a fresh database keeps their tables (and the orders outbox) apart, and dropping it
afterwards leaves the server as it was.
"""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """Create a database on the server at `server_url`; yield its URL; drop it."""
    name = f"course_system_{secrets.token_hex(4)}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            # FORCE: a connection a service left behind must not keep the database alive.
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
