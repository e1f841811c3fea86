"""Fixtures shared by every layer of the reference suite.

Service fixtures (PostgreSQL, RabbitMQ, browsers) come from the provisioning layer's
pytest plugin, so the tests, the notebooks and ``python -m course_app`` all start
services the same way.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest

from course_app.system import RunningSystem, run_system

pytest_plugins = ["course_app.provision.pytest_plugin"]


@pytest.fixture(scope="session")
def start_system(
    postgres_service, rabbitmq_service
) -> Callable[..., AbstractContextManager[RunningSystem]]:
    """``with start_system(rate_limit="load") as system:`` — the whole system for a layer.

    On free ports (never clashing with a system a learner has running), on the session's
    PostgreSQL and RabbitMQ, in a database and an exchange of its own, with the relaxed
    "test" rate-limit profile unless a test asks for another.
    """

    def start(**options) -> AbstractContextManager[RunningSystem]:
        settings = {
            "ports": "auto",
            "isolated": True,
            "rate_limit": "test",
            "postgres_url": postgres_service.url,
            "rabbitmq_url": rabbitmq_service.url,
            **options,
        }
        return run_system(**settings)

    return start
