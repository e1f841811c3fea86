"""The one setup every notebook runs first: ``from workbook.notebook import setup; setup()``.

It is the single place where ipytest is configured, so every notebook behaves the same:
- ``raise_on_error=True``: a failing test makes the cell fail (red), so nbval, the honesty
  check and grading all see it; without it a failing test cell still looks green.
- ``run_in_thread=True``: tests run in a thread with their own event loop, so async tests
  work inside Jupyter, whose kernel already runs one.
"""

from __future__ import annotations

import os

import ipytest

from workbook import check_cells

# Plugins a kernel never needs: nbval (it imports nbformat and jsonschema, seconds of
# start-up), locust (never in a kernel: gevent), xdist (parallel runs are for the command
# line), and three whose fixtures and markers no notebook uses but whose import each
# kernel's first test cell would pay: schemathesis (0.7 s; notebook 12 drives it through
# Hypothesis, not its pytest loader), anyio (the notebooks' async tests use
# pytest-asyncio) and faker. -p no:cacheprovider: no .pytest_cache beside the notebooks.
UNUSED_PLUGINS = (
    "cacheprovider",
    "nbval",
    "locust",
    "xdist",
    "xdist.looponfail",
    "schemathesis",
    "anyio",
    "faker",
)
# A notebook imports packages that are also pytest plugins (time_machine, hypothesis...)
# before its first test cell; pytest then warns on every later run that it cannot rewrite
# their asserts. That is harmless here and would bury the test results.
QUIET_WARNINGS = ("-W", "ignore::pytest.PytestAssertRewriteWarning")
# pyproject.toml sets pytest-asyncio's loop scope for runs inside the repository; a copy
# of a notebook opened elsewhere has no pyproject.toml above it, and pytest-asyncio would
# then warn in every check cell.
ASYNCIO_OPTIONS = ("-o", "asyncio_default_fixture_loop_scope=function")
PYTEST_OPTIONS = (
    "-q",
    "--color=yes",
    *QUIET_WARNINGS,
    *ASYNCIO_OPTIONS,
    *(f"-pno:{name}" for name in UNUSED_PLUGINS),
)

QUIET_TOOLS = {
    "PACT_DO_NOT_TRACK": "true",  # pact-python: no usage telemetry
    "SE_OFFLINE": "true",  # Selenium Manager: never download drivers
}


def setup() -> None:
    """Configure ipytest and the tools' environment for this kernel. Prints nothing."""
    for name, value in QUIET_TOOLS.items():
        os.environ.setdefault(name, value)
    ipytest.autoconfig(raise_on_error=True, run_in_thread=True, addopts=PYTEST_OPTIONS)
    check_cells.install()
