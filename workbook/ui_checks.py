"""What notebook 08's checks need to run a learner's Playwright code: a browser and their files.

- ``CheckBrowser``: one headless Chromium (the one ``course_app.provision`` found) in a thread
  with its own event loop. ipytest runs every check in a new thread with a new loop, and a
  Playwright object works only on the loop that made it; starting a browser per check
  would cost seconds each. ``run(scenario)`` gives ``scenario`` a fresh page (a new
  context: no cookies, no storage, an empty cart) and hands back what it returns or raises.
- ``load_files``: import the learner's files afresh, the way pytest would find them.
"""

from __future__ import annotations

import asyncio
import importlib
import sys
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TypeVar

from course_app.provision.headless import playwright_launch_kwargs

T = TypeVar("T")
# An action (click, fill) that cannot happen fails after this long, as a web-first assertion
# does by default: what a check waits on a copy of the shop where the learner's code must fail.
CHECK_TIMEOUT_MS = 5_000
EXPECT_DEFAULT_TIMEOUT_MS = 5_000  # Playwright's own default for expect(...)
START_TIMEOUT_S = 60
SCENARIO_TIMEOUT_S = 60


class CheckBrowser:
    """A Chromium for checks; ``description`` says which one (name, version, executable)."""

    def __init__(self, launch_kwargs: dict) -> None:
        self._launch_kwargs = launch_kwargs
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="check browser")
        self._thread.daemon = True
        self._playwright = self._browser = None
        self.description = ""

    def start(self) -> CheckBrowser:
        self._thread.start()
        self._call(self._start(), START_TIMEOUT_S)
        return self

    async def _start(self) -> None:
        from playwright.async_api import async_playwright

        self._playwright = await async_playwright().start()
        self._browser = await self._playwright.chromium.launch(**self._launch_kwargs)
        executable = self._launch_kwargs.get("executable_path", "Playwright's own build")
        self.description = (
            f"{self._browser.browser_type.name} {self._browser.version} ({executable})"
        )

    def run(
        self,
        scenario: Callable[..., Awaitable[T]],
        timeout_s: float = SCENARIO_TIMEOUT_S,
        assertion_timeout_ms: int | None = None,
    ) -> T:
        """``await scenario(page)`` on a fresh page; its result, or its exception.

        ``assertion_timeout_ms`` shortens web-first assertions for this run only: a run on
        a copy where the assertion can never hold need not wait the full 5 s to fail.
        """
        return self._call(self._on_fresh_page(scenario, assertion_timeout_ms), timeout_s)

    async def _on_fresh_page(
        self, scenario: Callable[..., Awaitable[T]], assertion_timeout_ms: int | None
    ) -> T:
        from playwright.async_api import expect

        context = await self._browser.new_context()
        context.set_default_timeout(CHECK_TIMEOUT_MS)
        # The kernel waits for the check, so nothing else uses expect meanwhile.
        expect.set_options(timeout=assertion_timeout_ms or EXPECT_DEFAULT_TIMEOUT_MS)
        try:
            return await scenario(await context.new_page())
        finally:
            expect.set_options(timeout=EXPECT_DEFAULT_TIMEOUT_MS)
            await context.close()

    def _call(self, coroutine: Awaitable[T], timeout_s: float) -> T:
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout_s)
        except TimeoutError:
            future.cancel()
            raise

    def close(self) -> None:
        """Close the browser and its driver, then end the thread (safe to call twice)."""
        if self._thread.is_alive():
            try:
                self._call(self._stop(), START_TIMEOUT_S)
            finally:
                self._loop.call_soon_threadsafe(self._loop.stop)
                self._thread.join(timeout=10)
        if not self._loop.is_running():
            self._loop.close()

    async def _stop(self) -> None:
        if self._browser is not None:
            await self._browser.close()
        if self._playwright is not None:
            await self._playwright.stop()


@contextmanager
def check_browser(launch_kwargs: dict | None = None) -> Iterator[CheckBrowser]:
    """A started CheckBrowser until the block ends (for ``keep``); always closed."""
    browser = CheckBrowser(launch_kwargs or playwright_launch_kwargs())
    try:
        yield browser.start()
    finally:
        browser.close()


def load_files(folder: Path, *names: str) -> list[ModuleType]:
    """Import ``folder/<name>.py`` for each name, afresh (edited files count), with ``folder``
    on the import path so one file can import another, as pytest's rootdir import does."""
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    for module in list(sys.modules.values()):
        if Path(getattr(module, "__file__", None) or "/").parent == folder:
            del sys.modules[module.__name__]
    importlib.invalidate_caches()
    writing, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no stale .pyc to reuse
    try:
        return [importlib.import_module(name) for name in names]
    finally:
        sys.dont_write_bytecode = writing
