"""The users service's settings, from environment variables."""

from pydantic import SecretStr

from course_app.common.settings import ServiceSettings, TokenSettings, load_settings


class UsersSettings(ServiceSettings, TokenSettings):
    orders_url: str = "http://127.0.0.1:8081"
    # Both set: the service makes sure this admin account exists at start-up.
    admin_email: str | None = None
    admin_password: SecretStr | None = None


def get_settings() -> UsersSettings:
    return load_settings(UsersSettings)
