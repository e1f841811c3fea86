"""Sensitive data is never exposed (seed section 7): not in answers, errors or logs.

Each test creates its own users with a unique password, so finding that password
anywhere can only mean a leak. A stored hash would start with argon2's ``$argon2``.
"""

import pytest

from workbook.attacks import HASH_MARKER, TRACE_MARKERS
from workbook.testing import new_user

pytestmark = pytest.mark.security


def assert_no_secret(text: str, password: str) -> None:
    assert password not in text
    assert HASH_MARKER not in text
    assert '"password' not in text  # neither "password" nor "password_hash" as a key


def test_no_user_response_holds_the_password_or_its_hash(http, urls, customer, admin):
    users = urls["users"]
    answers = [
        http.get(f"{users}/users/{customer.id}"),
        http.get(f"{users}/users", params={"name": customer.user["name"]}),
        http.get(f"{users}/users/profile", headers=customer.auth),
        http.put(f"{users}/users/{customer.id}", json={"age": 33}, headers=customer.auth),
        http.get(f"{users}/admin/users", headers=admin.auth),
    ]
    assert [answer.status_code for answer in answers] == [200] * len(answers)
    for answer in answers:
        assert_no_secret(answer.text, customer.password)
    assert customer.user.keys() == {"id", "name", "email", "age", "address", "created_at"}


def test_error_bodies_hold_no_password_stack_trace_or_sql(http, urls, customer):
    users, secret = urls["users"], "pw-Do-Not-Echo-42"
    errors = [
        http.post(f"{users}/users", json=new_user(email="not-an-email", password=secret)),
        http.post(
            f"{users}/users", json=new_user(email=customer.user["email"], password=secret)
        ),  # duplicate: 409
        http.post(
            f"{users}/auth/token", json={"email": customer.user["email"], "password": secret}
        ),
        http.put(f"{users}/users/{customer.id}", json={"password": "short"}, headers=customer.auth),
        http.get(f"{users}/users/999999999"),
        http.get(f"{users}/users/not-a-number"),  # no such route: ids are whole numbers
        http.get(f"{urls['orders']}/orders/ORD-does-not-exist", headers=customer.auth),
        http.get(f"{urls['inventory']}/products/NO-SUCH-PRODUCT"),
    ]
    assert [e.status_code for e in errors] == [400, 409, 401, 400, 404, 404, 404, 404]
    for error in errors:
        assert_no_secret(error.text, secret)
        assert "short" not in error.text
        assert not any(marker in error.text for marker in TRACE_MARKERS)
        assert error.json().keys() <= {"error", "code", "details"}


def test_logs_hold_no_password_or_hash(http, urls, system, make_account):
    accounts = [make_account() for _ in range(2)]
    for account in accounts:  # a login that works and one that does not
        http.post(
            f"{urls['users']}/auth/token",
            json={"email": account.user["email"], "password": account.password + "x"},
        )
        http.put(
            f"{urls['users']}/users/{account.id}",
            json={"password": account.password[::-1]},
            headers=account.auth,
        )

    for service in ("users", "orders", "inventory", "webshop"):
        log = system.logs(service)
        assert log, f"the {service} service logged nothing: is the log path right?"
        for account in accounts:
            assert account.password not in log
            assert account.password[::-1] not in log
        assert HASH_MARKER not in log
