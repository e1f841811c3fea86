"""Running a Pact verifier fast, and checking that it verified something.

Verified nothing: ``Verifier.verify()`` raises when an interaction fails, but succeeds
when it verified nothing at all. With a folder (or broker) source the verifier picks the
pacts by provider name; a name, or a ``filter_consumers`` filter, that matches no pact
selects no interaction, and "no failures" is reported as success.
(``set_error_on_empty_pact`` does not catch this; a single-file source ignores the
provider name altogether.) ``verify`` below counts the interactions in the verifier's
JSON results (``Verifier.results["interactionResults"]``) and fails when there are none.

Time: what we measured with pact-python 4.2 (pact_ffi 0.5.12):
- ``set_request_timeout(ms)`` (default 5000) bounds each request to the provider, to a
  state-change URL and to a Python state handler: a hung handler fails after it, once.
- A state change answered with a 4xx, or a refused connection, fails at once.
- A state change answered with a 5xx (a Python state handler that raises is answered
  500 by pact-python) is retried with back-off, 1 + 2 + 4 + ... + 64 s: the interaction
  fails after about 2 minutes. pact-python exposes no knob for these retries, so state
  handlers must answer 4xx (or, in Python, not raise) for a state they cannot set up.
"""

from dataclasses import dataclass

from pact import Verifier

from .names import PACTS_DIR

STATE_ENDPOINT = "/_pact/provider-states"  # mounted by the services when TEST_HOOKS=1

# Our services answer in milliseconds: 2 s leaves room on a loaded machine and makes a
# hanging provider or state handler fail fast.
REQUEST_TIMEOUT_MS = 2_000


def http_verifier(provider: str, base_url: str) -> Verifier:
    """A verifier for the HTTP service at ``base_url`` (http://127.0.0.1:PORT).

    The source is the whole ``pacts/`` folder: like a broker, the verifier picks the
    pacts whose provider is ``provider``, from any consumer. ``host`` must be the host
    of the URL (Pact's default is "localhost"). Provider states are set up, and torn
    down after each interaction, by the service's own test-only endpoint.
    """
    return (
        Verifier(provider, host="127.0.0.1")
        .add_transport(url=base_url)
        .add_source(PACTS_DIR)
        .state_handler(base_url + STATE_ENDPOINT, teardown=True, body=True)
    )


class NothingVerified(AssertionError):
    """The verifier found no interaction for this provider: it checked nothing."""


class VerificationFailed(AssertionError):
    """At least one interaction did not match the contract."""


@dataclass(frozen=True)
class Verification:
    results: dict  # the verifier's JSON report (result, interactionResults, errors, ...)
    output: str  # what the verifier printed, as a human reads it

    @property
    def interactions(self) -> list[dict]:
        return self.results.get("interactionResults") or []

    @property
    def verified_interactions(self) -> list[str]:
        return [item["description"] for item in self.interactions if item.get("result") == "OK"]


def verify(verifier: Verifier) -> Verification:
    """Run ``verifier``; return its report if at least one interaction was verified and
    none failed, else raise ``NothingVerified`` or ``VerificationFailed`` with its output."""
    verifier.set_request_timeout(REQUEST_TIMEOUT_MS)
    try:
        verifier.verify()
        failed = False
    except RuntimeError:  # pact-python's way of saying "some interaction failed"
        failed = True
    verification = Verification(verifier.results, verifier.output(strip_ansi=True))
    if failed or verification.results.get("result") is False:
        raise VerificationFailed(f"{verifier} failed the contract:\n{verification.output}")
    if not verification.interactions:
        raise NothingVerified(
            f"{verifier} verified no interaction: do the provider name and consumer filter "
            f"match the pact files?\n{verification.output}"
        )
    return verification
