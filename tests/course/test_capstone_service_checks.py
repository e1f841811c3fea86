"""Notebook 15's checks for exercises 15.4 (the users repository against the real
PostgreSQL) and 15.5 (the directory's contract with the users service) accept the answers
their prompts allow and reject answers that leave out one promise or over-specify.

The honesty checker proves each check fails on the stub and passes on *the* solution; this
runs each check on other right answers and on wrong ones, in one kernel, after the cells
those two exercises need (PostgreSQL, the planted bugs, the consumer, the provider copies).
"""

from __future__ import annotations

import pytest
from check_trials import Trials, judge, own_cells

from coursekit.paths import REPO_ROOT

pytestmark = pytest.mark.course

NOTEBOOK = REPO_ROOT / "solutions" / "15_capstone.ipynb"
# The cells before the service's exercises that they use: set-up, imports, SECRET and ADA, users_app.
SHARED_CELLS = (
    "from workbook.notebook import setup",
    "import asyncio",
    "SECRET = ",
    "def users_app(",
)
OWN_CELLS = ("c15-db-", "c15-pact-")  # the cell ids of the two exercises' section
RELEASE = "release_all()"

ADA_TEST = """
async def integration_test(repository):
    ada = await repository.add(NewUser(name="Ada Lovelace", email="Ada@Example.com"))
    for name, email in [("50% Off", "shop@example.com"), ("50 Cents", "cents@example.com"),
                        ("snake_case", "snake@example.com"), ("snakeXcase", "x@example.com")]:
        await repository.add(NewUser(name=name, email=email))
    assert await repository.get_by_email("ada@example.COM") == ada
    assert [user.name for user in await repository.search("lovelace")] == ["Ada Lovelace"]
    assert [user.name for user in await repository.search("50%")] == ["50% Off"]
    assert [user.name for user in await repository.search("e_c")] == ["snake_case"]
    with pytest.raises(EmailAlreadyRegistered):
        await repository.add(NewUser(name="Ada Again", email="ADA@example.com"))
    assert await repository.get(ada.id) == ada
"""
TAKEN_EMAIL = ADA_TEST[ADA_TEST.index("    with pytest.raises") :]  # the last three lines
SEARCHES = {"lovelace": '["Ada Lovelace"]', "50%": '["50% Off"]', "e_c": '["snake_case"]'}


def searched(text: str) -> str:
    """ADA_TEST's assertion on the names a search for ``text`` finds."""
    return f'[user.name for user in await repository.search("{text}")] == {SEARCHES[text]}'


def ada_test(*changes: tuple[str, str]) -> str:
    """ADA_TEST with each (old, new) of ``changes`` made; each old must be in it."""
    answer = ADA_TEST
    for old, new in changes:
        assert old in answer, f"not in ADA_TEST: {old!r}"
        answer = answer.replace(old, new)
    return answer


REPOSITORY = {
    "right: other data, a found user compared by id": (
        "pass",
        """
async def integration_test(repository):
    grace = await repository.add(NewUser(name="Grace HOPPER", email="Grace@Navy.mil"))
    await repository.add(NewUser(name="100% cotton", email="a@example.com"))
    await repository.add(NewUser(name="1000 cotton", email="b@example.com"))
    await repository.add(NewUser(name="top_10", email="c@example.com"))
    await repository.add(NewUser(name="top 10", email="d@example.com"))
    found = await repository.get_by_email("GRACE@navy.MIL")
    assert found is not None and found.id == grace.id
    assert {user.email for user in await repository.search("hopper")} == {"Grace@Navy.mil"}
    assert [user.name for user in await repository.search("100%")] == ["100% cotton"]
    assert [user.name for user in await repository.search("p_1")] == ["top_10"]
    with pytest.raises(EmailAlreadyRegistered):
        await repository.add(NewUser(name="Someone", email="grace@navy.mil"))
    assert await repository.get(grace.id) == grace
""",
    ),
    # Each wrong answer is the right one below with one promise left out or weakened, so
    # the check must catch that promise in particular.
    "wrong: only % searched for, never _": (
        "fail",
        ada_test((f"    assert {searched('e_c')}\n", "")),
    ),
    "wrong: no taken email": ("fail", ada_test((TAKEN_EMAIL, ""))),
    "wrong: the email looked up as stored": (
        "fail",
        ada_test(('get_by_email("ada@example.COM")', 'get_by_email("Ada@Example.com")')),
    ),
    "wrong: a search only has to find something": (
        "fail",
        ada_test(*((searched(text), f'await repository.search("{text}")') for text in SEARCHES)),
    ),
    "right: every promise, as the prompt lists them": ("pass", ada_test()),
}

SEARCH = """
def declare_people_search(pact):
    (
        pact.upon_receiving("a search for people named Ada")
        {given}
        .with_request("GET", "/users")
        {query}
        .will_respond_with(200)
        .with_body({body}, content_type="application/json")
    )
"""
QUERY = '.with_query_parameter("name", "Ada")'


def search(body, state="user with id 7 exists", query=QUERY):
    """The interaction with ``body``; ``state=None`` leaves the provider state out."""
    given = f'.given({state!r}, id=7, name="Ada Lovelace")' if state else ""
    return SEARCH.format(given=given, query=query, body=body)


CONTRACT = {
    "right: each_like on plain values, the state's other wording": (
        "pass",
        search(
            'match.each_like({"id": 7, "name": "Ada Lovelace"}, min=1)', "a user with id 7 exists"
        ),
    ),
    "wrong: exact values": (
        "fail",
        search('[{"id": 1, "name": "Ada Lovelace"}, {"id": 7, "name": "Ada Lovelace"}]'),
    ),
    "wrong: a list of exactly one": (
        "fail",
        search('[match.like({"id": 7, "name": "Ada Lovelace"})]'),
    ),
    "wrong: no provider state": (
        "fail",
        search('match.each_like({"id": 7, "name": "Ada"})', state=None),
    ),
    "wrong: no name in the contract": ("fail", search('match.each_like({"id": match.int(7)})')),
    "wrong: the query string left out": (
        "fail",
        search('match.each_like({"id": 7, "name": "Ada"})', query=""),
    ),
}


def _trials() -> Trials:
    """The cells the two exercises need, then each answer followed by its check, then the
    release."""
    trials = Trials(NOTEBOOK)
    trials.setup(
        *(
            cell.source
            for cell in own_cells(trials.source)
            if cell.source.strip() != RELEASE
            and (cell.source.startswith(SHARED_CELLS) or cell.get("id", "").startswith(OWN_CELLS))
        )
    )
    assert trials.setup_count == 9, "the exercises' set-up cells were not found (renamed ids?)"
    trials.each("15.4", REPOSITORY)
    trials.each("15.5", CONTRACT)
    trials.add(RELEASE)
    return trials


@pytest.mark.slow
def test_checks_accept_right_answers_and_reject_wrong_ones(postgres_service, monkeypatch):
    failed = judge(_trials(), monkeypatch)
    assert not failed[-1], "release_all() failed"
