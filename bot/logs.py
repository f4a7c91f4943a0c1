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


class MalformedRequestFilter(logging.Filter):
    """One warning line instead of a traceback for requests aiohttp's parser refuses.

    aiohttp answers them 400 itself (bad header bytes, broken request lines) but logs each
    at ERROR with a stack trace: noise from any scanner, and an operator reading the log
    would take it for a server bug.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite parser errors as a short warning; let everything else through unchanged."""
        from aiohttp.http_exceptions import HttpProcessingError

        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, HttpProcessingError):
            record.msg = "Rejected a malformed HTTP request (%s %s)"
            record.args = (exc.code, type(exc).__name__)
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def install_log_masking() -> None:
    """Attach a `MaskingFilter` to the bot's loggers and to the root logger's handlers.

    Idempotent: loggers and handlers that already carry one are left alone.
    """
    for name in BOT_LOGGERS:
        target = logging.getLogger(name)
        if not any(isinstance(f, MaskingFilter) for f in target.filters):
            target.addFilter(MaskingFilter())
    server = logging.getLogger("aiohttp.server")
    if not any(isinstance(f, MalformedRequestFilter) for f in server.filters):
        # Before the masking filter, which renders the traceback into the record.
        server.filters.insert(0, MalformedRequestFilter())
    install_masking()
