"""Provisioning: real PostgreSQL, RabbitMQ and browsers for tests and notebooks.

    from course_app.provision import postgres, rabbitmq, find_browser, ServiceUnavailable

    with postgres() as pg:       # ServiceHandle: pg.url, pg.backend, pg.ready_s, pg.describe()
        ...

Each service is resolved in the same order: a URL from the environment, Docker
(testcontainers) when an engine answers, local binaries as a throwaway instance, else a
ServiceUnavailable whose message says how to get the service.
"""

from course_app.provision.browser import BrowserInfo, find_browser
from course_app.provision.errors import ServiceControlError, ServiceUnavailable
from course_app.provision.handle import ServiceHandle
from course_app.provision.headless import headless_webdriver, playwright_launch_kwargs
from course_app.provision.postgres import postgres
from course_app.provision.rabbitmq import rabbitmq

__all__ = [
    "BrowserInfo",
    "ServiceControlError",
    "ServiceHandle",
    "ServiceUnavailable",
    "find_browser",
    "headless_webdriver",
    "playwright_launch_kwargs",
    "postgres",
    "rabbitmq",
]
