"""Notebook 11's checks for exercises 11.2 (markup stays text), 11.3 (forged tokens) and
11.4 (orders are private)
accept the answers their prompts allow and reject answers that leave out one rule.

The honesty checker proves each check fails on the stub and passes on *the* solution; this
runs each check on other right answers and on wrong ones, in one kernel, after the
notebook's own set-up cells (the running system and the vulnerable copies).
"""

from __future__ import annotations

import pytest
from check_trials import Trials, judge, own_cells

from coursekit.paths import REPO_ROOT

pytestmark = pytest.mark.course

NOTEBOOK = REPO_ROOT / "solutions" / "11_security.ipynb"

MARKUP = {
    "right: the course's error helper and a content-type test of its own": (
        "pass",
        """
def check_markup_stays_text(api):
    for payload in XSS_PAYLOADS:
        refused = api.post("/users", json=new_user(name=payload))
        body = assert_error_body(refused, 400, "VALIDATION_ERROR")
        assert {d["field"] for d in body["details"]} == {"body.name"}
        assert payload not in refused.text
        user = api.post("/users", json=new_user(address=payload, password=None)).json()
        fetched = api.get(f"/users/{user['id']}")
        assert fetched.status_code == 200
        assert "application/json" in fetched.headers["content-type"]
        assert fetched.json()["address"] == payload
""",
    ),
    "wrong: does not look for the echo": (
        "fail",
        """
def check_markup_stays_text(api):
    for payload in XSS_PAYLOADS:
        refused = api.post("/users", json=new_user(name=payload))
        assert refused.status_code == 400
        created = api.post("/users", json=new_user(address=payload, password=None))
        fetched = api.get(f"/users/{created.json()['id']}")
        assert fetched.headers["content-type"].startswith("application/json")
        assert fetched.json()["address"] == payload
""",
    ),
    "wrong: never compares the address": (
        "fail",
        """
def check_markup_stays_text(api):
    for payload in XSS_PAYLOADS:
        refused = api.post("/users", json=new_user(name=payload))
        assert refused.status_code == 400 and payload not in refused.text
        created = api.post("/users", json=new_user(address=payload, password=None))
        fetched = api.get(f"/users/{created.json()['id']}")
        assert fetched.headers["content-type"].startswith("application/json")
""",
    ),
    "wrong: never reads the content type": (
        "fail",
        """
def check_markup_stays_text(api):
    for payload in XSS_PAYLOADS:
        refused = api.post("/users", json=new_user(name=payload))
        assert refused.status_code == 400 and payload not in refused.text
        created = api.post("/users", json=new_user(address=payload, password=None))
        assert api.get(f"/users/{created.json()['id']}").json()["address"] == payload
""",
    ),
    "wrong: the seed's test, only when the sign-up succeeded": (
        "fail",
        """
def check_markup_stays_text(api):
    for payload in XSS_PAYLOADS:
        response = api.post("/users", json=new_user(name=payload))
        if response.status_code == 201:
            assert "<script>" not in response.json()["name"]
""",
    ),
}

TOKENS = {
    "right: error codes checked too": (
        "pass",
        """
def check_forgeries_are_refused(api, secret):
    account = register(api, "")
    profile = api.get("/users/profile", headers=account.auth)
    assert profile.status_code == 200
    assert profile.json()["id"] == account.id
    for name, token in forged_tokens(secret, account.id, account.token).items():
        answer = api.get("/users/profile", headers={"Authorization": "Bearer " + token})
        assert_error_body(answer, 401)
        assert answer.json()["code"] in ("INVALID_TOKEN", "TOKEN_EXPIRED"), name
""",
    ),
    "wrong: no control with the genuine token": (
        "fail",
        """
def check_forgeries_are_refused(api, secret):
    account = register(api, "")
    for token in forged_tokens(secret, account.id, account.token).values():
        answer = api.get("/users/profile", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 401
""",
    ),
    "wrong: only tokens that are not tokens, or wrongly signed": (
        "fail",
        """
def check_forgeries_are_refused(api, secret):
    account = register(api, "")
    assert api.get("/users/profile", headers=account.auth).status_code == 200
    forged = forged_tokens(secret, account.id, account.token)
    for name in ("garbage", "not a jwt", "wrong signature"):
        answer = api.get("/users/profile", headers={"Authorization": f"Bearer {forged[name]}"})
        assert answer.status_code == 401
""",
    ),
}


# The wrong 11.4 answers: each leaves out one rule of the prompt.
PLACED = """
def check_orders_are_private(api, alice, bob, admin):
    item = {"product_id": "PROD123", "quantity": 1}
    placed = api.post("/orders", json={"user_id": alice.id, "items": [item]}, headers=alice.auth)
    url = "/orders/" + placed.json()["id"]
"""
OWNER_AND_ADMIN = """    assert api.get(url, headers=alice.auth).status_code == 200
    assert api.get(url, headers=admin.auth).status_code == 200
"""
AS_MISSING = """    seen, missing = api.get(url, headers=bob.auth), api.get("/orders/ORD-NONE", headers=bob.auth)
    assert seen.status_code == 404 and seen.json() == missing.json()
"""
LISTS = """    assert api.get("/orders", params={"user_id": alice.id}, headers=bob.auth).status_code == 403
"""

PRIVACY = {
    "right: the missing order's answer read first, bodies compared as text": (
        "pass",
        """
def check_orders_are_private(api, alice, bob, admin):
    missing = api.get("/orders/ORD-000000000000", headers=bob.auth)
    item = {"product_id": "PROD123", "quantity": 1}
    placed = api.post("/orders", json={"user_id": alice.id, "items": [item]}, headers=alice.auth)
    assert placed.status_code == 201
    url = "/orders/" + placed.json()["id"]
    assert [api.get(url, headers=who.auth).status_code for who in (alice, admin)] == [200, 200]
    assert api.get(url).status_code == 401
    seen = api.get(url, headers=bob.auth)
    assert (seen.status_code, seen.text) == (missing.status_code, missing.text)
    assert seen.status_code == 404
    assert api.get(f"/orders?user_id={alice.id}", headers=bob.auth).status_code == 403
    listed = api.get("/orders", headers=bob.auth)
    assert listed.status_code == 200
    assert all(order["id"] != placed.json()["id"] for order in listed.json())
""",
    ),
    "wrong: Bob's answer judged by its status only": (
        "fail",
        PLACED
        + OWNER_AND_ADMIN
        + "    assert api.get(url, headers=bob.auth).status_code == 404\n"
        + LISTS,
    ),
    "wrong: the admin never asked": (
        "fail",
        PLACED
        + "    assert api.get(url, headers=alice.auth).status_code == 200\n"
        + AS_MISSING
        + LISTS,
    ),
    "wrong: lists never asked for": ("fail", PLACED + OWNER_AND_ADMIN + AS_MISSING),
}


def _trials() -> Trials:
    trials = Trials(NOTEBOOK)
    source = trials.source
    *setup, release = own_cells(source)  # the last cell releases everything: it runs at the end
    assert "release_all()" in release.source, "notebook 11's last code cell no longer releases"
    trials.setup(*(cell.source for cell in setup))
    trials.each("11.2", MARKUP)
    trials.each("11.3", TOKENS)
    trials.each("11.4", PRIVACY)
    trials.add(release.source)
    return trials


@pytest.mark.slow
def test_checks_accept_right_answers_and_reject_wrong_ones(postgres_service, monkeypatch):
    judge(_trials(), monkeypatch)
