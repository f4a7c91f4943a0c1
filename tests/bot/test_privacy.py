"""Tests of personnummer masking in text and in log records (bot.privacy)."""

from __future__ import annotations

import io
import logging

import pytest

from bot.privacy import MASK, MaskingFilter, install_masking, luhn_ok, mask_personnummer

# 811218-9876 and 19811218-9876 are valid (Luhn) test numbers; 811278-9876 is a samordningsnummer.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("811218-9876", MASK),
        ("811218+9876", MASK),  # over 100 years old
        ("19811218-9876", MASK),
        ("20011218-9876", f"{MASK}"),
        ("8112189876", MASK),  # no separator: Luhn-valid
        ("198112189876", MASK),
        ("811218 9876", MASK),  # space as separator: Luhn-valid
        ("811278-9876", MASK),  # samordningsnummer (day + 60)
        ("811218-1234", MASK),  # with separator the date is enough (typos in the check digit happen)
        ("hur gör jag med klient 811218-9876?", f"hur gör jag med klient {MASK}?"),
        ("pnr: 19811218-9876, tel 08-508 23 303", f"pnr: {MASK}, tel 08-508 23 303"),
        ("(811218-9876)", f"({MASK})"),
        ("två: 811218-9876 och 8112189876.", f"två: {MASK} och {MASK}."),
        ("19121212\u20131212", MASK),  # en dash (word processors' autocorrect)
        ("19121212 - 1212", MASK),  # spaces around the dash
        ("19121212 \u2013 1212", MASK),
        ("811218\u22129876", MASK),  # minus sign
        ("811218 -9876", MASK),
        ("klient 19121212\u20131212 igen", f"klient {MASK} igen"),
    ],
)
def test_personnummer_are_masked(text: str, expected: str) -> None:
    assert mask_personnummer(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2023-01-01",
        "2020-01-01\t2020-12-31",
        "Telefon:08-508-23 303",
        "08-508 23 420",
        "08-508 05 167",
        "0850823303",  # a phone number without spaces: month 50 is no month
        "1234567890",  # month 34
        "8112181234",  # a date, but the Luhn check fails
        "811218 1234",  # space: Luhn required
        "27 310 kr",
        "1 200 kr per anställd och år",
        "625 000 kr per månad",
        "114 mnkr",
        "1945 GWh",
        "811218-98765",  # part of a longer number
        "12811218-9876",
        "811218-9876-5",
        "811218\u20139876\u20135",
        "2020 - 2023",
        "sidan 12 - 1234",
        "811340-9876",  # day 40 is neither a day nor a samordningsnummer day
        "811318-9876",  # month 13
        "KF-mål 1.3 och 2,17 %",
        "",
    ],
)
def test_other_numbers_are_left_alone(text: str) -> None:
    assert mask_personnummer(text) == text


def test_luhn() -> None:
    assert luhn_ok("8112189876")
    assert not luhn_ok("8112189875")


def _logger_with_stream(name: str) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(MaskingFilter())
    logger = logging.getLogger(name)
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger, stream


def test_filter_masks_messages_and_arguments() -> None:
    logger, stream = _logger_with_stream("planbot.test.privacy.args")
    logger.info("fråga: %s", "gäller 811218-9876 försörjningsstöd?")
    logger.info("direkt 19811218-9876 i texten")
    logger.info("siffror %d och %s", 2023, "08-508 23 303")
    out = stream.getvalue()
    assert "9876" not in out
    assert out.count(MASK) == 2
    assert "siffror 2023 och 08-508 23 303" in out


def test_filter_masks_tracebacks() -> None:
    logger, stream = _logger_with_stream("planbot.test.privacy.exc")
    try:
        raise ValueError("bad input 811218-9876")
    except ValueError:
        logger.exception("fel för %s", "8112189876")
    out = stream.getvalue()
    assert "811218" not in out
    assert out.startswith(f"fel för {MASK}") and f"ValueError: bad input {MASK}" in out


def test_filter_survives_a_bad_format_string() -> None:
    logger, stream = _logger_with_stream("planbot.test.privacy.bad")
    logger.info("två %s %s", "811218-9876")  # one argument too few
    assert "811218" not in stream.getvalue()


def test_install_masking_adds_one_filter_per_handler() -> None:
    logger = logging.getLogger("planbot.test.privacy.install")
    handler = logging.StreamHandler(io.StringIO())
    logger.handlers = [handler]
    install_masking(logger)
    install_masking(logger)
    assert sum(isinstance(f, MaskingFilter) for f in handler.filters) == 1
