"""Personnummer masking for every log line the web server writes."""

from __future__ import annotations

import logging

from bot.privacy import MaskingFilter, install_masking

# A logger's filters only see records logged on that very logger, not those propagated
# from children, so each logger the server writes through is listed by name.
BOT_LOGGERS = (
    "bot",
    "bot.api",
    "bot.app",
    "bot.auth",
    "bot.pages",
    "bot.runner",
    "bot.teams",
    "aiohttp.access",
    "aiohttp.server",
    "aiohttp.web",
    "botbuilder",
    "botframework",
)


def install_log_masking() -> None:
    """Attach a `MaskingFilter` to the bot's loggers and to the root logger's handlers.

    Idempotent: loggers and handlers that already carry one are left alone.
    """
    for name in BOT_LOGGERS:
        target = logging.getLogger(name)
        if not any(isinstance(f, MaskingFilter) for f in target.filters):
            target.addFilter(MaskingFilter())
    install_masking()
