"""A rate per period the question asks for that no quote states: the answer is a decline.

Close negatives ask for a figure per period a plan does not give: "hur många timmar i veckan ska
boendestödet ge?", "målet för antal hembesök i månaden", "klientbesök per månad". The routes
then quote a figure of the topic per something else ("2 timmar/tillfälle", a yearly indicator,
"ca 100 brukare/månad" for another item), and the quote reads like an answer although the asked
rate is not in it. A plan that gives such a rate writes its period next to it ("per månad",
"brukare/månad", "i veckan", "månadsvis"), so an answer is trusted only when some quote (or the
answer text) states a rate of the asked period. The periods are data (`understand/rate_periods.tsv`).
The year is not checked: yearly is every target's default period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from knowledge.answer import Answer
from knowledge.answers.support import EXEMPT_KINDS
from knowledge.answers.unstated_value import asks_value
from knowledge.textnorm import fold
from knowledge.understand.reading import QuestionReading

_TSV = Path(__file__).resolve().parent.parent / "understand" / "rate_periods.tsv"


@dataclass(frozen=True)
class Period:
    """One period a rate can be asked per.

    Attributes:
        name: The period's name (folded), e.g. "manad".
        asked: How a question or a quote writes a rate per this period.
        adverbs: Words that state the rate alone ("manadsvis").
    """

    name: str
    asked: re.Pattern[str]
    adverbs: frozenset[str]

    def stated_in(self, text: str) -> bool:
        """Whether folded text states a rate per this period."""
        return bool(self.asked.search(text)) or any(
            re.search(rf"\b{re.escape(a)}\b", text) for a in self.adverbs
        )


def _pattern(indefinite: str, definite: str) -> re.Pattern[str]:
    # "per månad", "varje månad", "en gång om månaden", "brukare/månad", "i månaden", "månadsvis".
    return re.compile(
        rf"(?:\b(?:per|varje|var)\s+{indefinite}\b|/\s*{indefinite}\b"
        rf"|\b(?:i|om)\s+{definite}\b|\b{indefinite}svis\b)"
    )


def parse_periods(lines: list[str]) -> tuple[Period, ...]:
    """Read periods from TSV lines (comments and blank lines skipped).

    Args:
        lines: Lines of `rate_periods.tsv`: period, indefinite, definite, adverbs.

    Returns:
        The periods in file order.
    """
    periods = []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        name, indefinite, definite = cols[0], cols[1], cols[2]
        adverbs = frozenset(a.strip() for a in (cols[3] if len(cols) > 3 else "").split(",") if a.strip())
        periods.append(Period(name=name, asked=_pattern(indefinite, definite), adverbs=adverbs))
    return tuple(periods)


@cache
def periods() -> tuple[Period, ...]:
    """The periods of `understand/rate_periods.tsv`."""
    return parse_periods(_TSV.read_text(encoding="utf-8").splitlines())


def asked_period(question: str) -> Period | None:
    """The period the question asks a rate per ("i veckan" -> vecka), or None."""
    text = fold(question)
    return next((p for p in periods() if p.asked.search(text)), None)


def missing_rate(reading: QuestionReading, answer: Answer) -> str | None:
    """The period of a rate the question asks for that neither the answer nor a quote states.

    Only a question asking for a figure asks for a rate: "gör de utflykter varje vecka?" asks
    whether something happens weekly, and a quote saying it does answers it without "i veckan".

    Args:
        reading: The question as read.
        answer: An answer of any route.

    Returns:
        The period's name when the answer cites quotes and none states a rate per it, else None.
    """
    if answer.kind in EXEMPT_KINDS or not answer.citations or not asks_value(reading):
        return None
    period = asked_period(reading.text)
    if period is None:
        return None
    texts = [answer.answer, *(c.quote for c in answer.citations)]
    return None if any(period.stated_in(fold(t)) for t in texts) else period.name
