"""The committed pact files are exactly what the consumer tests write today.

The provider tests verify the files in ``pacts/``, so they can run without the consumer
tests. That is only safe if those files are current: this check runs after every
consumer test of the run (see ``tests/contract/conftest.py``) and compares what they
wrote with the files as they were when the run started. When it fails, the consumer
tests have already rewritten ``pacts/``: review the change (``git diff pacts/``) and
commit it together with the consumer change that caused it.
"""

import difflib
import json

import pytest

from ..names import CONTRACTS, pact_file
from ..pact_files import comparable

pytestmark = pytest.mark.contract

PACT_NAMES = [pact_file(consumer, provider).name for consumer, provider in CONTRACTS]


@pytest.mark.parametrize("name", PACT_NAMES)
def test_committed_pact_file_matches_what_the_consumer_tests_wrote(name, pact_files):
    if name not in pact_files.written:
        pytest.skip(f"no consumer test for {name} ran in this session: nothing to compare")
    committed = pact_files.committed.get(name)
    assert committed is not None, f"pacts/{name} is new: commit it"
    written = (pact_files.directory / name).read_text()
    if comparable(committed) != comparable(written):
        diff = difflib.unified_diff(
            _pretty(committed), _pretty(written), f"committed {name}", f"written now {name}"
        )
        pytest.fail(
            f"pacts/{name} was stale; the consumer tests rewrote it. Review "
            f"and commit the change:\n{''.join(diff)}",
            pytrace=False,
        )


def test_every_committed_pact_file_has_a_consumer_test(pact_files):
    orphans = sorted(set(pact_files.committed) - set(PACT_NAMES))
    assert not orphans, f"no consumer test writes {orphans}: delete them or add the tests"


def _pretty(pact_json: str) -> list[str]:
    return json.dumps(comparable(pact_json), indent=2, sort_keys=True).splitlines(keepends=True)
