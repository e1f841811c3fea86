"""Injection: SQL through the search box, and script through user data (seed section 7).

Search is parameterised SQL, so an injection payload is only an odd name to look for:
the answer is 200 with the users whose name contains it (none), never an error, and
nothing in the database changes. Markup is refused in names; where free text is
allowed (the address) it is stored as it is and returned as JSON text, which is inert
as long as the web shop puts it on the page as text, which the last test checks.
"""

import re
import secrets

import pytest

from course_app.webshop.pages import STATIC_DIR
from workbook.attacks import (
    LEAK_MARKERS,
    SQL_INJECTION_PAYLOADS,
    XSS_PAYLOADS,
    assert_error_body,
)
from workbook.testing import new_user

pytestmark = pytest.mark.security


@pytest.fixture(scope="module")
def known_names(http, urls) -> list[str]:
    """Two users the search must keep finding, whatever the payloads did."""
    names = [f"Injection Target {secrets.token_hex(3)}" for _ in range(2)]
    for name in names:
        assert http.post(f"{urls['users']}/users", json=new_user(name=name)).status_code == 201
    return names


@pytest.mark.parametrize("payload", SQL_INJECTION_PAYLOADS)
def test_sql_injection_in_search_finds_only_matching_users(http, urls, known_names, payload):
    response = http.get(f"{urls['users']}/users", params={"name": payload})

    assert response.status_code == 200, response.text
    assert all(payload.lower() in user["name"].lower() for user in response.json())
    assert not any(marker in response.text.lower() for marker in LEAK_MARKERS)


def test_sql_injection_leaves_the_users_table_intact(http, urls, known_names):
    for payload in SQL_INJECTION_PAYLOADS:
        http.get(f"{urls['users']}/users", params={"name": payload})

    for name in known_names:
        found = http.get(f"{urls['users']}/users", params={"name": name}).json()
        assert [user["name"] for user in found] == [name]
    assert http.get(f"{urls['users']}/users", params={"name": "hacker"}).json() == []


def test_sql_injection_in_login_does_not_bypass_the_password(http, urls, customer):
    response = http.post(
        f"{urls['users']}/auth/token",
        json={"email": customer.user["email"], "password": "' OR '1'='1"},
    )
    assert_error_body(response, 401)
    response = http.post(
        f"{urls['users']}/auth/token", json={"email": "' OR '1'='1' --", "password": "x"}
    )
    assert_error_body(response, 401)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markup_in_a_name_is_refused(http, urls, payload):
    response = http.post(f"{urls['users']}/users", json=new_user(name=payload))

    body = assert_error_body(response, 400, "VALIDATION_ERROR")
    assert [detail["field"] for detail in body["details"]] == ["body.name"]
    assert payload not in response.text  # the error does not echo the payload back


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markup_in_an_address_comes_back_as_inert_json_text(http, urls, payload):
    created = http.post(f"{urls['users']}/users", json=new_user(address=payload))

    assert created.status_code == 201, created.text
    fetched = http.get(f"{urls['users']}/users/{created.json()['id']}")
    # JSON, not HTML: a browser that loads this URL shows text and runs nothing.
    assert fetched.headers["content-type"] == "application/json"
    assert fetched.json()["address"] == payload


# Sinks that turn a string into markup or code in the browser.
HTML_SINKS = re.compile(
    r"\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write"
    r"|\beval\s*\(|new Function\s*\("
)


def test_web_shop_scripts_never_render_data_as_html():
    scripts = sorted((STATIC_DIR / "js").rglob("*.js"))
    assert len(scripts) >= 5, f"expected the shop's scripts under {STATIC_DIR / 'js'}"

    offenders = [
        f"{path.relative_to(STATIC_DIR)}:{number}: {line.strip()}"
        for path in scripts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if HTML_SINKS.search(line)
    ]
    assert offenders == []
    assert any("textContent" in path.read_text() for path in scripts)
