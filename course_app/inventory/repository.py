"""Where products and reservations are stored: the interface and PostgreSQL.

``reserve`` is the heart of the service: every line of an order is taken in one
transaction, or none is. Each line is a single conditional UPDATE
(``... WHERE quantity >= %s``), so the database, not Python, decides who gets the last
unit when orders race, and stock can never go below zero.
"""

from pathlib import Path
from typing import Protocol

from psycopg import AsyncConnection, errors
from psycopg_pool import AsyncConnectionPool

from course_app.events import OrderLine
from course_app.inventory.domain import (
    Product,
    ProductAlreadyExists,
    ReservationOutcome,
    merge_lines,
)

SCHEMA_SQL = Path(__file__).with_name("schema.sql")
# Queries interpolate only this constant, never input: every value is a parameter.
# bandit's B608 cannot tell the difference, hence a nosec marker for B608 on those lines.
_COLUMNS = "id, name, price::float AS price, quantity, reserved, category"


def _values(product: Product) -> list:
    """A product's columns in the order of the INSERT statements below."""
    return [
        product.id,
        product.name,
        product.price,
        product.quantity,
        product.reserved,
        product.category,
    ]


class ProductRepository(Protocol):
    async def add(self, product: Product) -> Product: ...
    async def get(self, product_id: str) -> Product | None: ...
    async def list_products(
        self, limit: int, offset: int, category: str | None = None
    ) -> list[Product]:
        """Products by id; only those of ``category`` when it is given."""
        ...

    async def put(self, product: Product) -> Product:
        """Create or replace a product (test hooks use it)."""
        ...

    async def delete(self, product_id: str) -> None: ...
    async def reserve(self, order_id: str, lines: list[OrderLine]) -> ReservationOutcome:
        """Reserve all lines or none; a second call for the same order changes nothing."""
        ...


class _Shortage(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason


class PostgresProductRepository:
    def __init__(self, pool: AsyncConnectionPool) -> None:
        self.pool = pool

    async def add(self, product: Product) -> Product:
        try:
            async with self.pool.connection() as conn:
                await conn.execute(
                    "INSERT INTO inventory.products (id, name, price, quantity, reserved, category)"
                    " VALUES (%s, %s, %s, %s, %s, %s)",
                    _values(product),
                )
        except errors.UniqueViolation:
            raise ProductAlreadyExists() from None
        return product

    async def get(self, product_id: str) -> Product | None:
        async with self.pool.connection() as conn:
            query = f"SELECT {_COLUMNS} FROM inventory.products WHERE id = %s"  # nosec B608
            cursor = await conn.execute(query, [product_id])
            row = await cursor.fetchone()
        return Product(**row) if row else None

    async def list_products(
        self, limit: int, offset: int, category: str | None = None
    ) -> list[Product]:
        # Two fixed statements rather than one with "%s IS NULL OR category = %s": psycopg
        # prepares statements it sees often, and a prepared plan for that OR cannot use an
        # index on category, whatever the value.
        where, params = ("WHERE category = %s", [category]) if category is not None else ("", [])
        async with self.pool.connection() as conn:
            cursor = await conn.execute(
                f"SELECT {_COLUMNS} FROM inventory.products {where} ORDER BY id LIMIT %s OFFSET %s",  # nosec B608
                [*params, limit, offset],
            )
            return [Product(**row) for row in await cursor.fetchall()]

    async def put(self, product: Product) -> Product:
        async with self.pool.connection() as conn:
            await conn.execute(
                "INSERT INTO inventory.products (id, name, price, quantity, reserved, category)"
                " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,"
                " price = EXCLUDED.price, quantity = EXCLUDED.quantity, reserved = EXCLUDED.reserved,"
                " category = EXCLUDED.category",
                _values(product),
            )
        return product

    async def delete(self, product_id: str) -> None:
        async with self.pool.connection() as conn:
            await conn.execute("DELETE FROM inventory.products WHERE id = %s", [product_id])

    async def reserve(self, order_id: str, lines: list[OrderLine]) -> ReservationOutcome:
        async with self.pool.connection() as conn:
            if previous := await self._outcome(conn, order_id):
                return previous
            try:
                async with conn.transaction():
                    await self._take_stock(conn, order_id, merge_lines(lines))
                return ReservationOutcome(order_id, reserved=True)
            except _Shortage as shortage:
                await conn.execute(
                    "INSERT INTO inventory.reservations (order_id, status, reason)"
                    " VALUES (%s, 'rejected', %s) ON CONFLICT (order_id) DO NOTHING",
                    [order_id, shortage.reason],
                )
            except errors.UniqueViolation:
                pass  # the same order handled at the same moment by another delivery
            outcome = await self._outcome(conn, order_id)
            assert outcome is not None
            return outcome

    @staticmethod
    async def _take_stock(
        conn: AsyncConnection, order_id: str, lines: list[tuple[str, int]]
    ) -> None:
        await conn.execute(
            "INSERT INTO inventory.reservations (order_id, status) VALUES (%s, 'reserved')",
            [order_id],
        )
        for product_id, quantity in lines:
            cursor = await conn.execute(
                "UPDATE inventory.products SET quantity = quantity - %s, reserved = reserved + %s"
                " WHERE id = %s AND quantity >= %s",
                [quantity, quantity, product_id, quantity],
            )
            if cursor.rowcount == 0:  # raising rolls the whole transaction back
                raise _Shortage(f"insufficient inventory for product {product_id}")
            await conn.execute(
                "INSERT INTO inventory.reservation_lines (order_id, product_id, quantity) VALUES (%s, %s, %s)",
                [order_id, product_id, quantity],
            )

    @staticmethod
    async def _outcome(conn: AsyncConnection, order_id: str) -> ReservationOutcome | None:
        cursor = await conn.execute(
            "SELECT status, reason FROM inventory.reservations WHERE order_id = %s", [order_id]
        )
        row = await cursor.fetchone()
        return (
            ReservationOutcome(order_id, row["status"] == "reserved", row["reason"])
            if row
            else None
        )
