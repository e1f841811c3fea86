"""The inventory service's settings, from environment variables."""

from course_app.common.settings import BrokerSettings, ServiceSettings, load_settings


class InventorySettings(ServiceSettings, BrokerSettings):
    pass


def get_settings() -> InventorySettings:
    return load_settings(InventorySettings)
