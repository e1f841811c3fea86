"""Notebook 14's check for exercise 14.4 (test what a caller sees) accepts the answers its
prompt allows and rejects answers that leave out one observable result.

The honesty checker proves the check fails on the stub and passes on *the* solution; this runs
the check on another right answer and on wrong ones, in one kernel, after the notebook's own
cells (the fakes, the refactor and the broken copies).
"""

from __future__ import annotations

import pytest
from check_trials import Trials, judge, own_cells

from coursekit.paths import REPO_ROOT

pytestmark = pytest.mark.course

NOTEBOOK = REPO_ROOT / "solutions" / "14_best_practices.ipynb"

PLACE = """
async def verify_place_order(service_class):
    first, second = unique("FIRST-"), unique("SECOND-")
    repository = InMemoryOrderRepository()
    products = FakeProducts({first: {"price": 2.50, "quantity": 10}, second: {"price": 1.25, "quantity": 10}})
    service = service_class(repository, FakeUsers(1), products)
    placed = await service.place_order(ALICE, order_of((first, 2), (second, 4)))
    stored = await service.get_order(placed.id)
"""
STATUS_AND_TOTAL = """    assert stored.status == "pending"
    assert stored.total == pytest.approx(10.0)
"""
LINES = """    assert {(item.product_id, item.quantity) for item in stored.items} == {(first, 2), (second, 4)}
"""
OUTBOX = """    assert len(repository.outbox) == 1
    message, _ = repository.outbox[0]
    assert message.routing_key == "order.placed" and message.payload["order_id"] == placed.id
"""

ANSWERS = {
    "right: lines as a set, the total with approx": (
        "pass",
        PLACE + STATUS_AND_TOTAL + LINES + OUTBOX,
    ),
    "wrong: no lines": ("fail", PLACE + STATUS_AND_TOTAL + OUTBOX),
    "wrong: no outbox": ("fail", PLACE + STATUS_AND_TOTAL + LINES),
    "wrong: no total": ("fail", PLACE + '    assert stored.status == "pending"\n' + LINES + OUTBOX),
}


def _trials() -> Trials:
    """The notebook's own cells, then each answer followed by the 14.4 check."""
    trials = Trials(NOTEBOOK)
    trials.setup(*(cell.source for cell in own_cells(trials.source)))
    trials.each("14.4", ANSWERS)
    return trials


def test_the_check_accepts_right_answers_and_rejects_wrong_ones(monkeypatch):
    judge(_trials(), monkeypatch)
