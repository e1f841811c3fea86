"""What notebooks 05 and 06 need around Pact, so their cells hold only the lesson.

- Where the learner's pact files live: ``pacts/learner/``. Notebook 05's checks write
  them there (only when the check passed); notebook 06, another kernel, maybe another
  day, verifies the real providers against them.
- ``verify``: run a ``Verifier`` and fail unless it verified at least one interaction
  (Pact reports "no pact selected" as success).
- Providers for experiments: ``canned_provider`` answers fixed JSON per path (what a
  provider *could* answer, for checking what a pact lets through); ``reshaping_copy``
  forwards to a real service and reshapes its answers (a provider change, without
  touching ``course_app``). ``serve_app`` runs either on a free port for a ``with`` block.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pact import Verifier

from course_app.provision.ports import free_port
from workbook.paths import REPO_ROOT

REFERENCE_PACTS = REPO_ROOT / "pacts"  # the reference suite's pacts (tests/contract/consumer)
LEARNER_PACTS = REFERENCE_PACTS / "learner"  # the learner's, written by notebook 05's checks
STATE_ENDPOINT = "/_pact/provider-states"  # mounted by the services when TEST_HOOKS=1
# Our services answer in milliseconds; a hung provider or state handler fails in 2 s.
REQUEST_TIMEOUT_MS = 2_000


class NothingVerified(AssertionError):
    """The verifier selected no interaction: it checked nothing."""


class VerificationFailed(AssertionError):
    """At least one interaction did not match the contract."""


def pact_files(folder: Path) -> list[Path]:
    return sorted(Path(folder).glob("*.json"))


def _interactions(folder: Path, provider: str | None, consumer: str | None) -> list[dict]:
    """The interactions of the pacts in ``folder``, of that provider and consumer (None: any)."""
    found = []
    for path in pact_files(folder):
        pact = json.loads(path.read_text())
        of_provider = provider in (None, pact["provider"]["name"])
        of_consumer = consumer in (None, pact["consumer"]["name"])
        if of_provider and of_consumer:
            found.extend(pact["interactions"])
    return found


def interactions_in(folder: Path, provider: str, consumer: str | None = None) -> list[str]:
    """The descriptions of the interactions a verifier of ``provider`` finds in ``folder``."""
    return sorted(item["description"] for item in _interactions(folder, provider, consumer))


def stateless_interactions(folder: Path) -> list[str]:
    """The descriptions of the interactions in ``folder`` that name no provider state: a
    provider cannot know what data to set up for them."""
    return sorted(
        item["description"]
        for item in _interactions(folder, None, None)
        if not item.get("providerStates")
    )


def write_learner_pact(pact) -> Path:
    """Write ``pact`` (a ``pact.Pact``) into ``pacts/learner/``, replacing the earlier file."""
    LEARNER_PACTS.mkdir(parents=True, exist_ok=True)
    pact.write_file(LEARNER_PACTS, overwrite=True)
    return LEARNER_PACTS / f"{pact.consumer}-{pact.provider}.json"


def pacts_to_verify(needed: tuple[str, ...]) -> Path:
    """``pacts/learner/`` if it holds the files named in ``needed``; else say so in one
    line and return the reference pacts, so the notebook still runs."""
    missing = [name for name in needed if not (LEARNER_PACTS / name).is_file()]
    if not missing:
        return LEARNER_PACTS
    print(
        f"Your pacts from notebook 05 are missing ({', '.join(missing)} in pacts/learner/): "
        "run notebook 05 until its checks pass, which writes them; until then this "
        "notebook verifies the reference pacts in pacts/."
    )
    return REFERENCE_PACTS


def verify(verifier: Verifier) -> list[str]:
    """Run ``verifier``; return the descriptions it verified (sorted). Raise
    ``VerificationFailed`` with its report if an interaction failed, ``NothingVerified``
    if it verified none."""
    verifier.set_request_timeout(REQUEST_TIMEOUT_MS)
    server_log = io.StringIO()  # pact-python's helper server for Python handlers logs here
    try:
        with contextlib.redirect_stderr(server_log), _stdout_silenced():
            verifier.verify()
        failed = False
    except RuntimeError:  # pact-python's way of saying "an interaction failed"
        failed = True
    if failed or verifier.results.get("result") is False:
        raise VerificationFailed(
            f"the provider broke the contract:\n{verifier.output(strip_ansi=True)}\n{server_log.getvalue()}"
        )
    interactions = verifier.results.get("interactionResults") or []
    if not interactions:
        raise NothingVerified(
            "verified no interaction: do the provider name and consumer "
            "filter match the pact files?"
        )
    return sorted(interaction["description"] for interaction in interactions)


@contextlib.contextmanager
def _stdout_silenced() -> Iterator[None]:
    """Pact's core prints its report straight to file descriptor 1, which a notebook
    shows under the cell; the report is kept in ``verifier.output()`` anyway."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def verify_canned(folder: Path, provider: str, answers: dict[str, tuple[int, Any]]) -> list[str]:
    """Verify the pacts for ``provider`` in ``folder`` against a provider that gives
    ``answers`` (path -> (status, JSON body)); provider states are not needed for that."""
    with serve_app(canned_provider(answers)) as url:
        return verify(
            Verifier(provider, host="127.0.0.1").add_transport(url=url).add_source(folder)
        )


def canned_provider(answers: dict[str, tuple[int, Any]]) -> FastAPI:
    """An app answering ``GET path`` with its (status, JSON body) and 404 elsewhere."""
    app = FastAPI()

    @app.get("/{path:path}")
    async def answer(path: str) -> Response:
        status, body = answers.get(
            "/" + path, (404, {"error": "no canned answer", "code": "NOT_FOUND"})
        )
        return JSONResponse(body, status_code=status)

    return app


def reshaping_copy(upstream: str, reshape: Callable[[str, Any], Any]) -> FastAPI:
    """A copy of the service at ``upstream``: GET answers with 200 pass through
    ``reshape(path, body)``; everything else, and the state endpoint, is forwarded as is."""
    app = FastAPI()

    @app.api_route("/{path:path}", methods=["GET", "POST"])
    async def forward(path: str, request: Request) -> Response:
        async with httpx.AsyncClient(base_url=upstream, timeout=5) as http:
            answer = await http.request(
                request.method,
                "/" + path,
                content=await request.body(),
                headers={"Content-Type": "application/json"},
            )
        body = answer.json() if answer.content else None
        if request.method == "GET" and answer.status_code == 200:
            body = reshape("/" + path, body)
        return JSONResponse(body, status_code=answer.status_code)

    return app


@contextlib.contextmanager
def serve_app(app: FastAPI, timeout: float = 10.0) -> Iterator[str]:
    """Serve ``app`` on a free port in a thread; yield its URL; stop it afterwards."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    try:
        while not server.started:  # poll with a deadline: never sleep-and-hope
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the app did not start")
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
