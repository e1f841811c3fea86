"""Property-based API testing: schemathesis drives each service from its /openapi.json.

For every operation it generates requests, valid ones and deliberately invalid ones,
and checks the answers: never a 5xx, only documented status codes and content types,
bodies that match the documented schema, and invalid data refused.

Why not ``@schema.parametrize()``: the services' URLs exist only once the ``system``
fixture runs, and the lazy loader (``schemathesis.pytest.from_fixture``) of the
installed schemathesis 4.32 fails under pytest 9 (``Function`` has no ``_nodeid``).
Schemathesis also exposes each operation as a Hypothesis strategy, used here with
``@given``: the same generation and checks, inside an ordinary test.

Bounded for CI: a few examples per operation and mode, and a fixed seed
(``derandomize``) so a run is reproducible; explore with more examples locally
(``SCHEMATHESIS_EXAMPLES=200``).
"""

import os

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance, negative_data_rejection, not_a_server_error,
    response_schema_conformance, status_code_conformance,
)

pytestmark = [pytest.mark.security, pytest.mark.slow]

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, negative_data_rejection]
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "12"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=EXAMPLES <= 12,  # the CI-sized run is reproducible; a bigger one explores
    deadline=None,  # response times are not this test's business
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: the report shows the request
    suppress_health_check=list(HealthCheck),
)


def check_operation(operation, auth: dict[str, str]) -> None:
    """Run the generated cases of one operation; raise on the first failing one."""
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                      operation.as_strategy(GenerationMode.NEGATIVE))

    @SETTINGS
    @given(case=cases)
    def run(case) -> None:
        case.call_and_validate(checks=CHECKS, headers=auth)

    run()


@pytest.mark.parametrize("service", ["users", "orders", "inventory"])
def test_service_honours_its_openapi_schema(urls, customer, service):
    """A customer's token is sent, so protected operations run past the 401 as well."""
    schema = schemathesis.openapi.from_url(f"{urls[service]}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 3, f"{service} documents only {len(operations)} operations"

    failures = {}
    for operation in operations:
        try:
            check_operation(operation, customer.auth)
        except Exception as failure:  # noqa: BLE001 - gathered, then reported together
            failures[operation.label] = str(failure)
    assert not failures, "\n\n".join(f"== {label} ==\n{text}" for label, text in failures.items())


def test_the_schema_is_what_the_service_serves(http: httpx.Client, urls):
    """The checks above are only as good as the schema: it must describe real routes."""
    schema = http.get(f"{urls['users']}/openapi.json").json()
    assert {"/users", "/users/{user_id}", "/auth/token", "/admin/users"} <= schema["paths"].keys()
