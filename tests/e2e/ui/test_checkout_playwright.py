"""The same journey with Playwright's async API (the one that also works inside Jupyter).

Playwright's ``expect`` waits by itself until an assertion holds or its timeout ends,
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
            await page.fill("#name", user["name"])
            await page.fill("#email", user["email"])
            await page.fill("#password", user["password"])
            await page.click("#register-btn")
            await expect(page.locator("#dashboard")).to_be_visible()

            await page.get_by_role("link", name="Products", exact=True).click()
            await page.click(f"[data-product-id='{shop_product['id']}'] .add-to-cart")
            await expect(page.locator("#cart-count")).to_have_text("1")

            await page.click("#cart-icon")
            await page.click("#checkout-btn")
            await page.fill("#shipping-address", "123 Test St, Test City")
            await page.click("#place-order-btn")

            await expect(page.locator(".order-confirmation")).to_contain_text(
                "Order placed successfully"
            )
            await expect(page.locator("#order-id")).to_have_text(re.compile(r"^ORD"))
            await expect(page.locator("#order-status")).to_have_text(
                "confirmed", timeout=SETTLED_TIMEOUT_MS
            )
            await page.screenshot(path=screenshots / "checkout-confirmation-playwright.png")
        finally:
            await browser.close()
