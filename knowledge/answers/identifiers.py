"""An identifier asked for that the quoted passages do not hold: the answer is a decline.

Staff ask for identifiers as well as figures: "vilket datum är enhetsträffen?", "vilket
direktnummer har team tonår?", "vilken adress har familjecentralen?", "vad heter
projektledaren?". When the plan does not state it, the passage route still finds the sentences
about the topic ("… presenteras på enhetsträff i februari", "Enheten består av tre team: …",
"Förvaltningen verkar för att öppna en familjecentral …", "Enhetens projektledare kommer att
…"), and staff read a quote about the right topic as the answer although it holds no date,
number, address or name. An identifier has a written form that any text stating it uses: a
date has a day ("2023-02-14", "14 februari"), a telephone number its run of digits, an address
a street and number or a postcode, an e-mail address its "@", a person's name two capitalised
words. A passage answer to a question asking for one of these is trusted only when the answer
holds that form in one of its quotes; otherwise nothing quoted answers what was asked, and the
answer is declined (answerer.py) with a message that names what is missing.

Only the passage kinds are checked (like `unstated_value.py`): the structured routes answer
from the field that holds the identifier (the award application's contact facts, an activity's
dates), and a question about the topic in general ("vad händer på enhetsträffen?") asks none.
"""

from __future__ import annotations

import enum
import re

from knowledge.answer import Answer
from knowledge.answers.unstated_value import PASSAGE_KINDS
from knowledge.textnorm import fold
from knowledge.understand.reading import QuestionReading


class Identifier(enum.StrEnum):
    """An identifier a question can ask for; the value is how the decline names it."""

    DATE = "datum"
    PHONE = "telefonnummer"
    EMAIL = "e-postadress"
    ADDRESS = "adress"
    PERSON_NAME = "namn"

    @property
    def none_of(self) -> str:
        """Swedish for "no <identifier>", for the decline ("inget datum", "ingen adress")."""
        common = self in (Identifier.EMAIL, Identifier.ADDRESS)
        return f"{'ingen' if common else 'inget'} {self.value}"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])")


# Role nouns as Swedish forms them ("projektledaren", "enhetschefen", "biståndshandläggaren"):
# "vad heter <role>" asks for a person's name.
_ROLE = (
    r"\w*(?:chef|ledare|handlaggare|samordnare|sekreterare|assistent|coach|ombud|kontaktperson|ansvarig)\w*"
)

# What asks for each identifier, on folded text (no å/ä/ö, lower case). E-mail is read before
# the address ("mejladressen" asks for an e-mail address, not a street). "datum" stands alone:
# "slutdatum"/"startdatum" ask for an activity's dates, which a month answers.
_ASKS: tuple[tuple[Identifier, re.Pattern[str]], ...] = (
    (Identifier.DATE, _rx(r"datum(?:et|en)?")),
    (
        Identifier.PHONE,
        _rx(
            r"\w*(?:telefon|direkt|mobil|vaxel)num+(?:er|ret|ren|rena)|tel(?:efon)?\s?nr"
            r"|numret (?:till|dit|man|vi|jag)|nummer (?:till|ska|kan|har)|vilket (?:nummer|nr)"
        ),
    ),
    (Identifier.EMAIL, _rx(r"(?:mejl|mail|e-post|epost)adress\w*|(?:mejl|mail|e-post|epost)(?:en)? till")),
    (Identifier.ADDRESS, _rx(r"\w*adress(?:en|er|erna)?|vilken gata|vilken gatuadress")),
    (Identifier.PERSON_NAME, _rx(rf"vad heter (?:hen|han|hon|{_ROLE})|vilket namn har (?:{_ROLE})")),
)

_MONTH = r"(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-z]*"
# How each identifier is written. Dates, numbers, addresses and e-mail on folded text; a name
# on the text as written (its capitals are the sign).
_STATES: dict[Identifier, re.Pattern[str]] = {
    Identifier.DATE: re.compile(
        rf"\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b|\b\d{{1,2}}/\d{{1,2}}\b|\b\d{{1,2}}(?::[ae])?\s+{_MONTH}\b"
    ),
    # A number with its area code, or a national short number ("112", "114 14", "1177").
    Identifier.PHONE: re.compile(r"(?:\+46|\b0)\d{1,3}(?:[\s\-–]?\d){5,}|\b11\d(?:\s?\d{1,2}){0,2}\b"),
    Identifier.EMAIL: re.compile(r"\S@\S"),
    Identifier.ADDRESS: re.compile(
        r"\b[a-z]+(?:gatan|gata|vagen|vag|torg|torget|grand|alle|backe|backen|plan|stigen|platsen"
        r"|leden|kajen|strand|stranden|hojden|parken)\s+\d+|\b\d{3}\s?\d{2}\s+[a-z]{3,}|\bbox\s+\d+"
        # A web address ("webbadressen" asks for one too).
        r"|www\.|https?://|\b[a-z0-9-]+\.se\b"
    ),
    Identifier.PERSON_NAME: re.compile(
        r"\b[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?\s+[A-ZÅÄÖ][a-zåäöéü]{2,}"
    ),
}


def asked_identifier(question: str) -> Identifier | None:
    """The identifier the question asks for (a date, telephone number, e-mail, address, name), or None."""
    folded = " ".join(fold(question).split())
    return next((kind for kind, asks in _ASKS if asks.search(folded)), None)


def states_identifier(kind: Identifier, text: str) -> bool:
    """Whether the text holds an identifier of the kind in its written form."""
    shown = text if kind is Identifier.PERSON_NAME else fold(text)
    return bool(_STATES[kind].search(shown))


def unstated_identifier(reading: QuestionReading, answer: Answer) -> Identifier | None:
    """The identifier a passage answer is asked for and none of its quotes holds, or None.

    Args:
        reading: The question as read.
        answer: The answer of some route.

    Returns:
        The missing identifier, or None when the answer is no passage answer, the question
        asks for none, or the answer holds one.
    """
    if answer.kind not in PASSAGE_KINDS or not answer.citations:
        return None
    kind = asked_identifier(reading.text)
    if kind is None:
        return None
    # The quotes, not the answer's own lines: those name units and documents in capitals.
    return None if any(states_identifier(kind, c.quote) for c in answer.citations) else kind
