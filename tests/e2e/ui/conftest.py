"""Browser fixtures for the UI tests: a headless Selenium driver, and where screenshots go."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from course_app.provision import ServiceUnavailable
from course_app.provision.headless import headless_webdriver, playwright_launch_kwargs
from course_app.provision.pytest_plugin import skip_or_fail
from workbook.testing import new_product


@pytest.fixture
def driver(browser_info) -> Iterator:
    """A fresh headless browser per test (nothing carried over: no cookies, no storage)."""
    with headless_webdriver(browser_info) as web_driver:
        yield web_driver


@pytest.fixture(scope="session")
def screenshots(request) -> Path:
    """reports/screenshots/ in the repository (git-ignored): look at them after a run."""
    folder = request.config.rootpath / "reports" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def shop_product(make_product: Callable[..., dict]) -> dict:
    """A product of our own in the shop, so the test never depends on the demo data."""
    return make_product(**{**new_product(), "name": "E2E Test Mug", "price": 12.5, "quantity": 5})


@pytest.fixture(scope="session")
def playwright_launch_options() -> dict:
    """How Playwright launches the Chromium already on this machine (it downloads none)."""
    try:
        return playwright_launch_kwargs()
    except ServiceUnavailable as error:
        skip_or_fail(error)
