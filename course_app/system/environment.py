"""The environment variables every process of one running system gets.

All four processes share one environment: each service reads only the settings it
knows (see course_app.common.settings), so one dict is simpler than four and cannot
drift apart. The JWT secret in particular must be the same for users (which signs
tokens) and orders (which checks them).
"""

import os
import secrets
from dataclasses import dataclass

from course_app.provision.process_control import with_import_path
from course_app.system.services import RATE_LIMIT_PROFILES


@dataclass(frozen=True)
class Messaging:
    """Where events go. A unique exchange and queue prefix keep parallel systems apart."""

    exchange: str | None = None  # None: the services' default ("course.events")
    queue_prefix: str = ""


def service_environment(
    *,
    urls: dict[str, str],
    database_url: str,
    amqp_url: str,
    messaging: Messaging,
    rate_limit: str,
    test_hooks: bool,
    admin: tuple[str, str] | None,
) -> dict[str, str]:
    if rate_limit not in RATE_LIMIT_PROFILES:
        raise ValueError(
            f"rate_limit must be one of {', '.join(RATE_LIMIT_PROFILES)}, not {rate_limit!r}"
        )
    env = dict(os.environ)
    for inherited in (
        "RATE_LIMIT_REQUESTS",
        "RATE_LIMIT_WINDOW_SECONDS",
        "EVENTS_EXCHANGE",
        "ADMIN_EMAIL",
        "ADMIN_PASSWORD",
    ):
        env.pop(inherited, None)  # the launcher decides these, not a stray shell variable
    shop = urls["webshop"]
    env.update(
        {
            "DATABASE_URL": database_url,
            "AMQP_URL": amqp_url,
            "QUEUE_PREFIX": messaging.queue_prefix,
            "USERS_URL": urls["users"],
            "ORDERS_URL": urls["orders"],
            "INVENTORY_URL": urls["inventory"],
            "JWT_SECRET": secrets.token_urlsafe(32),
            # The web shop's proxy vouches for each shopper with it (common/client_identity).
            "CLIENT_IDENTITY_SECRET": secrets.token_urlsafe(32),
            # The browser may call a service directly from the shop's page (both spellings).
            "CORS_ORIGINS": ",".join([shop, shop.replace("127.0.0.1", "localhost")]),
            "TEST_HOOKS": "1" if test_hooks else "0",
            "PYTHONUNBUFFERED": "1",  # log lines reach the log file as they happen
            **RATE_LIMIT_PROFILES[rate_limit],
        }
    )
    if messaging.exchange:
        env["EVENTS_EXCHANGE"] = messaging.exchange
    if admin:
        env["ADMIN_EMAIL"], env["ADMIN_PASSWORD"] = admin
    # `python -m course_app` must work from a fresh clone that was never pip-installed.
    return with_import_path(env)
