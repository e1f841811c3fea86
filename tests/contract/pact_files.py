"""The pact files of a test run: the committed copies, and writing new ones.

Consumer tests write through ``PactFiles.record`` only after the mock server saw exactly
the expected requests (or the message handler accepted every message), so a failing
consumer test leaves its pact file as it was.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pact import Pact
from pact.pact import PactServer

from .names import PACTS_DIR, pact_file


class PactFiles:
    """The pact files of this run: what was committed before it, what it has written."""

    def __init__(self, directory: Path = PACTS_DIR) -> None:
        self.directory = directory
        self.committed = {path.name: path.read_text() for path in directory.glob("*.json")}
        self.written: set[str] = set()

    def record(self, pact: Pact) -> None:
        """Write ``pact`` into its file: the first write of a run replaces the file,
        later ones add their interactions (pact-python merges and sorts them)."""
        name = pact_file(pact.consumer, pact.provider).name
        pact.write_file(self.directory, overwrite=name not in self.written)
        self.written.add(name)

    @contextmanager
    def mock_provider(self, pact: Pact) -> Iterator[PactServer]:
        """Pact's mock server for ``pact``; records the pact if the test body passed
        and the server saw exactly the expected requests (it raises otherwise)."""
        with pact.serve(addr="127.0.0.1") as server:
            yield server
        self.record(pact)


def comparable(pact_json: str) -> dict:
    """A pact file minus the versions of the Pact library that wrote it."""
    document = json.loads(pact_json)
    document.get("metadata", {}).pop("pactRust", None)
    return document
