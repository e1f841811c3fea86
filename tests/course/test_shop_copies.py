"""workbook.shop_copies and workbook.ui_checks: each copy of the shop is broken as it says,
the real shop is not, and the check browser gives every scenario a fresh page.

The shop here is the real web shop app (its real pages and scripts) in front of a stand-in
inventory that lists one product: no database or broker needed.
"""

import time
from collections.abc import Iterator

import httpx
import pytest

from course_app.provision import ServiceUnavailable
from course_app.provision.pytest_plugin import skip_or_fail
from course_app.webshop.main import create_app
from course_app.webshop.settings import ShopSettings
from workbook.pacts import serve_app
from workbook.shop_copies import (
    CART_NEVER_UPDATES,
    CHANGES,
    LATE_CATALOGUE,
    PRODUCTS_SCRIPT,
    SLOW_CART,
    UNLABELLED_BUTTON,
    Change,
    ChangeDoesNotApply,
    serving_shop_copy,
    source_of,
)
from workbook.static_api import serving_json
from workbook.ui_checks import check_browser, load_files

MUG = {"id": "PROD-MUG", "name": "Check Mug", "price": 12.5, "quantity": 3, "category": "test"}


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.name)
def test_each_change_fits_the_shops_current_code_exactly_once(change):
    changed = change.apply(source_of(change.path))
    assert changed != source_of(change.path)


def test_a_change_that_no_longer_fits_refuses_to_serve():
    stale = Change("stale", "nothing", PRODUCTS_SCRIPT, "no such code", "x")
    with pytest.raises(ChangeDoesNotApply, match="update workbook/shop_copies.py"):
        with serving_shop_copy("http://127.0.0.1:9", stale):
            pass


@pytest.fixture(scope="module")
def shop() -> Iterator[str]:
    with serving_json({"/products": [MUG], f"/products/{MUG['id']}": MUG}) as inventory:
        app = create_app(ShopSettings(inventory_url=inventory))
        with serve_app(app) as url:
            yield url


def test_the_copy_forwards_everything_and_changes_only_its_file(shop):
    with serving_shop_copy(shop, UNLABELLED_BUTTON) as copy:
        for path in ("/products", "/static/js/cart.js", "/api/inventory/products"):
            real, copied = httpx.get(shop + path), httpx.get(copy + path)
            assert (copied.status_code, copied.content) == (real.status_code, real.content)
        script = httpx.get(copy + PRODUCTS_SCRIPT)
        assert script.status_code == 200
        assert script.text == UNLABELLED_BUTTON.apply(httpx.get(shop + PRODUCTS_SCRIPT).text)
        assert "etag" not in script.headers
        port = int(copy.rsplit(":", 1)[1])
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/products", timeout=2)


@pytest.fixture(scope="module")
def browser():
    try:
        with check_browser() as started:
            yield started
    except ServiceUnavailable as error:
        skip_or_fail(error)


async def visit(page, url):
    """Open the products page, click the mug's first button, read the badge 2 s later."""
    await page.goto(f"{url}/products")
    card = page.locator(f"[data-product-id='{MUG['id']}']")
    button = card.get_by_role("button")
    label = await button.text_content()
    await button.click()
    await page.wait_for_timeout(300)
    soon = await page.get_by_test_id("cart-count").text_content()
    await page.wait_for_timeout(1700)
    later = await page.get_by_test_id("cart-count").text_content()
    return label, soon, later


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (None, ("Add to cart", "1", "1")),
        (CART_NEVER_UPDATES, ("Add to cart", "0", "0")),
        (SLOW_CART, ("Add to cart", "0", "1")),
        (UNLABELLED_BUTTON, ("\U0001f6d2", "1", "1")),
    ],
    ids=["real shop", "cart never updates", "slow cart", "unlabelled button"],
)
def test_each_copy_behaves_as_it_says_and_the_real_shop_does_not(shop, browser, change, expected):
    if change is None:
        assert browser.run(lambda page: visit(page, shop)) == expected
    else:
        with serving_shop_copy(shop, change) as copy:
            assert browser.run(lambda page: visit(page, copy)) == expected


async def products_after(page, url, milliseconds):
    await page.goto(f"{url}/products")
    await page.wait_for_timeout(milliseconds)
    return await page.locator("article.product-card").count()


def test_the_late_catalogue_arrives_late(shop, browser):
    assert browser.run(lambda page: products_after(page, shop, 700)) == 1
    with serving_shop_copy(shop, LATE_CATALOGUE) as copy:
        assert browser.run(lambda page: products_after(page, copy, 700)) == 0
        assert browser.run(lambda page: products_after(page, copy, 2500)) == 1


async def store_then_read(page, url):
    await page.goto(f"{url}/products")
    before = await page.evaluate("sessionStorage.getItem('mark')")
    await page.evaluate("sessionStorage.setItem('mark', 'left over')")
    return before


def test_every_scenario_gets_a_fresh_page(shop, browser):
    assert browser.run(lambda page: store_then_read(page, shop)) is None
    assert browser.run(lambda page: store_then_read(page, shop)) is None


def test_a_scenarios_exception_reaches_the_caller(browser):
    async def failing(page):
        raise AssertionError("from the scenario")

    with pytest.raises(AssertionError, match="from the scenario"):
        browser.run(failing)
    assert browser.description.startswith("chromium ")


async def badge_shows(page, text, after_ms):
    """A badge that changes to ``text`` after ``after_ms``; seconds until expect saw it."""
    from playwright.async_api import expect

    await page.set_content(
        '<span data-testid="badge">0</span><script>setTimeout(() => { '
        f'document.querySelector("span").textContent = "{text}"; }}, {after_ms});</script>'
    )
    started = time.monotonic()
    await expect(page.get_by_test_id("badge")).to_have_text(text)
    return time.monotonic() - started


def test_a_shorter_assertion_timeout_holds_for_one_run_only(browser):
    started = time.monotonic()
    with pytest.raises(AssertionError):
        browser.run(lambda page: badge_shows(page, "never", 60_000), assertion_timeout_ms=300)
    assert time.monotonic() - started < 3
    assert browser.run(lambda page: badge_shows(page, "1", 1_500)) >= 1.4  # the default again


def test_load_files_imports_edited_files_afresh(tmp_path):
    (tmp_path / "pages_mod.py").write_text("NAME = 'first'\n")
    (tmp_path / "test_mod.py").write_text("from pages_mod import NAME\n")
    assert load_files(tmp_path, "test_mod")[0].NAME == "first"
    (tmp_path / "pages_mod.py").write_text("NAME = 'second'\n")
    assert load_files(tmp_path, "test_mod")[0].NAME == "second"
