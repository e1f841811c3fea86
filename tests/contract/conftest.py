"""The contract stage: consumer tests write the pact files, provider tests verify them.

Order within a run: every consumer test, then the check that the committed pact files
are what the consumer tests just wrote, then the provider verifications (which read the
files in ``pacts/``, so they can also run alone on the committed copies).
"""

import os
from pathlib import Path

import pytest

from .pact_files import PactFiles

# Pact sends anonymous usage metrics unless told not to; there is no network here anyway.
os.environ.setdefault("PACT_DO_NOT_TRACK", "true")

HERE = Path(__file__).parent
FRESHNESS_MODULE = HERE / "consumer" / "test_pact_files.py"
CONSUMER_TESTS, FRESHNESS_CHECK, PROVIDER_TESTS = 0, 1, 2


@pytest.fixture(scope="session")
def pact_files() -> PactFiles:
    return PactFiles()


def _stage(item: pytest.Item) -> int:
    if item.path == FRESHNESS_MODULE:
        return FRESHNESS_CHECK
    return PROVIDER_TESTS if HERE / "provider" in item.path.parents else CONSUMER_TESTS


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Consumer tests, then the freshness check, then provider tests; others untouched."""
    ours = [item for item in items if HERE in item.path.parents]
    ordered = iter(sorted(ours, key=_stage))  # sorted() is stable: file order stays
    items[:] = [next(ordered) if HERE in item.path.parents else item for item in items]
