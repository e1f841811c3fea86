"""The guard every verification here relies on: verifying nothing is a failure.

Pact's verifier selects the pacts of a folder (or a broker) by provider name, and can
filter them by consumer. A name that matches no pact selects no interaction, and the
verifier then reports success: nothing failed. These tests reproduce that trap and
show that ``verification.verify`` turns it into a failure. No provider is needed:
with nothing selected, nothing is ever sent to it.
"""

import pytest
from pact import Verifier

from course_app.provision.ports import free_port

from ..names import ORDER_SERVICE, PACTS_DIR, USER_SERVICE
from ..verification import NothingVerified, verify

pytestmark = pytest.mark.contract


def misnamed_provider(url: str) -> Verifier:
    return Verifier("user_service", host="127.0.0.1").add_transport(url=url).add_source(PACTS_DIR)


def unknown_consumer(url: str) -> Verifier:
    return (
        Verifier(USER_SERVICE, host="127.0.0.1")
        .add_transport(url=url)
        .add_source(PACTS_DIR)
        .filter_consumers("orders-service")
    )


@pytest.mark.parametrize("make_verifier", [misnamed_provider, unknown_consumer])
def test_a_verification_that_verified_nothing_fails(make_verifier):
    verifier = make_verifier(f"http://127.0.0.1:{free_port()}")

    with pytest.raises(NothingVerified, match="verified no interaction"):
        verify(verifier)

    assert verifier.results["result"] is True, "Pact itself reports this as a success"


def test_the_same_verifier_with_the_right_names_selects_interactions():
    """The control: the guard fails only for the names, not for the set-up above."""
    verifier = (
        Verifier(USER_SERVICE, host="127.0.0.1")
        .add_transport(url=f"http://127.0.0.1:{free_port()}")
        .add_source(PACTS_DIR)
        .filter_consumers(ORDER_SERVICE)
    )
    verifier.set_request_timeout(500)
    with pytest.raises(AssertionError) as failed:  # nothing listens: the interactions fail
        verify(verifier)
    assert not isinstance(failed.value, NothingVerified)
    assert len(verifier.results["interactionResults"]) == 2
