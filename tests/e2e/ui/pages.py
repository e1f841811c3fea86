"""Page objects for the web shop: what a visitor can do on each page, in their words.

Tests say ``register(...)`` and ``add_to_cart(...)``; only this module knows ids and
selectors, so a changed page means one change here. Every step waits explicitly for
the page to reach the state it needs: no implicit waits, no sleeps.
"""

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

Locator = tuple[str, str]
TIMEOUT_SECONDS = 10
ORDER_SETTLED_TIMEOUT_SECONDS = 30  # inventory answers over RabbitMQ


class Page:
    def __init__(self, driver: WebDriver, base_url: str) -> None:
        self.driver, self.base_url = driver, base_url

    def _wait(self, timeout: float = TIMEOUT_SECONDS) -> WebDriverWait:
        return WebDriverWait(self.driver, timeout)

    def _visible(self, locator: Locator) -> WebElement:
        return self._wait().until(EC.visibility_of_element_located(locator))

    def _click(self, locator: Locator) -> None:
        self._wait().until(EC.element_to_be_clickable(locator)).click()

    def _type(self, locator: Locator, text: str) -> None:
        field = self._visible(locator)
        field.clear()
        field.send_keys(text)

    def _go(self, path: str) -> None:
        self.driver.get(f"{self.base_url}{path}")

    @property
    def error_message(self) -> str:
        """The form's error box, once the API has refused something."""
        return self._visible((By.ID, "form-error")).text

    @property
    def cart_count(self) -> str:
        return self.driver.find_element(By.ID, "cart-count").text


class RegisterPage(Page):
    def open(self) -> "RegisterPage":
        self._go("/register")
        return self

    def submit(self, name: str, email: str, password: str) -> None:
        self._type((By.ID, "name"), name)
        self._type((By.ID, "email"), email)
        self._type((By.ID, "password"), password)
        self._click((By.ID, "register-btn"))

    def register(self, name: str, email: str, password: str) -> "DashboardPage":
        self.submit(name, email, password)
        return DashboardPage(self.driver, self.base_url).wait_until_shown()


class DashboardPage(Page):
    def wait_until_shown(self) -> "DashboardPage":
        self._visible((By.ID, "dashboard"))
        return self

    @property
    def user_name(self) -> str:
        return self._visible((By.ID, "user-name")).text

    def go_to_products(self) -> "ProductsPage":
        self._click((By.LINK_TEXT, "Products"))
        return ProductsPage(self.driver, self.base_url)


class ProductsPage(Page):
    def add_to_cart(self, product_id: str) -> None:
        """Click the product's button and wait until the cart count has gone up by one."""
        locator = (By.CSS_SELECTOR, f"[data-product-id='{product_id}'] .add-to-cart")
        button = self._wait().until(EC.element_to_be_clickable(locator))  # products loaded
        expected = str(int(self.cart_count) + 1)
        button.click()
        self._wait().until(EC.text_to_be_present_in_element((By.ID, "cart-count"), expected))

    def open_cart(self) -> "CartPage":
        self._click((By.ID, "cart-icon"))
        return CartPage(self.driver, self.base_url)


class CartPage(Page):
    def checkout(self) -> "CheckoutPage":
        self._click((By.ID, "checkout-btn"))
        return CheckoutPage(self.driver, self.base_url)


class CheckoutPage(Page):
    def place_order(self, shipping_address: str) -> "ConfirmationPage":
        self._type((By.ID, "shipping-address"), shipping_address)
        self._click((By.ID, "place-order-btn"))
        return ConfirmationPage(self.driver, self.base_url).wait_until_shown()


class ConfirmationPage(Page):
    def wait_until_shown(self) -> "ConfirmationPage":
        self._visible((By.CLASS_NAME, "order-confirmation"))
        return self

    @property
    def text(self) -> str:
        return self._visible((By.CLASS_NAME, "order-confirmation")).text

    @property
    def order_id(self) -> str:
        return self._visible((By.ID, "order-id")).text

    def wait_for_status(self, status: str) -> None:
        WebDriverWait(self.driver, ORDER_SETTLED_TIMEOUT_SECONDS).until(
            EC.text_to_be_present_in_element((By.ID, "order-status"), status)
        )
