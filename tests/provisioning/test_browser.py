"""Browser discovery and a real headless page load, with nothing downloaded."""

from __future__ import annotations

import http.server
import os
import threading
from functools import partial
from pathlib import Path

import pytest

from course_app.provision import headless_webdriver, playwright_launch_kwargs

pytestmark = [pytest.mark.provisioning, pytest.mark.ui]

PAGE = b"<!doctype html><title>Course shop</title><h1 id='greeting'>Hello, tester</h1>"


@pytest.fixture
def tiny_site(tmp_path):
    (tmp_path / "index.html").write_bytes(PAGE)
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


def test_browser_is_found_with_its_driver(browser_info):
    assert browser_info.name in {"chromium", "firefox"}
    assert os.access(browser_info.binary, os.X_OK)
    assert browser_info.backend in {"system", "conda", "playwright"}
    if browser_info.driver:
        assert os.access(browser_info.driver, os.X_OK)


def test_headless_selenium_loads_a_local_page_and_cleans_up(browser_info, tiny_site):
    from selenium.webdriver.common.by import By

    with headless_webdriver(browser_info) as driver:
        driver.get(tiny_site)
        assert driver.title == "Course shop"
        assert driver.find_element(By.ID, "greeting").text == "Hello, tester"
        assert os.environ["SE_OFFLINE"] == "true"  # Selenium Manager may not download
        driver_process = driver.service.process
        # This browser's own profile, not every course-browser-* folder: other test runs
        # on the machine may have theirs open right now.
        profile = Path(driver.capabilities["chrome"]["userDataDir"])
        assert profile.name.startswith("course-browser-") and profile.is_dir()
    assert driver_process.poll() is not None  # the driver was quit
    assert not profile.exists()  # and its profile removed


def test_playwright_gets_the_installed_chromium(browser_info):
    if browser_info.name != "chromium":
        pytest.skip("Playwright is given a Chromium only")
    kwargs = playwright_launch_kwargs()
    assert os.access(kwargs["executable_path"], os.X_OK)
    assert "--headless=new" in kwargs["args"] and "--no-sandbox" in kwargs["args"]
