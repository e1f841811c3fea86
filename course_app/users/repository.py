"""Where users are stored: the interface, and its PostgreSQL implementation.

The service layer depends on ``UserRepository`` only. ``PostgresUserRepository`` is the
real one (parameterised SQL only); ``fakes.InMemoryUserRepository`` is the one unit tests
use. Both raise ``EmailAlreadyRegistered`` for a taken email, so the service cannot tell
them apart.
"""

from pathlib import Path
from typing import Any, Protocol

from psycopg import errors, sql
from psycopg_pool import AsyncConnectionPool

from course_app.users.domain import EmailAlreadyRegistered, NewUser, User

SCHEMA_SQL = Path(__file__).with_name("schema.sql")
# Queries interpolate only this constant, never input: every value is a parameter.
# bandit's B608 cannot tell the difference, hence a nosec marker for B608 on those lines.
_COLUMNS = "id, name, email, age, address, password_hash, role, created_at"
UPDATABLE = ("name", "email", "age", "address", "password_hash", "role")


class UserRepository(Protocol):
    async def add(self, new: NewUser) -> User: ...
    async def get(self, user_id: int) -> User | None: ...
    async def get_by_email(self, email: str) -> User | None: ...
    async def search(self, name: str | None) -> list[User]: ...
    async def update(self, user_id: int, changes: dict[str, Any]) -> User | None: ...
    async def delete(self, user_id: int) -> bool: ...
    async def put(self, user_id: int, new: NewUser) -> User:
        """Create or replace the user with this exact id (test hooks use it)."""
        ...


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class PostgresUserRepository:
    def __init__(self, pool: AsyncConnectionPool) -> None:
        self.pool = pool

    async def _one(self, query: str | sql.Composed, params: list[Any]) -> User | None:
        async with self.pool.connection() as conn:
            row = await (await conn.execute(query, params)).fetchone()
        return User(**row) if row else None

    async def add(self, new: NewUser) -> User:
        try:
            user = await self._one(
                f"INSERT INTO users.users (name, email, age, address, password_hash, role)"  # nosec B608
                f" VALUES (%s, %s, %s, %s, %s, %s) RETURNING {_COLUMNS}",
                [new.name, new.email, new.age, new.address, new.password_hash, new.role],
            )
        except errors.UniqueViolation:
            raise EmailAlreadyRegistered() from None
        assert user is not None
        return user

    async def get(self, user_id: int) -> User | None:
        return await self._one(f"SELECT {_COLUMNS} FROM users.users WHERE id = %s", [user_id])  # nosec B608

    async def get_by_email(self, email: str) -> User | None:
        query = f"SELECT {_COLUMNS} FROM users.users WHERE lower(email) = lower(%s)"  # nosec B608
        return await self._one(query, [email])

    async def search(self, name: str | None) -> list[User]:
        pattern = f"%{_escape_like(name or '')}%"
        async with self.pool.connection() as conn:
            cursor = await conn.execute(
                f"SELECT {_COLUMNS} FROM users.users WHERE name ILIKE %s ORDER BY id LIMIT 100",  # nosec B608
                [pattern],
            )
            return [User(**row) for row in await cursor.fetchall()]

    async def update(self, user_id: int, changes: dict[str, Any]) -> User | None:
        if not changes:
            return await self.get(user_id)
        if not set(changes) <= set(UPDATABLE):
            raise ValueError(f"Cannot update {sorted(set(changes) - set(UPDATABLE))}")
        # Column names come from our own allow-list, values are parameters.
        assignments = sql.SQL(", ").join(
            sql.SQL("{} = %s").format(sql.Identifier(column)) for column in changes
        )
        update = "UPDATE users.users SET {} WHERE id = %s RETURNING " + _COLUMNS  # nosec B608
        query = sql.SQL(update).format(assignments)
        try:
            return await self._one(query, [*changes.values(), user_id])
        except errors.UniqueViolation:
            raise EmailAlreadyRegistered() from None

    async def delete(self, user_id: int) -> bool:
        async with self.pool.connection() as conn:
            cursor = await conn.execute("DELETE FROM users.users WHERE id = %s", [user_id])
            return cursor.rowcount > 0

    async def put(self, user_id: int, new: NewUser) -> User:
        async with self.pool.connection() as conn, conn.transaction():
            await conn.execute(
                "DELETE FROM users.users WHERE id = %s OR lower(email) = lower(%s)",
                [user_id, new.email],
            )
            row = await (
                await conn.execute(
                    f"INSERT INTO users.users (id, name, email, age, address, password_hash, role)"  # nosec B608
                    f" VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING {_COLUMNS}",
                    [
                        user_id,
                        new.name,
                        new.email,
                        new.age,
                        new.address,
                        new.password_hash,
                        new.role,
                    ],
                )
            ).fetchone()
            # Keep generated ids clear of the one just chosen by hand.
            await conn.execute(
                "SELECT setval('users.users_id_seq', GREATEST("
                "(SELECT max(id) FROM users.users), (SELECT last_value FROM users.users_id_seq)))"
            )
        return User(**row)
