"""Settings from the environment: a missing or garbled one is one line naming the variable."""

import pytest

from course_app.common.settings import (
    BrokerSettings,
    ServiceSettings,
    SettingsError,
    TokenSettings,
    load_settings,
)

pytestmark = pytest.mark.unit


def test_a_missing_setting_names_its_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(SettingsError, match="DATABASE_URL") as raised:
        load_settings(ServiceSettings)
    assert "\n" not in str(raised.value)


def test_a_garbled_setting_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMQP_URL", "amqp://x")
    monkeypatch.setenv("BROKER_RETRY_SECONDS", "0")
    with pytest.raises(SettingsError, match="BROKER_RETRY_SECONDS"):
        load_settings(BrokerSettings)


def test_the_environment_fills_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://db")
    monkeypatch.setenv("CORS_ORIGINS", " http://a , ,http://b")
    settings = load_settings(ServiceSettings)
    assert settings.database_url == "postgresql://db"
    assert settings.cors_origin_list == ["http://a", "http://b"]


def test_without_a_jwt_secret_each_process_invents_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JWT_SECRET", raising=False)
    first, second = TokenSettings(), TokenSettings()
    assert first.jwt_secret.get_secret_value() != second.jwt_secret.get_secret_value()
    assert len(first.jwt_secret.get_secret_value()) >= 32
