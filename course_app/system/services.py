"""What the system is made of: the four services, their default ports, and the command
that runs one."""

import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceApp:
    """One of the system's web apps, run by uvicorn."""

    name: str  # also the key in RunningSystem.urls and the stem of the CLI's --<name>-port
    app: str  # the app factory, for `uvicorn <app> --factory`
    default_port: int

    def command(self, host: str, port: int) -> list[str]:
        # --no-proxy-headers: clients reach the services directly, so X-Forwarded-For is
        # whatever a client says. uvicorn trusts it from 127.0.0.1 by default, and the rate
        # limiter would then count one client as many.
        return [
            sys.executable,
            "-m",
            "uvicorn",
            self.app,
            "--factory",
            "--host",
            host,
            "--port",
            str(port),
            "--no-proxy-headers",
        ]


# Started in this order and stopped in the reverse one: the shop goes first, so it never
# forwards a request to a service that is already gone. (A service restarted on its own,
# RunningSystem.restart, is the last started: it stops first.)
SERVICES = (
    ServiceApp("users", "course_app.users.main:create_app", 8080),
    ServiceApp("inventory", "course_app.inventory.main:create_app", 8082),
    ServiceApp("orders", "course_app.orders.main:create_app", 8081),
    ServiceApp("webshop", "course_app.webshop.main:create_app", 3000),
)
SERVICE_NAMES = tuple(spec.name for spec in SERVICES)

# Requests per client and window. "default" keeps the services' own strict limit (the
# security lessons expect a 429); tests and load tests would trip over it.
RATE_LIMIT_PROFILES: dict[str, dict[str, str]] = {
    "default": {},
    "test": {"RATE_LIMIT_REQUESTS": "10000", "RATE_LIMIT_WINDOW_SECONDS": "10"},
    "load": {"RATE_LIMIT_REQUESTS": "10000000", "RATE_LIMIT_WINDOW_SECONDS": "1"},
}
