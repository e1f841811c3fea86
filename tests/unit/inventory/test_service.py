import pytest

from course_app.common.fakes import RecordingPublisher
from course_app.events import InventoryRejected, InventoryReserved, OrderLine, OrderPlaced
from course_app.inventory.bootstrap import bootstrap
from course_app.inventory.consumer import handle_order_placed
from course_app.inventory.domain import Product
from course_app.inventory.fakes import InMemoryProductRepository
from course_app.inventory.service import InventoryService
from unit.builders import bearer, unique

pytestmark = [pytest.mark.unit, pytest.mark.service("inventory"), pytest.mark.asyncio]


def order(*lines: tuple[str, int]) -> OrderPlaced:
    return OrderPlaced(
        order_id=unique("ORD-"),
        user_id=1,
        items=[OrderLine(product_id=p, quantity=q) for p, q in lines],
    )


@pytest.fixture
def repository() -> InMemoryProductRepository:
    return InMemoryProductRepository(
        [Product("A", "Apple", 1.5, 10), Product("B", "Banana", 0.5, 1)]
    )


@pytest.fixture
def service(
    settings, repository: InMemoryProductRepository, publisher: RecordingPublisher
) -> InventoryService:
    return bootstrap(settings, repository=repository, publisher=publisher).service()


async def test_reserving_moves_units_from_quantity_to_reserved(
    service, repository, publisher
) -> None:
    placed = order(("A", 3), ("B", 1))
    outcome = await service.reserve_for(placed)

    assert outcome.reserved
    assert (repository.products["A"].quantity, repository.products["A"].reserved) == (7, 3)
    assert publisher.events == [InventoryReserved(order_id=placed.order_id)]


async def test_an_order_that_cannot_be_filled_reserves_nothing(
    service, repository, publisher
) -> None:
    placed = order(("A", 3), ("B", 2))
    await service.reserve_for(placed)

    assert repository.products["A"].quantity == 10 and repository.products["B"].quantity == 1
    assert isinstance(publisher.events[0], InventoryRejected)
    assert "insufficient inventory" in publisher.events[0].reason


async def test_a_redelivered_order_changes_nothing_but_is_answered_again(
    service, repository, publisher
) -> None:
    placed = order(("A", 4))
    await service.reserve_for(placed)
    await service.reserve_for(placed)

    assert repository.products["A"].reserved == 4
    assert publisher.events == [InventoryReserved(order_id=placed.order_id)] * 2


async def test_consumer_refuses_a_malformed_message(service) -> None:
    with pytest.raises(ValueError):
        await handle_order_placed(service)("order.placed", {"order_id": "x"})


async def test_products_api(http) -> None:
    admin = bearer(role="admin")
    created = await http.post(
        "/products", json={"id": "C", "name": "Cherry", "price": 2.0, "quantity": 5}, headers=admin
    )
    assert created.status_code == 201 and created.json()["reserved"] == 0
    duplicate = {"id": "C", "name": "C", "price": 1, "quantity": 1}
    assert (await http.post("/products", json=duplicate, headers=admin)).status_code == 409
    for bad in (
        {"id": "D", "name": "D", "price": -1, "quantity": 1},
        {"id": "D", "name": "D", "price": 1, "quantity": -1},
    ):
        assert (await http.post("/products", json=bad, headers=admin)).status_code == 400
    assert [p["id"] for p in (await http.get("/products")).json()] == ["A", "B", "C"]
    assert (await http.get("/products/nope")).json()["code"] == "PRODUCT_NOT_FOUND"
    assert (await http.get("/health")).json() == {"status": "ok"}


@pytest.mark.parametrize("field", ["price", "quantity"])
async def test_true_is_not_a_number_in_a_new_product(http, field):
    product = {"id": "TRUE-1", "name": "Truthy", "price": 1.5, "quantity": 3, field: True}
    answer = await http.post("/products", json=product, headers=bearer(role="admin"))
    assert answer.status_code == 400 and field in answer.json()["error"]


async def test_only_an_administrator_adds_to_the_catalogue(http) -> None:
    product = {"id": "E", "name": "Elderflower", "price": 4.0, "quantity": 2}
    nobody = await http.post("/products", json=product)
    customer = await http.post("/products", json=product, headers=bearer(role="customer"))
    assert (nobody.status_code, nobody.json()["code"]) == (401, "NOT_AUTHENTICATED")
    assert (customer.status_code, customer.json()["code"]) == (403, "ADMIN_ONLY")
    assert (await http.get("/products/E")).status_code == 404  # nothing was added
