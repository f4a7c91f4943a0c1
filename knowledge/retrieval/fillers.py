"""Which answer types a sentence can fill: a small Swedish grammar of frequencies, times, amounts …

A question reads its expected answer type (`knowledge.understand.answer_types`); this module
recognises the expressions that fill each type in document text, written once as a grammar
over number words, units of time and currency rather than as phrases of one document:

- frequency: "<antal> gång(er) per/i/om/ <enhet>" ("två gånger per termin", "10 gånger/år",
  "en gang i manaden"), "varje/var/varannan [tredje] <enhet>", "-vis"/"-ligen" adverbs
  ("månadsvis", "årligen", "månatliga"), "<antal> dagar per vecka", and vague ones
  ("löpande", "regelbundet", weaker);
- time: dates, years, months, seasons, weekdays, clock times, "i samband med", "inför";
- duration: "<antal> <enhet>" ("24 timmar", "två veckor"), "inom …", "dygnet runt";
- amount: "<tal> kr/kronor/mnkr", "självkostnadspris", "gratis", "kostnadsfri", percentages;
- count: digits and number words (two and up; "en/ett" only before a unit);
- person: roles and functions ("enhetschef", "socialsekreterare", "HR", "ansvarig");
- place: addresses, "ligger i", a preposition before a name ("i Skärholmen"), a forum ("på APT");
- reason: "för att", "eftersom", "syftet", "därför", "i syfte att";
- method: "genom att", "med hjälp av", "används", "enligt".

Each match has a strength: 1.0 for an exact filler ("månadsvis"), less for a vague one
("regelbundet", "för att" in a long sentence is still 1.0: it is how Swedish gives reasons).
Everything is matched on folded text (`textnorm.fold`), so OCR text without å/ä/ö matches too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.textnorm import fold
from knowledge.understand.answer_types import AnswerType

# Number words, cardinal ("tre", "tjugofem") and the ordinals used in "var tredje månad".
_SMALL = r"tva|tre|fyra|fem|sex|sju|atta|nio|tio|elva|tolv|tretton|fjorton|femton|sexton|sjutton|arton|nitton"
_TENS = r"tjugo|trettio|fyrtio|femtio|sextio|sjuttio|attio|nittio"
NUMBER_WORD = rf"(?:{_SMALL}|(?:{_TENS})(?:en|ett|{_SMALL})?|hundra\w*|tusen\w*|miljon\w*|miljard\w*)"
ORDINAL = r"(?:annan|andra|tredje|fjarde|femte|sjatte|sjunde|attonde|nionde|tionde|elfte|tolfte)"
_DIGITS = r"\d+(?:[ ,.]\d+)*"
# A quantity: digits, a number word, "en/ett", "ett par", "några", a range ("en till två", "1-2").
QUANTITY = rf"(?:{_DIGITS}|{NUMBER_WORD}|en|ett|ett par|par|nagra|ett fatal|ett tiotal|ett antal|flera)"
_RANGE = rf"{QUANTITY}(?:\s*(?:-|–|till|a|eller)\s*{QUANTITY})?"
# Units of time with their inflections (folded: "år" is "ar", "månad" is "manad").
UNIT = (
    r"(?:dag(?:en|ar|arna)?|dygn(?:et|en)?|veck(?:a|an|or|orna)|manad(?:en|er|erna)?|kvartal(?:et|en)?"
    r"|tertial(?:et|en)?|termin(?:en|er|erna)?|halvar(?:et)?"
    r"|lasar(?:et)?|ar(?:et|en)?|tim(?:me|men|mar|marna)"
    r"|minut(?:en|er|erna)?|helg(?:en|er)?|kvall(?:en|ar)?)"
)
# "per vecka", "/år", "om året", "i månaden" (not "i år", "i dag": this year, today).
PER_UNIT = (
    rf"(?:per\s+{UNIT}|/\s*{UNIT}|om\s+(?:dagen|dygnet|veckan|manaden|aret|kvartalet|terminen|timmen)"
    rf"|i\s+(?:veckan|manaden|kvartalet|terminen|timmen|dygnet))"
)
_MONTH = r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
# Seasons; "vår" folds to "var" (also "our", "each", "where"), so only its inflected forms count.
_SEASON = (
    r"(?:varen|sommar(?:en)?|host(?:en)?|vintern|sommarhalvaret|vinterhalvaret"
    r"|varterminen|hostterminen)"
)
_WEEKDAY = r"(?:mandag|tisdag|onsdag|torsdag|fredag|lordag|sondag)(?:ar|en|arna)?"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])")


def _pat(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# (type, strength, pattern) on folded text; the strongest match of a type counts.
_GRAMMAR: tuple[tuple[AnswerType, float, re.Pattern[str]], ...] = (
    # -- frequency
    (AnswerType.FREQUENCY, 1.0, _rx(rf"{_RANGE}\s+gang(?:er)?\s*(?:{PER_UNIT}|(?:varje|var)\s+{UNIT})")),
    (AnswerType.FREQUENCY, 1.0, _rx(PER_UNIT)),
    (AnswerType.FREQUENCY, 1.0, _rx(rf"(?:varje|var|varannan|vartannat|vart)\s+(?:{ORDINAL}\s+)?{UNIT}")),
    (
        AnswerType.FREQUENCY,
        1.0,
        _rx(
            r"dagligen|veckovis|manadsvis|manatlig\w*|kvartalsvis\w*|tertialvis\w*|terminsvis|halvarsvis"
            r"|arsvis|arlig\w*|veckolig\w*|manads(?:vis|vist|visa)"
            r"|\w*(?:manads|vecko|kvartals)(?:mote|moten|traff"
            r"|traffar|rapport|rapporter|uppfoljning\w*|avstamning\w*)"
        ),
    ),
    (
        AnswerType.FREQUENCY,
        0.5,
        _rx(
            r"lopande|kontinuerlig\w*|regelbund\w*|fortlopande|standigt|ofta|sallan|ibland|alltid|aldrig"
            r"|med jamna mellanrum|vid behov|dygnet runt|hela tiden|arshjul\w*|dagliga?"
        ),
    ),
    # -- time
    # A full date is a time; a bare year is weak: a plan for a year names it everywhere.
    (AnswerType.TIME, 1.0, _pat(r"(?<![\d,.])(?:19|20)\d\d-\d\d(?:-\d\d)?(?![\d,])")),
    (AnswerType.TIME, 0.5, _pat(r"(?<![\d,.])(?:19|20)\d\d(?![\d,])")),
    (AnswerType.TIME, 1.0, _rx(rf"{_MONTH}|{_SEASON}|{_WEEKDAY}|(?:klockan|kl\.?)\s*\d+|\d{{1,2}}[.:]\d\d")),
    (AnswerType.TIME, 1.0, _rx(r"(?:arets|terminens|manadens|veckans|dagens|kvartalets) (?:borjan|slut)")),
    (
        AnswerType.TIME,
        0.5,
        _rx(
            r"i samband med|infor|innan|fore|efter varje|fran och med|from|till och med|fram till|senast"
            r"|i borjan av|i slutet av|i mitten av|dagtid|kvallstid|nattetid|helger|tertialuppfoljning\w*"
            r"|vid (?:t1|t2|vb|tertial\w*|arsskiftet|inskrivning"
            r"|avslut|nybesok|\w*(?:start|slut|avslut|borjan)\w*)"
        ),
    ),
    # -- duration
    (AnswerType.DURATION, 1.0, _rx(rf"{_RANGE}\s+{UNIT}")),
    (AnswerType.DURATION, 0.5, _rx(r"inom|dygnet runt|samma dag|direkt|omgaende|snarast|sa snart")),
    # -- amount (money, shares)
    (
        AnswerType.AMOUNT,
        1.0,
        _rx(
            rf"{_DIGITS}\s*(?:kr|kronor|sek|tkr|mkr|mnkr|miljon\w*|miljard\w*|tusen)"
            rf"|{NUMBER_WORD}\s+(?:kronor|miljon\w*|miljard\w*)"
        ),
    ),
    (AnswerType.AMOUNT, 1.0, _pat(r"\d\s*%|(?<![\w-])procent(?![\w-])")),
    (
        AnswerType.AMOUNT,
        1.0,
        _rx(
            r"sjalvkostnadspris|gratis|kostnadsfri\w*|avgiftsfri\w*|subventioner\w*|rabatter\w*|utan kostnad"
            r"|ingen kostnad|ingen avgift|reducerat pris|egenavgift\w*|halva priset"
        ),
    ),
    (
        AnswerType.AMOUNT,
        0.5,
        _rx(r"pris\w*|kostar|kostnad\w*|avgift\w*|budget\w*|belopp\w*|ersattning\w*|bidrag\w*"),
    ),
    # -- count (digits but not years; "en/ett" only before a unit)
    (AnswerType.COUNT, 1.0, _pat(r"(?<![\w,.-])(?!(?:19|20)\d\d(?![\d,]))\d+(?:,\d+)?(?![\w-])")),
    (AnswerType.COUNT, 1.0, _rx(rf"{NUMBER_WORD}|ett par|ett tiotal|ett dussin|halften|(?:en|ett)\s+{UNIT}")),
    (AnswerType.COUNT, 0.5, _rx(r"nagra|ett fatal|flera|manga")),
    # -- age: a number of years with what makes it an age ("mellan 18 och 35 år", "från 16 år
    # och uppåt", "65 år eller äldre", "55+", "18-åringar"); a bare span "18-29" is weaker.
    (
        AnswerType.AGE,
        1.0,
        _rx(
            rf"(?:mellan\s+)?(?:\d{{1,3}}|{NUMBER_WORD})\s*(?:-|–|och|till)\s*(?:\d{{1,3}}|{NUMBER_WORD})\s*ar"
            rf"|(?:fran|over|under|upp till|fyllda?|yngre an|aldre an)\s+(?:\d{{1,3}}|{NUMBER_WORD})\s+ar"
            rf"|(?:\d{{1,3}}|{NUMBER_WORD})\s+ar\s+(?:och|eller)\s+(?:uppat|aldre|yngre|over|under|mer)"
            r"|\d{2}\s*\+|\d+\s*-?\s*aring\w*|\w*aringar(?:na)?|\w+ alder"
        ),
    ),
    (AnswerType.AGE, 0.5, _pat(r"(?<![\d,.-])\d{2}\s*[-–]\s*\d{2}(?![\d,.-])|(?<![\w-])alder\w*")),
    # -- person / role
    (
        AnswerType.PERSON,
        1.0,
        _rx(
            r"\w*chef(?:en|er|erna|s)?|\w*ledare\w*|\w*sekreterare\w*|\w*handlaggare\w*|\w*samordnare\w*"
            r"|\w*ansvarig\w*|ansvar:|\w*konsulent\w*|\w*coach\w*"
            r"|\w*instruktor\w*|\w*ombud\w*|\w*controller\w*"
            r"|\w*planerare\w*|\w*lots\w*|\w*terapeut\w*|sjukskoterska\w*|lakare\w*|kurator\w*|behandlare\w*"
            r"|\w*stodjare\w*|\w*assistent\w*|mentor\w*|kontaktperson\w*|hr|facket|fackliga|ledningsgrupp\w*"
            r"|chefsgrupp\w*|\w*team(?:et)?|skyddsombud\w*"
            r"|handledare\w*|jurist\w*|psykolog\w*|ekonom(?:en|er)?"
        ),
    ),
    (AnswerType.PERSON, 0.5, _rx(r"medarbetar(?:na|e|en)|personal(?:en)?|\w*kontroller(?:n|na)?|ansvarar")),
    (AnswerType.PERSON, 0.5, _pat(r"(?<![\w-])[A-ZÅÄÖ]{2,6}(?![\w-])")),
    # -- place
    (
        AnswerType.PLACE,
        1.0,
        _rx(
            r"\w*(?:gatan|vagen|torg|torget|grand|gata|vag|backe|plan)\s+\d+|ligger (?:i|pa|vid|nara)|belagen"
            r"|\w*adress\w*|medborgarkontor\w*|hembesok\w*"
        ),
    ),
    (
        AnswerType.PLACE,
        0.5,
        _rx(
            r"pa (?:apt|samrad|enhetstraff\w*|ledningsgrupp\w*|\w*mote\w*|intranatet|plats|distans)"
            r"|digitalt|lokal\w*"
        ),
    ),
    # -- reason
    (
        AnswerType.REASON,
        1.0,
        _rx(
            r"(?<!ansvarar )(?<!ansvarig )(?<!ansvariga )(?<!ansvar )for att"
            # A sentence that opens with "Därför …" draws a conclusion: its reason is named
            # around it ("Dels … eftersom …" may follow), so the quote looks there for one.
            r"|eftersom|syfte\w*|darfor att|(?<=\w )darfor|anledning\w*|pa grund av|sa att|med malet"
            r"|malet (?:ar|med)"
            r"|tanken (?:ar|med)|vilket gor att|vilket leder till|i avsikt"
        ),
    ),
    (AnswerType.REASON, 0.5, _rx(r"bidrar till|leder till|behovs|viktigt")),
    # -- method
    (
        AnswerType.METHOD,
        1.0,
        _rx(
            r"genom att|med hjalp av|anvands|anvander|i form av|pa sa satt|steg|metod\w*|verktyg\w*"
            r"|instrument\w*"
        ),
    ),
    (AnswerType.METHOD, 0.5, _rx(r"genom|via|utifran|enligt|rutin\w*")),
)

# Prepositions of place before a name ("… i Skärholmen", "… på Tora", "… nära Årstabergets
# pendeltågsstation"); read on the raw text because the capital letter marks the name.
_AT_NAME = re.compile(r"(?<![\w-])(?:i|på|pa|till|vid|nära|nara|från|fran|hos|mot)\s+[A-ZÅÄÖ][a-zåäöé]{2,}")


_UNIT_NUMBERS = tuple(
    p
    for k, v, p in _GRAMMAR
    if v >= 1.0 and k in (AnswerType.FREQUENCY, AnswerType.DURATION, AnswerType.AMOUNT)
)


def _without(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


@lru_cache(maxsize=16384)
def filler_strengths(sentence: str) -> dict[AnswerType, float]:
    """How strongly the sentence holds a filler of each answer type (types it lacks are absent)."""
    f = fold(sentence)
    out: dict[AnswerType, float] = {}
    # The number of a frequency, duration or sum ("fyra gånger per år", "tre veckor", "65 kr")
    # counts those units; it is not a count of things. Counts are read on the rest.
    rest = f
    for kind, strength, pattern in _GRAMMAR:
        if kind is AnswerType.COUNT and rest is f:
            rest = _without(f, _UNIT_NUMBERS)
        if out.get(kind, 0.0) >= strength:
            continue
        target = (
            sentence
            if kind is AnswerType.PERSON and strength < 1.0
            else rest
            if kind is AnswerType.COUNT
            else f
        )
        if pattern.search(target):
            out[kind] = strength
    if out.get(AnswerType.PLACE, 0.0) < 1.0 and _AT_NAME.search(sentence):
        out[AnswerType.PLACE] = 1.0
    return out


def filler_spans(sentence: str) -> list[tuple[AnswerType, float, int, int]]:
    """Where the sentence holds fillers: (type, strength, start, end) in the folded sentence.

    The same grammar as `filler_strengths`, every match kept with its offsets, so a caller can
    ask which words a filler stands next to (`retrieval.subject_binding`). A count is not read
    inside a frequency, duration or sum ("två gånger per termin" is no count of things).
    """
    f = fold(sentence)
    out: list[tuple[AnswerType, float, int, int]] = []
    units = [m.span() for p in _UNIT_NUMBERS for m in p.finditer(f)]
    for kind, strength, pattern in _GRAMMAR:
        target = sentence if kind is AnswerType.PERSON and strength < 1.0 else f
        for m in pattern.finditer(target):
            start, end = m.span()
            if kind is AnswerType.COUNT and any(a <= start and end <= b for a, b in units):
                continue
            out.append((kind, strength, start, end))
    out.extend((AnswerType.PLACE, 1.0, *m.span()) for m in _AT_NAME.finditer(sentence))
    return out


def without_fillers(sentence: str) -> str:
    """The sentence with its exact fillers blanked out ("Rådet träffas fyra gånger per år" ->
    "Rådet träffas"): the words a question about it names, not the answer it gives."""
    f = fold(sentence)
    spans = [m.span() for _, v, p in _GRAMMAR if v >= 1.0 for m in p.finditer(f)]
    spans += [m.span() for m in _AT_NAME.finditer(sentence)]
    keep = list(sentence if len(f) == len(sentence) else f)
    for start, end in spans:
        keep[start:end] = " " * (end - start)
    return "".join(keep)


# How well a filler of one type answers a question asking another: a frequency tells "när"
# well ("varje vecka"), a time tells "hur ofta" partly ("i augusti och november"), a number of
# kronor is a count only partly.
_COMPATIBLE: dict[tuple[AnswerType, AnswerType], float] = {
    (AnswerType.TIME, AnswerType.FREQUENCY): 0.8,
    (AnswerType.FREQUENCY, AnswerType.TIME): 0.5,
    (AnswerType.DURATION, AnswerType.TIME): 0.5,
    (AnswerType.TIME, AnswerType.DURATION): 0.5,
    (AnswerType.FREQUENCY, AnswerType.DURATION): 0.3,
    (AnswerType.COUNT, AnswerType.AMOUNT): 0.5,
    (AnswerType.AMOUNT, AnswerType.COUNT): 0.5,
    (AnswerType.COUNT, AnswerType.DURATION): 0.5,
    (AnswerType.AMOUNT, AnswerType.DURATION): 0.5,
    # "35 år" is read as a duration and "18" as a count: an age question takes them in part.
    (AnswerType.AGE, AnswerType.DURATION): 0.4,
    (AnswerType.AGE, AnswerType.COUNT): 0.3,
    (AnswerType.COUNT, AnswerType.AGE): 0.5,
}


def fit_weight(want: AnswerType, have: AnswerType) -> float:
    """How well a filler of type `have` answers a question asking `want` (1 for the same type)."""
    return 1.0 if have is want else _COMPATIBLE.get((want, have), 0.0)


def type_match(asked: frozenset[AnswerType], sentence: str) -> float:
    """How well the sentence fills what the question asks (0 when it asks no type).

    The best over the asked types of the strongest filler, a filler of a neighbouring type
    counting in part (`_COMPATIBLE`).
    """
    if not asked:
        return 0.0
    held = filler_strengths(sentence)
    best = 0.0
    for want in asked:
        for have, strength in held.items():
            best = max(best, fit_weight(want, have) * strength)
    return best


def fills(asked: frozenset[AnswerType], sentence: str) -> bool:
    """The sentence holds an exact filler of an asked type (or of a close one)."""
    return type_match(asked, sentence) >= 0.5
