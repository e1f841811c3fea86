"""Products, reservation outcomes, and the inventory service's errors."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from course_app.common.errors import Conflict, Forbidden, NotFound
from course_app.events import OrderLine


@dataclass
class Product:
    id: str
    name: str
    price: float
    quantity: int  # available to order
    reserved: int = 0
    category: str | None = None


@dataclass(frozen=True)
class ReservationOutcome:
    order_id: str
    reserved: bool
    reason: str | None = None


class ProductNotFound(NotFound):
    code = "PRODUCT_NOT_FOUND"

    def __init__(self) -> None:
        super().__init__("Product not found")


class CatalogueIsAdminOnly(Forbidden):
    code = "ADMIN_ONLY"

    def __init__(self) -> None:
        super().__init__("Only an administrator may change the catalogue")


class ProductAlreadyExists(Conflict):
    code = "PRODUCT_EXISTS"

    def __init__(self) -> None:
        super().__init__("A product with this id already exists")


def merge_lines(lines: Iterable[OrderLine]) -> list[tuple[str, int]]:
    """One (product, quantity) per product, in a fixed order.

    Locking rows in the same order in every transaction is what keeps two racing
    reservations from deadlocking each other.
    """
    totals: Counter[str] = Counter()
    for line in lines:
        totals[line.product_id] += line.quantity
    return sorted(totals.items())
