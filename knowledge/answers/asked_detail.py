"""A detail of sharp written form the question asks that no quoted sentence about its topic states.

Close negatives ask for a detail a plan leaves out about a topic it does discuss: "vilka tider
har café Droppen öppet?", "vilken dag i veckan säljer Droppen/Bruket sina varor?", "vad
kostade tolkarna förra året?", "hur mycket pengar fick vi från LUM?". Some route finds the
sentences about the topic (the café, the sales, the interpreters' rising cost, the LUM grant)
or a row of the right kind (the budget's total), and staff read them as the answer although
the asked detail is not there. Some details have a written form any text stating them uses:
a time of day ("kl. 10-16", "09.00", "dygnet runt"), a day of the week ("måndagar",
"vardagar", "två dagar per vecka"), a sum of money ("13,1 mnkr", "65 kr", "gratis"), a language
("arabiska", "somaliska"). So an
answer to a question asking for one of them is trusted only when one quoted sentence states
the detail *and* names the asked topic in its own words: a sum in the budget's total row
does not answer "hur mycket får vi lägga på julbordet?", and "en till två dagar per vecka"
said of the trips to Mariefred does not say on which day the goods are sold. Otherwise the
answer is declined with a message that says what the document does mention and what it
leaves out ("… nämner tolk men anger inget belopp").

The details, their question cues, their written forms and the words that name the detail
rather than the topic ("budgeten", "öppettider") are data (`understand/asked_details.tsv`).
Every answer kind with quotes is checked except clarifications and declines; a glossary
answer is checked too, since a definition states no time, day or sum.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import lru_cache

from core import vocab
from core.sentence_stops import not_after_abbreviation
from knowledge.answer import Answer, AnswerKind, Citation
from knowledge.answers.unstated_value import related_stems
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.reading import QuestionReading

DATA_FILE = "asked_details.tsv"

# Answers the check leaves alone: they ask back, decline, or are no answer to a question.
EXEMPT_KINDS = frozenset(
    {AnswerKind.CLARIFY, AnswerKind.NOT_FOUND, AnswerKind.INVALID, AnswerKind.HELP, AnswerKind.COMMAND}
)

# Topic words and a quote's words are matched as one word family by `related_stems` (a stem of
# five letters matches a longer word by its start; "tolk" ~ "tolkarna" is left out on purpose:
# four letters start too many words; two stems sharing seven first letters are one compound
# family, "tolkkostnad" ~ "tolkkostnaderna").


class Detail(enum.StrEnum):
    """A detail a question can ask for; the value is its name in the table (Swedish)."""

    CLOCK = "klockslag"
    WEEKDAY = "veckodag"
    MONEY = "belopp"
    LANGUAGE = "sprak"

    @property
    def none_of(self) -> str:
        """Swedish for "no <detail>", for the decline ("inget klockslag", "ingen veckodag")."""
        return {
            Detail.CLOCK: "inga tider",
            Detail.WEEKDAY: "ingen veckodag",
            Detail.MONEY: "inget belopp",
            Detail.LANGUAGE: "inga språk",
        }[self]


class Role(enum.StrEnum):
    """What a row of the table says about its detail."""

    ASKS = "asks"  # the question asks for the detail
    STATES = "states"  # a sentence states it
    WORD = "word"  # a word naming the detail, not the topic


@dataclass(frozen=True)
class DetailForms:
    """How one detail is asked for and written.

    Attributes:
        detail: The detail.
        asks: Matches a folded question asking for it.
        states: Matches a folded sentence stating it.
        words: Folded words that name the detail rather than the topic.
    """

    detail: Detail
    asks: re.Pattern[str]
    states: re.Pattern[str]
    words: frozenset[str]


@dataclass(frozen=True)
class UnstatedDetail:
    """Why an answer is declined: the asked detail is in no quoted sentence about the topic.

    Attributes:
        detail: The detail asked for.
        mentioned: A topic word as the quotes write it ("tolk"), or None when no quote names
            the topic at all.
    """

    detail: Detail
    mentioned: str | None

    def message(self, label: str) -> str:
        """The Swedish decline: what the document mentions and what it leaves out.

        Args:
            label: The cited document's label ("Ekonomiskt bistånd, verksamhetsplan 2020").
        """
        if self.mentioned:
            return (
                f"{label} nämner {self.mentioned} men anger {self.detail.none_of} för det, "
                "så jag kan inte svara på det utan att gissa."
            )
        return f"Jag hittar {self.detail.none_of} för det i {label}, så jag kan inte svara utan att gissa."


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])")


def parse(text: str, name: str = DATA_FILE) -> tuple[DetailForms, ...]:
    """Parse the details table.

    Args:
        text: The table: `detail <TAB> role <TAB> pattern <TAB> note` lines, `#` comments.
        name: The file name, for error messages.

    Returns:
        One entry per detail, in the order the details first appear.

    Raises:
        VocabError: A line names an unknown detail or role, has an empty or invalid pattern,
            or a detail lacks an `asks` or `states` line.
    """
    asks: dict[Detail, list[str]] = {}
    states: dict[Detail, list[str]] = {}
    words: dict[Detail, set[str]] = {}
    for row in vocab.rows(text, name, min_columns=3, expected="'detalj<TAB>roll<TAB>mönster<TAB>anteckning'"):
        try:
            detail, role = Detail(row.cell(0)), Role(row.cell(1))
        except ValueError:
            raise row.fail(f"okänd detalj eller roll '{row.cell(0)}', '{row.cell(1)}'") from None
        pattern = row.cell(2)
        if not pattern:
            raise row.fail("tomt mönster")
        try:
            re.compile(pattern)
        except re.error as err:
            raise row.fail(f"ogiltigt mönster: {err}") from None
        if role is Role.WORD:
            words.setdefault(detail, set()).update(fold(w) for w in pattern.split("|") if w.strip())
        else:
            (asks if role is Role.ASKS else states).setdefault(detail, []).append(pattern)
    out = []
    for detail in dict.fromkeys([*asks, *states, *words]):
        if detail not in asks or detail not in states:
            raise vocab.VocabError(name, 0, f"'{detail.value}' saknar rad för 'asks' eller 'states'")
        out.append(
            DetailForms(
                detail,
                _rx("|".join(asks[detail])),
                _rx("|".join(states[detail])),
                frozenset(words.get(detail, set())),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def table() -> tuple[DetailForms, ...]:
    """The packaged table, read once."""
    return parse(vocab.packaged_text("knowledge.understand", DATA_FILE))


def asked_detail(question: str, forms: tuple[DetailForms, ...] | None = None) -> DetailForms | None:
    """The detail the question asks for (the first in table order), or None."""
    f = " ".join(fold(question).replace("?", " ? ").split())
    return next((d for d in forms or table() if d.asks.search(f)), None)


def topic_stems(reading: QuestionReading, forms: DetailForms) -> frozenset[str]:
    """The stems of what the question asks the detail of: its topic without the detail's own words.

    "vad kostade tolkarna förra året?" asks the sum of "tolkarna"; "kostade" names the sum.
    """
    kept = [w for w in re.findall(r"[\w/-]+", fold(reading.topic or reading.text)) if w not in forms.words]
    return frozenset(s for s in stem_tokens(" ".join(kept)) if s not in forms.words and not s.isdigit())


def _names(topic: frozenset[str], text: str) -> bool:
    held = stem_tokens(text)
    return any(related_stems(t, s) for t in topic for s in held)


def _states_about(forms: DetailForms, topic: frozenset[str], citation: Citation) -> bool:
    """Whether a sentence of the quote states the detail and names the topic.

    The topic may be named by the sentence, by the sentence before it (which a sentence
    refers back to: "På Tora erbjuds frukost och lunch. Båda måltiderna serveras till
    självkostnadspris.") or by the section it stands in (a café's paragraph under the café's
    heading need not repeat its name).
    """
    if topic and _names(topic, citation.section):
        topic = frozenset()
    # A table states its unit once for all its rows ("Beloppen anges i TKr"): a row's number
    # is a sum when its quote says so.
    whole = forms.states.search(_flat(citation.quote)) is not None
    said = _SENTENCE_END.split(citation.quote)
    return any(
        (forms.states.search(_flat(s)) or (whole and _DIGIT.search(s)))
        and (not topic or _names(topic, s) or (i > 0 and _names(topic, said[i - 1])))
        for i, s in enumerate(said)
    )


_DIGIT = re.compile(r"\d")
# A sentence ends at a stop before a capital, not at an abbreviation's ("t.ex. Tolkcentralen",
# core/sentence_stops.py); "kl. 10-15" stays whole since a digit follows.
_SENTENCE_END = re.compile(r"(?<=[.!?])" + not_after_abbreviation() + r"\s+(?=[A-ZÅÄÖ])")


def _flat(text: str) -> str:
    """Folded text on one line (a table row's cells and its heading read as one)."""
    return " ".join(fold(text).split())


def unstated_detail(reading: QuestionReading, answer: Answer) -> UnstatedDetail | None:
    """Why the answer cannot hold the detail the question asks for, or None when it may.

    Args:
        reading: The question as read (its text holds the cue, its topic what is asked about).
        answer: The answer of some route, with its citations.

    Returns:
        The detail left out and the topic word the quotes do mention, or None when the question
        asks for no such detail, the answer is exempt or has no quote, or some quoted sentence
        states the detail about the topic.
    """
    if answer.kind in EXEMPT_KINDS or not answer.citations:
        return None
    forms = asked_detail(reading.text)
    if forms is None:
        return None
    topic = topic_stems(reading, forms)
    if any(_states_about(forms, topic, c) for c in answer.citations):
        return None
    return UnstatedDetail(forms.detail, _mentioned(topic, answer))


def _mentioned(topic: frozenset[str], answer: Answer) -> str | None:
    """A topic word as the first quote naming it writes it ("tolk" in "Kostnaden för tolk …")."""
    for c in answer.citations:
        for word in re.findall(r"[^\W\d_][\w/-]*", c.quote):
            stems = stem_tokens(word)
            if stems and any(related_stems(t, stems[0]) for t in topic):
                return word
    return None
