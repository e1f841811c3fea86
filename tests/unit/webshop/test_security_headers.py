"""Every answer of the web shop carries the security headers, and its pages need no inline code."""

import re

import pytest
from fastapi.testclient import TestClient

from course_app.webshop import pages
from course_app.webshop.main import create_app
from course_app.webshop.security_headers import SECURITY_HEADERS
from course_app.webshop.settings import ShopSettings

pytestmark = [pytest.mark.unit, pytest.mark.service("webshop")]


@pytest.fixture(scope="module")
def shop():
    with TestClient(create_app(ShopSettings())) as client:
        yield client


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/checkout",
        "/static/css/shop.css",
        "/static/js/pages/products.js",
        "/no-such-page",
    ],
)
def test_every_answer_carries_the_security_headers(shop, path):
    response = shop.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (path, name)


def test_the_policy_allows_no_inline_script_and_no_framing():
    policy = dict(
        part.split(" ", 1) for part in SECURITY_HEADERS["content-security-policy"].split("; ")
    )
    assert (
        policy["script-src"] == "'self'"
        and "unsafe" not in SECURITY_HEADERS["content-security-policy"]
    )
    assert policy["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("page", pages.PAGES, ids=lambda page: page.path)
def test_pages_need_nothing_the_policy_forbids(page):
    html = pages.render(page)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline <script>"
    assert not re.search(r"<style\b|\sstyle=", html), "an inline style"
    assert not re.search(r"\son[a-z]+\s*=", html), "an inline event handler"
