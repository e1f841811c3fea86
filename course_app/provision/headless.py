"""A headless browser from BrowserInfo: a Selenium driver, or Playwright launch options.

Selenium never downloads here: we hand it the driver's path ourselves and set
SE_OFFLINE=true, so Selenium Manager (which would fetch drivers from the internet)
stays idle. Each session gets a fresh profile dir that is removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager

from course_app.provision.browser import BrowserInfo, find_browser
from course_app.provision.errors import ServiceUnavailable

# --no-sandbox: Chromium's sandbox cannot start as root or in most containers.
# The rest keep a test browser from phoning home (updates, sync, metrics): quiet, faster.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--window-size=1280,900",
]


@contextmanager
def headless_webdriver(info: BrowserInfo | None = None, page_load_timeout: float = 30):
    """Yield a Selenium WebDriver; always quits it and removes its profile."""
    from selenium import webdriver

    info = info or find_browser()
    if info.driver is None:
        raise ServiceUnavailable.missing(
            "browser", f"{info.describe()}: Selenium needs chromedriver or geckodriver"
        )
    os.environ["SE_OFFLINE"] = "true"
    profile = tempfile.mkdtemp(prefix="course-browser-")
    try:
        driver = _start(webdriver, info, profile)
        try:
            driver.set_page_load_timeout(page_load_timeout)
            yield driver
        finally:
            driver.quit()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _start(webdriver, info: BrowserInfo, profile: str):
    if info.name == "firefox":
        options = webdriver.FirefoxOptions()
        options.binary_location = info.binary
        options.add_argument("-headless")
        options.add_argument("-profile")
        options.add_argument(profile)
        service = webdriver.FirefoxService(
            executable_path=info.driver, log_output=subprocess.DEVNULL
        )
        return webdriver.Firefox(options=options, service=service)
    options = webdriver.ChromeOptions()
    options.binary_location = info.binary
    for argument in [*CHROMIUM_ARGS, f"--user-data-dir={profile}"]:
        options.add_argument(argument)
    service = webdriver.ChromeService(executable_path=info.driver, log_output=subprocess.DEVNULL)
    return webdriver.Chrome(options=options, service=service)


def playwright_launch_kwargs(info: BrowserInfo | None = None) -> dict:
    """Keyword arguments for `playwright.chromium.launch(**kwargs)` using a browser that
    is already installed (Playwright would otherwise look for its own download)."""
    info = info or _chromium_for_playwright()
    if info.name != "chromium":
        raise ServiceUnavailable.missing(
            "browser", f"Playwright can drive {info.name} only in its own patched build"
        )
    return {"executable_path": info.binary, "headless": True, "args": CHROMIUM_ARGS}


def _chromium_for_playwright() -> BrowserInfo:
    from course_app.provision.browser import candidates

    for info in candidates():
        if info.name == "chromium":
            return info
    raise ServiceUnavailable.missing("browser", "Playwright needs a Chromium; none found")
