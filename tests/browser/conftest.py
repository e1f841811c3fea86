"""Fixtures for the course in JupyterLab: the server (lab.py) and a headless Chromium page."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from course_app.provision import ServiceUnavailable
from course_app.provision.headless import playwright_launch_kwargs
from course_app.provision.pytest_plugin import skip_or_fail

from .lab import Lab, running_lab

SCREENS = Path(__file__).resolve().parents[2] / "reports" / "screenshots"


@pytest.fixture(scope="session")
def lab(tmp_path_factory) -> Iterator[Lab]:
    with running_lab(tmp_path_factory.mktemp("jupyterlab")) as server:
        yield server


@pytest.fixture(scope="session")
def chromium() -> Iterator:
    """The system Chromium driven by Playwright; missing, it skips (fails in CI)."""
    try:
        options = playwright_launch_kwargs()
    except ServiceUnavailable as error:
        skip_or_fail(error)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**options)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def screens() -> Path:
    """reports/screenshots/ (git-ignored): what the browser showed, to look at after a run."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    return SCREENS
