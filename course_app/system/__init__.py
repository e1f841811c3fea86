"""Running the whole system: PostgreSQL, RabbitMQ, the three services and the web shop.

``python -m course_app`` (see ``course_app.launcher``) and the end-to-end tests use the
same context manager::

    with run_system(ports="auto") as system:
        system.urls["webshop"]      # http://127.0.0.1:<port>
        system.logs("orders")       # what the orders service has logged so far
"""

from course_app.system.runner import RunningSystem, SystemStartError, run_system
from course_app.system.service_ports import PortInUse
from course_app.system.services import RATE_LIMIT_PROFILES, SERVICES

__all__ = [
    "RATE_LIMIT_PROFILES",
    "SERVICES",
    "PortInUse",
    "RunningSystem",
    "SystemStartError",
    "run_system",
]
