"""The inventory service's settings, from environment variables."""

from course_app.common.settings import BrokerSettings, ServiceSettings, TokenSettings, load_settings


class InventorySettings(ServiceSettings, BrokerSettings, TokenSettings):
    """TokenSettings: adding to the catalogue takes an administrator's token."""


def get_settings() -> InventorySettings:
    return load_settings(InventorySettings)
