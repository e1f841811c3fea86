"""Input validation (seed section 7): bad data is refused with 400 and a useful body.

Every refusal has the course's error format, ``{"error", "code", "details"}``, and
``details`` names the offending field, so each case below can only pass for the right
reason: the seed's ``{'name': 'Test', 'age': -5}`` also lacks an email, and the test
checks that the age is among the fields blamed.
"""

from urllib.parse import quote

import pytest

from workbook.attacks import SEED_INVALID_USERS, assert_error_body
from workbook.testing import new_user, unique

pytestmark = pytest.mark.security

# The same faults one at a time, in an otherwise valid body.
ONE_FAULT = [
    ({"email": "invalid-email"}, "body.email"),
    ({"email": "test@"}, "body.email"),
    ({"email": "@example.com"}, "body.email"),
    ({"name": ""}, "body.name"),
    ({"age": 151}, "body.age"),
    ({"age": "not_a_number"}, "body.age"),
    ({"password": "short"}, "body.password"),
    ({"is_admin": True}, "body.is_admin"),  # unknown fields are refused, not ignored
]


@pytest.mark.parametrize(
    ("user", "field"), SEED_INVALID_USERS, ids=[field for _, field in SEED_INVALID_USERS]
)
def test_seed_invalid_users_are_refused(http, urls, user, field):
    response = http.post(f"{urls['users']}/users", json=user)

    body = assert_error_body(response, 400, "VALIDATION_ERROR")
    assert field in [detail["field"] for detail in body["details"]]


@pytest.mark.parametrize(("fault", "field"), ONE_FAULT, ids=[str(f) for f, _ in ONE_FAULT])
def test_one_invalid_field_is_refused_and_nothing_is_stored(http, urls, fault, field):
    user = new_user(**{"name": f"Validation {unique()}", **fault})  # a name only this test uses

    response = http.post(f"{urls['users']}/users", json=user)

    body = assert_error_body(response, 400, "VALIDATION_ERROR")
    assert [detail["field"] for detail in body["details"]] == [field]
    if isinstance(user["name"], str) and user["name"]:
        found = http.get(f"{urls['users']}/users", params={"name": user["name"]}).json()
        assert user["email"] not in [u["email"] for u in found]


# PostgreSQL text cannot hold U+0000: unchecked, it reached the database and came back
# as a 500 (schemathesis found it); the services now refuse it at the edge.
NUL = "a\x00b"


@pytest.mark.parametrize(
    ("service", "method", "path", "kwargs"),
    [
        (
            "users",
            "POST",
            "/users",
            {"json": {"name": "Nul Test", "email": "nul@example.com", "address": NUL}},
        ),
        ("users", "GET", "/users", {"params": {"name": NUL}}),
        (
            "users",
            "POST",
            "/auth/token",
            {"json": {"email": f"{NUL}@example.com", "password": "x"}},
        ),
        (
            "inventory",
            "POST",
            "/products",
            {"json": {"id": "NUL-1", "name": NUL, "price": 1, "quantity": 1}},
        ),
        ("orders", "GET", f"/orders/{quote(NUL)}", {}),  # %00: a URL cannot hold it raw
    ],
    ids=["users-address", "users-search", "auth-token", "products-name", "orders-id"],
)
def test_nul_characters_are_refused_with_400(http, urls, admin, service, method, path, kwargs):
    # With the admin's token, so a request that needs one is refused for its input, not for a 401.
    response = http.request(method, f"{urls[service]}{path}", headers=admin.auth, **kwargs)

    assert_error_body(response, 400, "VALIDATION_ERROR")
