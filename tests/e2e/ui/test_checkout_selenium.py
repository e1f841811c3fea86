"""A visitor registers, adds a product to the cart and checks out, in a real browser.

The syllabus's Selenium test, with explicit waits only (no implicitly_wait), page
objects instead of selectors in the test, and its own user and product.
"""

import pytest

from workbook.testing import new_user

from .pages import RegisterPage

pytestmark = [pytest.mark.e2e, pytest.mark.ui, pytest.mark.service("webshop")]


def test_visitor_registers_and_places_an_order(
    driver, system, api, admin_token, shop_product, screenshots
):
    user = new_user(name="UI Test User")

    dashboard = (
        RegisterPage(driver, system.urls["webshop"])
        .open()
        .register(user["name"], user["email"], user["password"])
    )
    assert dashboard.user_name == "UI Test User"

    products = dashboard.go_to_products()
    products.add_to_cart(shop_product["id"])
    assert products.cart_count == "1"

    confirmation = products.open_cart().checkout().place_order("123 Test St, Test City")
    assert "Order placed successfully" in confirmation.text
    order_id = confirmation.order_id
    assert order_id.startswith("ORD")

    confirmation.wait_for_status("confirmed")
    driver.save_screenshot(str(screenshots / "checkout-confirmation-selenium.png"))
    # What the page said is what the system did.
    order = api.get_order(order_id, admin_token).json()
    assert order["status"] == "confirmed"
    assert order["shipping_address"] == "123 Test St, Test City"
    assert api.get_product(shop_product["id"]).json()["quantity"] == shop_product["quantity"] - 1


def test_registration_error_from_the_api_is_shown(driver, system):
    page = RegisterPage(driver, system.urls["webshop"]).open()
    page.submit("UI Test User", "not-an-email", "long-enough-password")
    assert "email" in page.error_message.lower()
    assert driver.current_url.endswith("/register")  # still here: nothing was created
