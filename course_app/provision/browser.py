"""Finding a browser (and its WebDriver) for the UI lessons, without downloading one.

Looked for in this order: Debian's chromium + chromedriver, conda-forge's firefox +
geckodriver (Binder), then a Chromium that Playwright installed under ~/.cache/ms-playwright
(usable by Playwright only: no chromedriver matches its version).
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

from course_app.provision.binaries import find_program, in_env_prefix
from course_app.provision.errors import ServiceUnavailable

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PLAYWRIGHT_GLOBS = (
    "chromium-*/chrome-linux*/chrome",
    "chromium_headless_shell-*/chrome-linux*/headless_shell",
)


@dataclass(frozen=True)
class BrowserInfo:
    name: str  # "chromium" or "firefox": which Selenium/Playwright driver class to use
    binary: str  # the browser executable
    driver: str | None  # chromedriver/geckodriver for Selenium; None = Playwright only
    backend: str  # "system", "conda" or "playwright"

    def describe(self) -> str:
        driver = self.driver or "no WebDriver (Playwright only)"
        return f"{self.name} ({self.backend}) {self.binary}, driver {driver}"


def _is_snap_stub(path: Path) -> bool:
    """Ubuntu's chromium-browser is a stub that asks to install a snap; it cannot run here."""
    try:
        return "/snap/" in str(path.resolve()) or b"snap" in path.read_bytes()[:4096]
    except OSError:
        return True


def _backend_of(path: Path) -> str:
    return "conda" if in_env_prefix(path) else "system"


def _playwright_chromium() -> Path | None:
    root = os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache" / "ms-playwright"
    for pattern in PLAYWRIGHT_GLOBS:
        found = sorted(glob.glob(str(Path(root) / pattern)), reverse=True)  # newest first
        if found:
            return Path(found[0])
    return None


def candidates() -> list[BrowserInfo]:
    """Every usable browser, best first (complete browser + driver pairs first)."""
    found: list[BrowserInfo] = []
    chromedriver = find_program("chromedriver")
    for name in CHROMIUM_NAMES:
        binary = find_program(name)
        if binary and not _is_snap_stub(binary):
            driver = str(chromedriver) if chromedriver else None
            found.append(BrowserInfo("chromium", str(binary), driver, _backend_of(binary)))
            break
    firefox, geckodriver = find_program("firefox"), find_program("geckodriver")
    if firefox:
        driver = str(geckodriver) if geckodriver else None
        found.append(BrowserInfo("firefox", str(firefox), driver, _backend_of(firefox)))
    playwright = _playwright_chromium()
    if playwright:  # a system chromedriver would not match Playwright's Chromium version
        found.append(BrowserInfo("chromium", str(playwright), None, "playwright"))
    return sorted(found, key=lambda info: info.driver is None)  # stable: keeps the order


def find_browser() -> BrowserInfo:
    """The best browser here, or ServiceUnavailable saying how to get one."""
    found = candidates()
    if not found:
        raise ServiceUnavailable.missing(
            "browser", "no Chromium, Firefox or Playwright browser found"
        )
    return found[0]
