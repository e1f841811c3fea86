"""Settings read from environment variables, shared pieces first.

Each service combines these into its own settings class and exposes ``get_settings()``;
nothing reads the environment at import time, so tests build settings directly.
"""

import secrets
from typing import TypeVar

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_CORS_ORIGINS = "http://localhost:3000,http://127.0.0.1:3000"


class ServiceSettings(BaseSettings):
    """What every service needs: its database, CORS, rate limit and test hooks."""

    model_config = SettingsConfigDict(extra="ignore")

    database_url: str
    cors_origins: str = DEFAULT_CORS_ORIGINS
    rate_limit_requests: int = Field(30, ge=1)
    rate_limit_window_seconds: float = Field(10.0, gt=0)
    # Shared with the web shop's proxy only: with it, the shopper the proxy vouches for
    # (x-shop-client, signed) has a rate-limit allowance of their own (common/client_identity).
    client_identity_secret: SecretStr | None = None
    test_hooks: bool = False

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]


class BrokerSettings(BaseSettings):
    """For services that talk over RabbitMQ."""

    amqp_url: str
    events_exchange: str = "course.events"
    # Tests give each run its own prefix, so queues of parallel runs never mix.
    queue_prefix: str = ""
    # The first wait before reconnecting to a broker that is away; it doubles up to 10 s.
    broker_retry_seconds: float = Field(1.0, gt=0)


class TokenSettings(BaseSettings):
    """For services that issue or check access tokens."""

    # No committed default: without JWT_SECRET each process invents its own, so tokens
    # only work across services when the launcher passes one value to all of them.
    jwt_secret: SecretStr = Field(default_factory=lambda: SecretStr(secrets.token_urlsafe(32)))
    access_token_minutes: int = Field(60, ge=1)


class SettingsError(RuntimeError):
    """Raised with one readable line when the environment lacks or garbles a setting."""


SettingsT = TypeVar("SettingsT", bound=BaseSettings)


def load_settings(settings_class: type[SettingsT]) -> SettingsT:
    try:
        return settings_class()
    except ValidationError as exc:
        problems = ", ".join(
            f"{'_'.join(map(str, err['loc'])).upper()} ({err['msg'].lower()})"
            for err in exc.errors()
        )
        raise SettingsError(f"Check these environment variables: {problems}") from None
