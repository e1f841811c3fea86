"""The providers under verification: the real services, started once for the session.

``run_system`` is the course's launcher (the one ``python -m course_app`` uses): every
service as its own uvicorn process on free ports, on the session's PostgreSQL and
RabbitMQ, in a database and exchange of its own, with TEST_HOOKS=1 so each provider
mounts ``POST /_pact/provider-states``. Verifying the services as they run in
production (not an app object inside the test process) is the point of provider tests.
"""

from collections.abc import Iterator

import pytest

from course_app.system import RunningSystem


@pytest.fixture(scope="session")
def system(start_system) -> Iterator[RunningSystem]:
    with start_system(seed=False, test_hooks=True) as running:
        yield running
