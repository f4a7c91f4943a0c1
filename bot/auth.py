"""Bot Framework authentication settings and the rule that keeps emulator mode on loopback."""

from __future__ import annotations

import ipaddress
import logging

from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

from bot import signing_keys
from config.settings import Settings

logger = logging.getLogger(__name__)


class BindNotAllowedError(RuntimeError):
    """Raised when Planbot would accept unauthenticated bot traffic from the network."""


class BotFrameworkConfig:
    """The configuration object botbuilder's `ConfigurationBotFrameworkAuthentication` reads.

    botbuilder looks these up by attribute name (APP_ID, APP_PASSWORD, APP_TYPE,
    APP_TENANTID), so this adapts `Settings` rather than exposing it directly.
    """

    def __init__(self, settings: Settings) -> None:
        """Copy the Bot Framework credentials out of the settings.

        Args:
            settings: Planbot's settings.
        """
        self.APP_ID = settings.app_id
        self.APP_PASSWORD = settings.app_password
        # Without an app id there is nothing to authenticate (emulator mode); botbuilder
        # refuses SingleTenant/MSI without one, so fall back to its unauthenticated default.
        self.APP_TYPE = settings.app_type if settings.app_id else "MultiTenant"
        self.APP_TENANTID = settings.app_tenant_id


def auth_enabled(settings: Settings) -> bool:
    """True when incoming Bot Framework tokens are validated (an app id is set)."""
    return bool(settings.app_id)


def create_adapter(settings: Settings) -> CloudAdapter:
    """Build the CloudAdapter that validates tokens and sends replies.

    Args:
        settings: Planbot's settings.

    Returns:
        A CloudAdapter; with no app id it runs in emulator mode (no token checks).
    """
    # Keys are fetched in a thread with a timeout: botbuilder's blocking fetch froze the server.
    signing_keys.install(settings.key_fetch_timeout_s, settings.key_fetch_backoff_s)
    authentication = ConfigurationBotFrameworkAuthentication(BotFrameworkConfig(settings))
    return CloudAdapter(authentication)


def is_loopback(host: str) -> bool:
    """True when `host` only accepts connections from this machine.

    Host names other than `localhost` count as public: resolving them could change later.
    """
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind_allowed(settings: Settings, host: str) -> None:
    """Refuse to listen beyond loopback without Bot Framework authentication.

    With no app id, `/api/messages` accepts any activity and posts replies to whatever
    `serviceUrl` it names, so exposing it would let anyone on the network use the bot
    and make it send requests on their behalf.

    Args:
        settings: Planbot's settings.
        host: The address about to be bound.

    Raises:
        BindNotAllowedError: When `host` is not loopback, no app id is set and
            `allow_public_without_auth` is off. The message (Swedish, shown to the
            operator by `planbot serve`) says how to fix it.
    """
    if auth_enabled(settings) or is_loopback(host):
        return
    if settings.allow_public_without_auth:
        logger.warning(
            "Listening on %s without Bot Framework authentication (allow_public_without_auth)", host
        )
        return
    raise BindNotAllowedError(
        f"Planbot vägrar lyssna på {host} utan Bot Framework-autentisering. "
        "Sätt MicrosoftAppId och MicrosoftAppPassword, lyssna på 127.0.0.1 "
        "(PLANBOT_HOST=127.0.0.1), eller sätt PLANBOT_ALLOW_PUBLIC_WITHOUT_AUTH=true "
        "om du medvetet vill tillåta oautentiserad trafik."
    )
