"""The loopback rule for emulator mode and the Bot Framework configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.auth import BindNotAllowedError, BotFrameworkConfig, check_bind_allowed, is_loopback
from tests.bot.conftest import make_settings


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "", "10.1.2.3", "planbot.example.se"])
def test_public_hosts(host: str) -> None:
    assert not is_loopback(host)


def test_emulator_mode_stays_on_loopback(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    check_bind_allowed(settings, "127.0.0.1")
    with pytest.raises(BindNotAllowedError, match="MicrosoftAppId"):
        check_bind_allowed(settings, "0.0.0.0")


def test_public_bind_allowed_with_auth_or_explicit_opt_in(tmp_path: Path) -> None:
    check_bind_allowed(make_settings(tmp_path, MicrosoftAppId="app", MicrosoftAppPassword="pw"), "0.0.0.0")
    check_bind_allowed(make_settings(tmp_path, allow_public_without_auth=True), "0.0.0.0")


def test_config_object_carries_the_credentials(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path,
        MicrosoftAppId="app",
        MicrosoftAppPassword="pw",
        MicrosoftAppType="SingleTenant",
        MicrosoftAppTenantId="tenant",
    )
    config = BotFrameworkConfig(settings)
    assert (config.APP_ID, config.APP_PASSWORD, config.APP_TYPE, config.APP_TENANTID) == (
        "app",
        "pw",
        "SingleTenant",
        "tenant",
    )
    # No app id: SingleTenant would make botbuilder refuse to start, so emulator mode wins.
    assert (
        BotFrameworkConfig(make_settings(tmp_path, MicrosoftAppType="SingleTenant")).APP_TYPE == "MultiTenant"
    )
