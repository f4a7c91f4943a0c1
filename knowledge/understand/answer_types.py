"""The type of answer a question asks for, read from its question words.

"Hur ofta …" is answered by a frequency ("varje vecka", "två gånger per termin"), "när …" by a
time, "vad kostar …" by an amount, "hur många …" by a number, "vem …" by a person or role,
"var …" by a place, "varför …" by a reason and "hur gör vi …" by a method. A passage may name
the right topic in one sentence and hold the asked-for thing in another; knowing the type lets
the sentence choice prefer the sentence that holds a filler of it
(`knowledge.retrieval.fillers` recognises the fillers in document text).

The cues are Swedish question words and phrases, matched on folded text (no å/ä/ö, lower
case) so "nar", "hur manga" and "varfor" count as well.
"""

from __future__ import annotations

import enum
import re
from functools import lru_cache

from knowledge.textnorm import fold
from knowledge.understand.chat_words import standard_words
from knowledge.understand.openers import opens_subordinate


class AnswerType(enum.StrEnum):
    """What kind of filler answers a question."""

    FREQUENCY = "frequency"  # hur ofta, hur många gånger
    TIME = "time"  # när, vilket datum, vilken månad, hur sent
    DURATION = "duration"  # hur länge, hur snabbt, inom hur lång tid
    AMOUNT = "amount"  # vad kostar, hur mycket (pengar)
    COUNT = "count"  # hur många, antal
    AGE = "age"  # hur gamla, vilken åldersgrupp
    PERSON = "person"  # vem, vilka deltar, vilken roll
    PLACE = "place"  # var, vart, vilken lokal
    REASON = "reason"  # varför, vad är syftet med
    METHOD = "method"  # hur gör vi, hur går det till, på vilket sätt


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])")


# "hur många gånger" asks for a frequency, not a count; it is read before COUNT.
_CUES: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    (
        AnswerType.FREQUENCY,
        _rx(
            r"hur ofta|hur manga ganger|hur manga gang|hur regelbundet|hur frekvent\w*|hur tatt"
            r"|med vilken (?:frekvens|regelbundenhet|intervall)|hur manga ganger per \w+|hur sallan"
            r"|ofta \?"
        ),
    ),
    (
        AnswerType.TIME,
        _rx(
            r"vilket datum|vilka datum|vilken manad|vilka manader|vilken dag|vilka dagar|vilket ar"
            r"|vilken vecka|vilken tid|vilka tider|vilket klockslag|hur sent|hur tidigt"
            r"|nar pa aret|vilken termin|vilket kvartal|vilken tidpunkt"
        ),
    ),
    (
        AnswerType.DURATION,
        _rx(
            r"hur lange|hur lang tid|hur snabbt|hur fort|inom hur lang|hur lang \w*tid|hur manga dagar"
            r"|hur manga veckor|hur manga timmar|hur manga manader|hur lang ar|hur lang"
        ),
    ),
    (
        AnswerType.AMOUNT,
        _rx(
            r"vad kostar|kostar|vad kostade|kostnad\w*|hur dyr\w*"
            r"|vilket pris|vad (?:far|ska|maste) (?:vi|man|jag) betala"
            r"|betala\w*|avgift\w*|pris\w*|hur mycket pengar|hur mycket far|hur mycket kan|hur mycket ska"
            r"|hur mycket|bidrag\w*|subvention\w*|ersattning\w*|hur mycket \w+ far"
            # A share is answered by a percentage, which the amount fillers recognise:
            # "hur stor andel ska behålla kontraktet" is answered by "100 %".
            r"|(?:hur (?:stor|hog|lag)|vilken|hur manga) (?:andel|procent)\w*"
        ),
    ),
    (AnswerType.COUNT, _rx(r"hur manga|antal\w*|hur stor (?:grupp|del)|hur mycket")),
    # An age is a number of years, not a count of things: "vilken åldersgrupp …" is answered
    # by "mellan 18 och 35 år", not by "ca 25 deltagare" in the sentence after.
    # "hur gammal måste man vara" (singular) as well as "hur gamla är deltagarna".
    (
        AnswerType.AGE,
        _rx(r"hur gam(?:la|mal)|alder\w*|vilka aldrar|aldersgrupp\w*|aldersgrans\w*|\w+aringar"),
    ),
    (
        AnswerType.PERSON,
        _rx(
            r"vem|vems|vilka (?:fran|av|personer|roller|yrkesgrupper"
            r"|funktioner|chefer)|vilken (?:roll|funktion|yrkesgrupp|chef)"
            r"|vilka (?:deltar|sitter|ar med|ansvarar|haller|leder|gar|traffas|kommer|far)|till vem|hos vem"
            r"|med vem|vem har hand|ansvarig\w*|ansvarar|ansvaret|vilka \w+ (?:deltar|sitter|ar med)"
            # "vilka hos oss hjälper …", "vilket team tar hand om …", "ihop med vilka jobbar vi":
            # who does it or with whom, answered by a role, team or partner named in a sentence.
            r"|vilka (?:hos \w+ )?(?:hjalper|samarbetar|tar hand om|jobbar med|arbetar med)"
            r"|vilket team|vilka team|(?:ihop|tillsammans) med vilka"
            r"|med vilka (?:jobbar|arbetar|samarbetar|samverkar)"
        ),
    ),
    (
        AnswerType.PLACE,
        _rx(
            r"var (?:ligger|finns|haller|hittar|sitter|ar|kan|ska|hamnar|sker|far|tar|moter|traffas|bor|saljs"
            r"|saljer|jobbar|gar|hittas|halls|handlar|kopa|koper|lamnar|anmaler|vander|sparas|dokumenteras"
            r"|registreras|journalfors)|vart|var nagonstans"
            r"|vilken lokal|vilka lokaler|vilken adress|adress\w*"
            r"|i vilken (?:stadsdel|lokal|del)|vilket stalle|vilken plats|vilket forum|var \?"
        ),
    ),
    (
        AnswerType.REASON,
        _rx(
            r"varfor|vad (?:ar|var) (?:poangen|syftet|meningen|tanken|anledningen|skalet|malet) med"
            r"|i vilket syfte|av vilken anledning|hur kommer det sig"
            r"|vad ska \w+ vara bra for|vad ar det bra for"
            r"|vad ar (?:poangen|syftet|meningen|tanken)|vad vill vi uppna med|syftet med"
        ),
    ),
    (
        AnswerType.METHOD,
        _rx(
            r"hur (?:gor|gar|hanterar|arbetar|jobbar|tar|sakerstaller|foljer|upptacker|delar|fordelas|sker"
            r"|rapporterar|dokumenterar|informerar|kollar|kontrollerar|mater|anmaler|bokar|hittar|fangar"
            r"|motiverar|stottar|ska|kan|far|vet|blir|fungerar|funkar)|pa vilket satt|vad gor"
            r"|hur gar det till|vilken metod|vilka metoder|vilket verktyg|vilka verktyg|med vad"
        ),
    ),
)

# "När" asks for a time where a clause starts ("när är …", "apt, när har vi det?"); inside
# one it is a conjunction ("hur gör vi när en brukare uteblir?" asks for a method), and so it is at
# a clause start when its subject follows it ("när vi måste placera nån, vilka avtal …?").
# "från/sedan när" is read the same way: "sedan när gäller det?" asks for a time, "vad utgår
# vi från när vi utreder?" is "från" ending a clause and "när" opening the next.
_WHEN = re.compile(
    r"(?:^|[,.;:!?–-]\s*|(?<![\w-])(?:och|men|sa|typ|ok|hej|undrar|fran|sedan|sen"
    r"|vet (?:du|ni|nagon|man))\s+)"
    r"nar(?![\w-])"
)


def _subordinate_at(f: str, end: int) -> bool:
    """Whether the "när" ending at `end` of the folded question opens a subordinate clause."""
    return opens_subordinate(["nar", *f[end:].split()[:1]], 0)


# "hur många dagar …" asks for a duration; "hur många platser … hur länge" for a count too.
_COUNT_OF_THINGS = re.compile(r"(?<![\w-])(?:antal|hur manga (?!dagar|veckor|timmar|manader))")

# "hur ska vi …" / "hur kan man …" ask for a method only when nothing more specific is asked.
SPECIFIC = frozenset(AnswerType) - {AnswerType.METHOD}


@lru_cache(maxsize=4096)
def asked_types(question: str) -> frozenset[AnswerType]:
    """The answer types the question asks for (empty when it asks none of them).

    A question may ask two ("hur ofta … och var hamnar det?"). Chat spellings are read first
    ("hur mkt" is "hur mycket", `chat_words.standard_words`). "hur många gånger" is a
    frequency, not a count; a method is only kept when no more specific type is asked
    ("hur ska vi … hur ofta?" asks for the frequency).
    """
    # Chat spellings are read as the words they stand for first ("hur mkt" asks "hur mycket"):
    # callers pass the question as typed as well as the reading's text.
    f = " ".join(fold(standard_words(question)).replace("?", " ? ").split())
    found: set[AnswerType] = set()
    for kind, pattern in _CUES:
        if pattern.search(f):
            found.add(kind)
    if any(not _subordinate_at(f, m.end()) for m in _WHEN.finditer(f)):
        found.add(AnswerType.TIME)
    if AnswerType.FREQUENCY in found and not re.search(r"(?<![\w-])hur manga(?! gang)", f):
        found.discard(AnswerType.COUNT)
    if AnswerType.DURATION in found and not _COUNT_OF_THINGS.search(f):
        found.discard(AnswerType.COUNT)
    if found & SPECIFIC:
        found.discard(AnswerType.METHOD)
    return frozenset(found)


def asks_specific(question: str) -> bool:
    """The question asks for one specific thing (a frequency, time, amount, count, person,
    place or reason), answered by one line rather than steps read in order."""
    return bool(asked_types(question) & SPECIFIC)
