"""The orders service's settings, from environment variables."""

from pydantic import Field

from course_app.common.settings import BrokerSettings, ServiceSettings, TokenSettings, load_settings


class OrdersSettings(ServiceSettings, BrokerSettings, TokenSettings):
    users_url: str = "http://127.0.0.1:8080"
    inventory_url: str = "http://127.0.0.1:8082"
    outbox_poll_seconds: float = Field(0.1, gt=0)


def get_settings() -> OrdersSettings:
    return load_settings(OrdersSettings)
