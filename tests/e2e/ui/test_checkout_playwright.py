"""The same journey with Playwright's async API (the one that also works inside Jupyter).

Written as Playwright's documentation recommends, and as notebook 08 teaches: elements
found the way a user finds them (role and accessible name, label, test id), never by CSS
id; web-first assertions (``expect``) that wait by themselves until they hold or time out,
so there is no explicit wait in sight, and still no sleep.
"""

import re

import pytest
from playwright.async_api import async_playwright, expect

from workbook.testing import new_user

pytestmark = [pytest.mark.e2e, pytest.mark.ui, pytest.mark.service("webshop")]

SETTLED_TIMEOUT_MS = 30_000  # the order is confirmed over RabbitMQ


@pytest.mark.asyncio
async def test_visitor_registers_and_places_an_order(
    system, shop_product, screenshots, playwright_launch_options
):
    user = new_user(name="Playwright User")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**playwright_launch_options)
        try:
            page = await browser.new_page()
            await page.goto(f"{system.urls['webshop']}/register")
            await page.get_by_label("Name").fill(user["name"])
            await page.get_by_label("Email").fill(user["email"])
            await page.get_by_label("Password").fill(user["password"])
            await page.get_by_role("button", name="Create account").click()
            welcome = page.get_by_role("heading", name=f"Welcome, {user['name']}")
            await expect(welcome).to_be_visible()

            await page.get_by_role("link", name="Products", exact=True).click()
            heading = page.get_by_role("heading", name=shop_product["name"], exact=True)
            card = page.get_by_role("article").filter(has=heading)
            await card.get_by_role("button", name="Add to cart").click()
            await expect(page.get_by_test_id("cart-count")).to_have_text("1")

            await page.get_by_role("link", name="Cart").click()
            await page.get_by_role("link", name="Proceed to checkout").click()
            await page.get_by_label("Shipping address").fill("123 Test St, Test City")
            await page.get_by_role("button", name="Place order").click()

            placed = page.get_by_role("heading", name="Order placed successfully")
            await expect(placed).to_be_visible()
            await expect(page.get_by_test_id("order-id")).to_have_text(re.compile(r"^ORD"))
            await expect(page.get_by_test_id("order-status")).to_have_text(
                "confirmed", timeout=SETTLED_TIMEOUT_MS
            )
            await page.screenshot(path=screenshots / "checkout-confirmation-playwright.png")
        finally:
            await browser.close()
