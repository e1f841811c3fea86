"""Property-based API testing: schemathesis's own command line against each service.

``schemathesis run`` reads a service's /openapi.json and runs its default phases —
examples, coverage (boundary values of every constraint), fuzzing and stateful sequences
that follow the API's links — with every check: never a 5xx, only documented status codes
and content types, bodies that match the documented schema, schema-valid requests
accepted, schema-violating ones refused, and 405 answers that list the allowed methods.
So the schema must state every rule a service enforces, or a correct request is "rejected".

A customer's token is sent with every request (register, log in, use it), so protected
operations are tested past their 401. Bounded for CI: a fixed seed and a few examples per
operation (SCHEMATHESIS_EXAMPLES raises it for a local exploration).
"""

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

pytestmark = [pytest.mark.security, pytest.mark.slow]

EXAMPLES = os.environ.get("SCHEMATHESIS_EXAMPLES", "15")
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def schemathesis_run(openapi_url: str, token: str, workdir: Path) -> subprocess.CompletedProcess:
    """The CLI, run in ``workdir``: it keeps a .schemathesis folder where it runs."""
    return subprocess.run(
        [
            str(SCHEMATHESIS),
            "run",
            openapi_url,
            "--checks",
            "all",
            "--max-examples",
            EXAMPLES,
            "--seed",
            "20261128",
            "--no-color",
            "--header",
            f"Authorization: Bearer {token}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=workdir,
    )


@pytest.mark.parametrize("service", ["users", "orders", "inventory"])
def test_service_honours_its_openapi_schema_in_every_phase(urls, customer, service, tmp_path):
    run = schemathesis_run(f"{urls[service]}/openapi.json", customer.token, tmp_path)
    summary = run.stdout[run.stdout.find("SUMMARY") :]
    for phase in ("Examples", "Coverage", "Fuzzing", "Stateful"):
        assert phase in summary, f"the {phase} phase did not run:\n{summary}"
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]


def test_the_schema_is_what_the_service_serves(http: httpx.Client, urls):
    """The checks above are only as good as the schema: it must describe real routes."""
    schema = http.get(f"{urls['users']}/openapi.json").json()
    assert {"/users", "/users/{user_id}", "/auth/token", "/admin/users"} <= schema["paths"].keys()
