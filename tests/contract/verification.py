"""Running a Pact verifier and checking that it verified something.

``Verifier.verify()`` raises when an interaction fails, but it succeeds when it verified
nothing at all: a provider name (or consumer filter) that matches no pact in the source
selects no interaction, and "no failures" is then reported as success. ``verify``
below therefore also counts the interactions in the verifier's JSON results and fails
when there are none.
"""

from dataclasses import dataclass

from pact import Verifier

from .names import PACTS_DIR

STATE_ENDPOINT = "/_pact/provider-states"  # mounted by the services when TEST_HOOKS=1

# Pact's default request timeout is 5 s; our services answer in milliseconds, so 2 s
# leaves room on a loaded machine and makes a hanging provider fail fast.
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
