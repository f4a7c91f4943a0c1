"""Masking of Swedish personal identity numbers in text and in log records.

Questions sometimes carry a client's personnummer ("hur gör jag med 850101-1234?").
They must never reach a log file or the question statistics. `mask_personnummer`
replaces personnummer and samordningsnummer (day + 60) with `MASK`; `MaskingFilter`
does the same for every record that passes a logging handler.

What counts as a personnummer:

* ``YYMMDD-XXXX`` / ``YYMMDD+XXXX`` and ``YYYYMMDD-XXXX`` (with separator: hyphen, en dash or
  minus, with or without a space either side): masked when
  the date part is a plausible birth date (month 01-12, day 01-31 or 61-91);
* ``YYMMDDXXXX`` and ``YYYYMMDDXXXX`` (no separator, or a space): masked only when,
  in addition, the Luhn check digit is right, so random 10- and 12-digit numbers stay.

Dates (2023-01-01), phone numbers (08-508 23 303), amounts (27 310 kr, 1 200 kr) and
longer digit runs are left alone.
"""

from __future__ import annotations

import logging
import re

MASK = "[personnummer]"

# A digit run that is not part of a longer number (no digit, and no digit+separator, around it).
# Dashes people type or word processors substitute: hyphen, en dash, minus, non-breaking hyphen.
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2212"
_PNR = re.compile(
    rf"(?<![\d])(?<![\d][{_DASHES}+])"
    r"(?P<century>1[89]|20)?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})"
    # A dash or plus, optionally with one space either side ("19121212 - 1212"), or one space.
    rf"(?P<sep>[ \u00a0]?[{_DASHES}+][ \u00a0]?|[ \u00a0])?"
    r"(?P<serial>\d{3})(?P<check>\d)"
    rf"(?![\d])(?![{_DASHES}+]\d)"
)


def luhn_ok(digits: str) -> bool:
    """Check the Luhn (mod 10) check digit of a 10-digit personnummer.

    Args:
        digits: Exactly ten digits, YYMMDDNNNC.

    Returns:
        True when the last digit is the right check digit.
    """
    total = 0
    for i, ch in enumerate(digits[:9]):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10 == int(digits[9])


def _plausible_date(mm: str, dd: str) -> bool:
    month, day = int(mm), int(dd)
    if not 1 <= month <= 12:
        return False
    # Samordningsnummer add 60 to the day.
    return 1 <= day <= 31 or 61 <= day <= 91


def _replace(match: re.Match[str]) -> str:
    if not _plausible_date(match["mm"], match["dd"]):
        return match.group(0)
    if match["sep"] is None or not match["sep"].strip():
        ten = match["yy"] + match["mm"] + match["dd"] + match["serial"] + match["check"]
        if not luhn_ok(ten):
            return match.group(0)
    return MASK


def mask_personnummer(text: str) -> str:
    """Replace Swedish personal identity numbers (and samordningsnummer) with `MASK`.

    Args:
        text: Any text (a question, a log message).

    Returns:
        The text with every personnummer replaced; everything else unchanged.
    """
    if not text or not any(ch.isdigit() for ch in text):
        return text
    return _PNR.sub(_replace, text)


class MaskingFilter(logging.Filter):
    """A logging filter that masks personnummer in messages, arguments and tracebacks.

    Attach it to every handler (filters on a logger do not see records propagated
    from child loggers); `install_masking` does that for the root logger's handlers.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place so that no personnummer survives formatting.

        Args:
            record: The record on its way to a handler.

        Returns:
            Always True: records are masked, never dropped.
        """
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what we can, masked
            message = f"{record.msg} {record.args}"
        record.msg = mask_personnummer(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personnummer(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_personnummer(record.stack_info)
        return True


def install_masking(logger: logging.Logger | None = None) -> None:
    """Add a `MaskingFilter` to every handler of a logger (default: the root logger).

    Args:
        logger: The logger whose handlers get the filter; handlers that already have
            one are left as they are.
    """
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, MaskingFilter) for f in handler.filters):
            handler.addFilter(MaskingFilter())
