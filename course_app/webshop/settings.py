"""Where the web shop finds the services it proxies to (read from the environment)."""

from pydantic import SecretStr
from pydantic_settings import BaseSettings

from course_app.common.settings import load_settings


class ShopSettings(BaseSettings):
    """Base URLs of the three services; the launcher sets them through the environment."""

    users_url: str = "http://127.0.0.1:8080"
    orders_url: str = "http://127.0.0.1:8081"
    inventory_url: str = "http://127.0.0.1:8082"
    # A request to a service that takes longer than this is answered with 504.
    proxy_timeout_seconds: float = 10.0
    # /health asks every service; a slow one counts as down after this long.
    health_timeout_seconds: float = 2.0
    # Shared with the services: the proxy signs each shopper's address with it, so each
    # shopper gets a rate-limit allowance of their own (course_app/common/client_identity.py).
    client_identity_secret: SecretStr | None = None

    def service_urls(self) -> dict[str, str]:
        """Service name -> base URL without a trailing slash."""
        return {
            "users": self.users_url.rstrip("/"),
            "orders": self.orders_url.rstrip("/"),
            "inventory": self.inventory_url.rstrip("/"),
        }


def get_settings() -> ShopSettings:
    """Read the settings now (never at import time), so tests can set the environment first."""
    return load_settings(ShopSettings)
