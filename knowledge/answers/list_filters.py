"""What a list or count question asks for: which items, and the filters on them.

'vilka indikatorer mäts per tertial hos X?' -> indicators, periodicity tertial;
'hur många nämndmål finns under 3.2?' -> count goals, level nämndmål, under goal 3.2;
'vilka aktiviteter slutar före sommaren?' -> activities whose end date is before 1 June;
'vilka aktiviteter har vi i år?' -> activities of this year's plan (or the latest, said so).
Rules over the folded question; no document is named here (the reading has units and years).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from indicators.models import GoalLevel
from knowledge.textnorm import fold
from knowledge.understand.counted_kinds import CountedKind, Cue, table
from knowledge.understand.thesaurus import thesaurus


class Ask(StrEnum):
    """List the items, or count them (with the items listed under the number)."""

    LIST = "list"
    COUNT = "count"


class Item(StrEnum):
    """Which stored rows a list question is about."""

    INDICATOR = "indicator"
    ACTIVITY = "activity"
    GOAL = "goal"


class Bound(StrEnum):
    """Direction of a date filter."""

    BEFORE = "before"
    AFTER = "after"
    DURING = "during"


@dataclass(frozen=True)
class DateFilter:
    """'slutar före sommaren': field end, bound before, reference 'sommaren' (resolved per plan year)."""

    field: str  # "start" or "end"
    bound: Bound
    month: int
    day: int
    label: str  # Swedish, shown in the answer: 'före 1 juni'
    to_month: int = 0  # DURING: last month of the span
    ongoing: bool = False  # 'pågår nu': start <= today <= end
    year: int = 0  # a year the question names ('startade 2022'); 0: the plan's own year
    offset: int = 0  # years from the plan's ('förra året' -1, 'nästa år' +1)

    def on(self, year: int) -> tuple[dt.date, dt.date]:
        """The filter's date span for one plan year (or the year the question names)."""
        year = (self.year or year) + self.offset
        first = dt.date(year, self.month, self.day)
        last_month = self.to_month or self.month
        last = (dt.date(year + (last_month == 12), last_month % 12 + 1, 1)) - dt.timedelta(days=1)
        return first, last


@dataclass(frozen=True)
class ListQuery:
    """A read list/count question."""

    ask: Ask
    item: Item
    level: GoalLevel | None = None
    periodicity: str | None = None  # folded word: 'tertial', 'ar', 'manad', 'kvartal', 'halvar'
    goal_number: str | None = None
    when: DateFilter | None = None
    this_year: bool = False
    implied: bool = False  # the item was read from the verb ('vad mäts …'), not named
    target: bool | None = None  # indicators with (True) or without (False) a target of their own
    per_goal: bool = False  # counted per goal ("per nämndmål", "vilket mål har flest …")
    group_level: GoalLevel | None = None  # the level the rows are counted under ("per enhetsmål")
    most: bool | None = None  # the goal with the most (True) or the fewest (False) items first

    @property
    def filtered(self) -> bool:
        """Whether any filter narrows the items (plain 'vilka mål har X' stays with the goal answer)."""
        return bool(
            self.level
            or self.periodicity
            or self.goal_number
            or self.when
            or self.this_year
            or self.target is not None
        )


_COUNT = re.compile(r"\bhur (?:manga|mycket)\b|\bantal(?:et)? (?:indikatorer|aktiviteter|mal|\w*mal)\b")
# Chat asks for a list by asking whether any exist ("har vi nån aktivitet …", "finns det ngt
# mål …") or what kinds there are ("vad har vi för aktiviteter …"): both want the items shown.
_ANY = r"(?:nan|nagon|nagot|nagra|ngn|ngt|ngra|nat)"
_EXISTS = (
    rf"(?:(?:har|hade) (?:vi|ni|dom|de|man|enheten|namnden) {_ANY}|finns (?:det|de) {_ANY}"
    r"|vad (?:har|hade|finns) (?:vi|ni|dom|de|det|enheten|namnden) (?:\w+ )?for)"
)
# Requests are lists too: "alla indikatorer för spånga?", "kan du ta fram enhetsmålen", "skriv ut …".
_REQUEST = r"alla|ta fram|skriv ut|visa|ge mig"
_LIST = re.compile(
    r"\b(?:vilka|lista|rakna upp|visa (?:alla|mig)|ge mig (?:alla|en lista)|finns det nagra|"
    + _REQUEST
    + "|"
    + _EXISTS
    + r")\b"
)
_COUNT_HEAD = r"(?:hur manga|antal(?:et)?)\s+(?:[\w:-]+\s+){0,2}?"
_LIST_HEAD = (
    r"(?:vilka|lista|rakna upp|visa (?:alla|mig)|ge mig (?:alla|en lista)|finns det nagra|"
    + _REQUEST
    + "|"
    + _EXISTS
    + r")\s+(?:[\w:-]+\s+){0,2}?"
)
# A chat message that opens with the items ("nämndmålen hägersten-älvsjö?", "och aktiviteterna?")
# asks for them; plural forms only, since "nämndmålet om X …" asks about one goal.
_BARE = re.compile(
    r"^\s*(?:och\s+)?(?=\w*(?:indikatorer(?:na)?|aktiviteter(?:na)?|nyckeltalen|namndmalen|enhetsmalen"
    r"|inriktningsmalen|kf[-:]?s? ?malen)\b)"
)
# "vilken indikator mäts bara årsvis?", "har vi nån aktivitet som slutar i augusti?": one item
# named, but a filter or an existence question may still find several.
_ONE_OF = re.compile(r"\b(?:vilken|vilket)\b")
_ONE_OF_HEAD = r"(?:vilken|vilket)\s+(?:[\w:-]+\s+){0,2}?"
# Indicators are what a plan measures and follows up with a periodicity: "vad mäts varje
# tertial", "vad följer vi upp en gång om året" ask for indicators without naming them.
_MEASURED = re.compile(
    r"\bvad (?:mats|mater (?:vi|ni|dom|de|man|enheten)|foljs upp|foljer (?:vi|ni|dom|de|man|enheten) upp)\b"
)
_ITEMS: list[tuple[Item, re.Pattern[str]]] = [
    # Compounds name the items too ("miljöindikatorer", "arbetsmiljöaktiviteter"): their first
    # part is the topic (answers/list_topic.py).
    (Item.INDICATOR, re.compile(r"\b\w*indikator(?:er|erna|n)?\b|\b\w*nyckeltal\w*")),
    (Item.ACTIVITY, re.compile(r"\b\w*aktivitet(?:er|erna|en)?\b")),
    (
        Item.GOAL,
        re.compile(r"\b(?:namndmal\w*|enhetsmal\w*|inriktningsmal\w*|kf[-:]?s? ?mal\w*|mal|malen)\b"),
    ),
]
_LEVELS: list[tuple[GoalLevel, re.Pattern[str]]] = [
    (GoalLevel.NAMNDMAL, re.compile(r"\bnamndmal")),
    (GoalLevel.ENHETSMAL, re.compile(r"\benhetsmal")),
    (GoalLevel.KF_INRIKTNINGSMAL, re.compile(r"\binriktningsmal")),
    (GoalLevel.KF_MAL, re.compile(r"\bkf[-:]?s? ?mal\b")),
]
_PERIODS: list[tuple[str, re.Pattern[str]]] = [
    ("tertial", re.compile(r"\btertial")),
    ("manad", re.compile(r"\bmanadsvis|\bper manad|\bvarje manad|\bmanatlig")),
    ("kvartal", re.compile(r"\bkvartal")),
    ("halvar", re.compile(r"\bhalvar(?!sskiftet)")),
    ("ar", re.compile(r"\b(?:per ar|en gang (?:per|om) aret|arsvis|arligen|varje ar|en gang om aret)\b")),
]
# "vilka indikatorer saknar årsmål?", "hur många har ett eget målvärde?": the unit's own target.
_TARGET = r"(?:(?:ett|en|nagot|nagon) )?(?:eget |egna )?(?:arsmal\w*|malvarde\w*)\b"
_WITHOUT_TARGET = re.compile(
    r"\b(?:saknar|utan|inte har|har inte|har inget|har ingen|inget|ingen)\s+(?:\w+\s+)?" + _TARGET
)
_WITH_TARGET = re.compile(r"\b(?:med|har|som har)\s+" + _TARGET)
_MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
_MONTH_NAMES = {number: name for name, number in _MONTHS.items()}
_END_WORDS = re.compile(
    r"\b(?:slutar|avslutas|slut\w*|klar[ta]?|fardig\w*|tar slut|ska vara klara?|pagar till)\b"
)
_START_WORDS = re.compile(
    r"\b(?:start\w*|borja\w*|paborja\w*|inled\w*"
    r"|(?:drar|drog|drogs|kom|kommer|satte|sattes)(?: \w+)? igang)\b"
)
_BEFORE = re.compile(r"\b(?:fore|innan|senast|till och med|t\.o\.m\.?)\s+(?P<ref>.+)")
_AFTER = re.compile(r"\b(?:efter|fran och med|fr\.o\.m\.?)\s+(?P<ref>.+)")
_DURING = re.compile(
    r"\b(?:under|i)\s+(?P<ref>(?:varen|sommaren|hosten|vintern|" + "|".join(_MONTHS) + r")\b.*)"
)
THIS_YEAR = re.compile(r"\b(?:i ar|detta ar|det har aret|innevarande ar|under aret|arets)\b")
_ONGOING = re.compile(r"\b(?:pagar (?:nu|just nu|for narvarande)|pagaende|aktuella nu)\b")
# Named references: (month, day) as a bound, and the span for 'under …'.
_SEASONS = {
    "sommaren": ((6, 1), (8, 31), (6, 8), "sommaren (juni–augusti)"),
    "varen": ((3, 1), (5, 31), (3, 5), "våren (mars–maj)"),
    "hosten": ((9, 1), (11, 30), (9, 11), "hösten (september–november)"),
    "halvarsskiftet": ((7, 1), (6, 30), (7, 7), "halvårsskiftet (1 juli)"),
    "arsskiftet": ((12, 31), (12, 31), (12, 12), "årsskiftet"),
}
# The same turn of the year in other words: "innan året är över", "före nyår", "före årets slut".
_SEASONS["aret"] = _SEASONS["nyar"] = _SEASONS["arets"] = _SEASONS["arsskiftet"]
# "löper till sista december", "pågår till slutet av juni": the end falls in that month.
_UNTIL = re.compile(
    r"\btill (?:och med )?(?:den )?(?:sista|slutet av|utgangen av) (?P<ref>(?:"
    + "|".join(_MONTHS)
    + r")\b.*)"
)
# A year the dates are in, named or relative to the plan's ("startade 2022", "drog igång förra året").
_NAMED_YEAR = re.compile(r"\b(?P<year>20\d\d)\b")
_PLAN_YEAR = re.compile(
    r"\b(?:vp|planen?|verksamhetsplan\w*|ku|kvalitetsutmarkelse\w*)(?::n|:en)?\s+(?:for\s+)?$"
)
_RELATIVE_YEAR = {
    -1: re.compile(r"\b(?:forra aret|i fjol|aret innan|foregaende ar)\b"),
    1: re.compile(r"\b(?:nasta ar|kommande ar|aret efter|till nasta ar)\b"),
}


def _reference(text: str, bound: Bound) -> DateFilter | None:
    """The date a 'före …'/'efter …'/'under …' phrase names, as a filter on the end date by default."""
    words = text.split()
    first = words[0] if words else ""
    if first in _SEASONS:
        start, end, span, label = _SEASONS[first]
        if bound is Bound.DURING:
            return DateFilter("end", bound, span[0], 1, f"under {label}", to_month=span[1])
        month, day = start if bound is Bound.BEFORE else end
        word = "före" if bound is Bound.BEFORE else "efter"
        season = label.split(" (")[0]
        return DateFilter("end", bound, month, day, f"{word} {season} ({word} {day} {_MONTH_NAMES[month]})")
    match = re.match(r"(?:(?P<day>\d{1,2}) )?(?P<month>" + "|".join(_MONTHS) + r")\b", text)
    if match:
        month = _MONTHS[match.group("month")]
        day = int(match.group("day") or 1)
        if bound is Bound.DURING:
            return DateFilter("end", bound, month, 1, f"under {_MONTH_NAMES[month]}")
        if bound is Bound.AFTER and not match.group("day"):
            day = 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
        word = "före" if bound is Bound.BEFORE else "efter"
        return DateFilter("end", bound, month, day, f"{word} {day} {_MONTH_NAMES[month]}")
    iso = re.match(r"(?:\d{4}-)?(?P<m>\d{1,2})-(?P<d>\d{1,2})\b", text)
    if iso and 1 <= int(iso.group("m")) <= 12 and 1 <= int(iso.group("d")) <= 31:
        month, day = int(iso.group("m")), int(iso.group("d"))
        word = "före" if bound is Bound.BEFORE else "efter"
        return DateFilter("end", bound, month, day, f"{word} {day} {_MONTH_NAMES[month]}")
    return None


def _year_filter(folded: str, field: str) -> DateFilter | None:
    """'startade 2022', 'slutar i år', 'drog igång förra året': the start or end falls in a year.

    Only when the question speaks of starting or ending: a year alone names the plan.
    """
    verb = _START_WORDS.search(folded) if field == "start" else _END_WORDS.search(folded)
    if verb is None:
        return None
    after = folded[verb.end() :]
    named = _NAMED_YEAR.search(after)
    if named and _PLAN_YEAR.search(after[: named.start()]):
        named = None  # "startar i vp 2023": the year names the plan
    if named:
        year = int(named.group("year"))
        return DateFilter(field, Bound.DURING, 1, 1, f"under {year}", to_month=12, year=year)
    for offset, pattern in _RELATIVE_YEAR.items():
        if pattern.search(folded):
            label = "året före planens år" if offset < 0 else "året efter planens år"
            return DateFilter(field, Bound.DURING, 1, 1, label, to_month=12, offset=offset)
    if THIS_YEAR.search(folded):
        return DateFilter(field, Bound.DURING, 1, 1, "under planens år", to_month=12)
    return None


def _date_filter(folded: str) -> DateFilter | None:
    if _ONGOING.search(folded):
        return DateFilter("end", Bound.DURING, 1, 1, "pågår nu", ongoing=True)
    field = "start" if _START_WORDS.search(folded) and not _END_WORDS.search(folded) else "end"
    until = _UNTIL.search(folded)
    if until:
        found = _reference(until.group("ref").strip(" ?.!"), Bound.DURING)
        if found:
            return DateFilter("end", found.bound, found.month, found.day, found.label, found.to_month)
    for pattern, bound in ((_BEFORE, Bound.BEFORE), (_AFTER, Bound.AFTER), (_DURING, Bound.DURING)):
        match = pattern.search(folded)
        if match:
            found = _reference(match.group("ref").strip(" ?.!"), bound)
            if found:
                return DateFilter(
                    field, found.bound, found.month, found.day, found.label, found.to_month, found.ongoing
                )
    return _year_filter(folded, field)


_GOAL_LEVEL_WORD = r"(?P<level>namndmal|enhetsmal|inriktningsmal|kf[-:]?s? ?mal|mal)\w*"
# "hur många aktiviteter per mål", "… för varje enhetsmål": counted goal by goal.
_PER_GOAL = re.compile(
    r"\b(?:per|for varje|i varje|under varje|pa varje|for respektive)\s+" + _GOAL_LEVEL_WORD
)
# "vilket mål har flest aktiviteter?", "vilka enhetsmål har minst indikatorer?".
_MOST = re.compile(
    r"\b(?:vilket|vilka|vilken)\s+(?:\w+\s+)?"
    + _GOAL_LEVEL_WORD
    + r".*?\b(?P<most>flest|mest|minst|farst|farrest)\s+"
    + r"(?P<item>\w*indikator\w*|\w*nyckeltal\w*|\w*aktivitet\w*)"
)


def _per_goal(folded: str) -> ListQuery | None:
    """A count of indicators or activities goal by goal, or the goal with the most or fewest."""
    most = _MOST.search(folded)
    match = most or _PER_GOAL.search(folded)
    if match is None:
        return None
    if most is not None:
        item = Item.ACTIVITY if "aktivitet" in most.group("item") else Item.INDICATOR
    else:
        head = re.search(_COUNT_HEAD + r"(?P<item>\w*indikator\w*|\w*nyckeltal\w*|\w*aktivitet\w*)", folded)
        if head is None:
            return None
        item = Item.ACTIVITY if "aktivitet" in head.group("item") else Item.INDICATOR
    level = next((lv for lv, pattern in _LEVELS if pattern.search(match.group("level"))), None)
    return ListQuery(
        ask=Ask.COUNT,
        item=item,
        per_goal=True,
        group_level=level,
        most=None if most is None else most.group("most") in ("flest", "mest"),
    )


def periodicity_in(folded: str) -> str | None:
    """The periodicity a folded question filters on ('tertial', 'manad', 'halvar', 'ar' …), or None."""
    return next((name for name, pattern in _PERIODS if pattern.search(folded)), None)


def date_filter_in(folded: str) -> DateFilter | None:
    """The date filter a folded question names on an activity's start or end ('slutar i mars'), or None."""
    return _date_filter(folded)


def asks_start(folded: str) -> bool:
    """Whether a folded question asks about the start of something ('startade', 'drog igång'), not its end."""
    return bool(_START_WORDS.search(folded)) and not _END_WORDS.search(folded)


# The item nouns the patterns above know; the thesaurus's other names of them are read as them.
_ITEM_NOUNS = {"indikator": "indikatorer", "aktivitet": "aktiviteter"}


def item_names(folded: str) -> str:
    """The folded question with the thesaurus's other names of an item noun read as the noun.

    "vilka mätetal har vi …", "hur många mått …": the thesaurus (thesaurus.tsv) says staff call
    indicators so; the list patterns know the plans' word.

    Args:
        folded: The question, folded (`textnorm.fold`).

    Returns:
        The text with each such one-word term replaced by the item noun in the plural.
    """
    spans = [(m.start(), m.end()) for m in re.finditer(r"[\w:-]+", folded)]
    words = [folded[a:b] for a, b in spans]
    out = folded
    for hit in reversed(thesaurus().find(words)):
        noun = next((_ITEM_NOUNS[f] for e in hit.entry.expansions if (f := fold(e)) in _ITEM_NOUNS), None)
        if noun is None or hit.end - hit.start != 1 or words[hit.start].startswith(noun[:-2]):
            continue
        a, b = spans[hit.start]
        out = out[:a] + noun + out[b:]
    return out


# The plural a row word is read as: the words the item patterns above know.
_ROW_NOUNS = {
    CountedKind.ACTIVITY: "aktiviteter",
    CountedKind.INDICATOR: "indikatorer",
    CountedKind.UNIT_GOAL: "enhetsmal",
}
# Where a counted or listed noun stands: right after the question word, past words that only
# say whose or which ("hur många av våra insatser", "vilka olika projekt").
_ROW_WORD_AT = re.compile(
    r"\b(?:hur manga|antal(?:et)?|vilka|lista|rakna upp|" + _EXISTS + r")\s+"
    r"(?:(?:av|vara|era|dina|olika|egna|alla|de|dom|st|stycken)\s+){0,2}(?P<noun>[\w-]+)"
)
# The question speaks of the plan ("i vp:n", "i verksamhetsplanen", "planens").
_PLAN_TALK = re.compile(r"\b(?:vp|vpn|verksamhetsplan\w*|planen|planens|planer(?:na)?)\b")


def _row_words(folded: str) -> list[tuple[tuple[int, int], CountedKind]]:
    """Where staff's other word for the counted rows heads a count or list, and the kind it names."""
    kinds = table()
    found: list[tuple[tuple[int, int], CountedKind]] = []
    for match in _ROW_WORD_AT.finditer(folded):
        word = kinds.row_word(match.group("noun"))
        if word is None:
            continue
        if word.cue is Cue.PLAN and not (_PLAN_TALK.search(folded) or _date_filter(folded)):
            continue
        found.append((match.span("noun"), word.kind))
    return found


def row_names(folded: str) -> str:
    """The folded question with staff's other word for the counted rows read as the plan's word.

    "hur många av våra insatser i vp:n drog igång 2022?" counts activities; "hur många delmål
    har vi?" counts unit goals (`understand/counted_kinds.tsv`). A word whose cue is the plan is
    read so only when the question speaks of the plan or of a start or end date; elsewhere
    ("hur många insatser har boendestödet?") it is the unit's own word for what it gives.

    Args:
        folded: The question, folded (`textnorm.fold`).

    Returns:
        The text with each such noun, where it heads a count or list, replaced by the plan's word.
    """
    out = folded
    for (a, b), kind in reversed(_row_words(folded)):
        out = out[:a] + _ROW_NOUNS[kind] + out[b:]
    return out


def row_words_read(question: str) -> frozenset[str]:
    """The folded words `row_names` reads as the counted rows: they name the items, not the topic."""
    folded = fold(question)
    return frozenset(folded[a:b] for (a, b), _ in _row_words(folded))


# "har vi några aktiviteter om miljö? hur många?", "indikatorerna, hur många har vi?": the count
# asked last, of the items named before it; only words that say nothing counted follow it.
_COUNT_LAST = re.compile(
    r"\b(?:hur manga|antal(?:et)?)"
    r"(?:\s+(?:har|hade|finns|fanns|ar|blir|blev|det|vi|ni|dom|de|man|totalt|st|stycken|sammanlagt"
    r"|egentligen|da|isf|ungefar|i sa fall|handlar det om|ar det))*\s*(?:[?.!]|$)"
)
# The items named before such a count, in the plural ("aktiviteter", "nämndmålen"): a singular
# there ("Stöd och aktivitet") is a name, not what is counted.
_ITEMS_BEFORE: list[tuple[Item, re.Pattern[str]]] = [
    (Item.INDICATOR, re.compile(r"\b\w*indikator(?:er|erna)\b|\b\w*nyckeltal(?:en)?\b")),
    (Item.ACTIVITY, re.compile(r"\b\w*aktivitet(?:er|erna)\b")),
    (Item.GOAL, re.compile(r"\b(?:namndmal\w*|enhetsmal\w*|inriktningsmal\w*|kf[-:]?s? ?mal\w*)\b")),
]


def _items_before_count(folded: str) -> tuple[Item, re.Match[str]] | None:
    """The items a count asked after them counts ("har vi några aktiviteter om X? hur många?")."""
    last = _COUNT_LAST.search(folded)
    if last is None:
        return None
    before = folded[: last.start()]
    found = [(m.start(), item, m) for item, pattern in _ITEMS_BEFORE for m in pattern.finditer(before)]
    if not found:
        return None
    _, item, match = min(found, key=lambda t: t[0])
    return item, match


def read_list_question(text: str, goal_number: str | None) -> ListQuery | None:
    """Read a list or count question over indicators, activities or goals.

    Args:
        text: The question.
        goal_number: The goal number the question reader found ('3.2'), if any.

    Returns:
        The query, or None when the question does not ask for a list or count of such items.
    """
    folded = row_names(item_names(fold(text)))
    per_goal = _per_goal(folded)
    if per_goal is not None:
        return per_goal
    single = False
    if _COUNT.search(folded):
        ask = Ask.COUNT
    elif _LIST.search(folded):
        ask = Ask.LIST
    elif _ONE_OF.search(folded):
        ask, single = Ask.LIST, True
    elif _MEASURED.search(folded) or _BARE.search(folded):
        ask = Ask.LIST
    else:
        return None
    # The item is what is counted or listed: it follows the question word ('hur många indikatorer',
    # 'vilka två nämndmål'), so 'hur många aspiranter … på Stöd och aktivitet' is no list of activities.
    head = _COUNT_HEAD if ask is Ask.COUNT else _ONE_OF_HEAD if single else _LIST_HEAD
    if ask is Ask.LIST and not single and not _LIST.search(folded) and _BARE.search(folded):
        head = _BARE.pattern
    found: tuple[Item, re.Match[str] | None] | None = next(
        ((item, match) for item, pattern in _ITEMS if (match := re.search(head + pattern.pattern, folded))),
        None,
    )
    if found is None and ask is Ask.COUNT:
        found = _items_before_count(folded)
    if found is None and ask is Ask.LIST and _MEASURED.search(folded):
        # "vad mäts per tertial": the indicators, when a periodicity says which (else prose).
        if periodicity_in(folded) is None:
            return None
        found = (Item.INDICATOR, None)
    if found is None:
        return None
    item, item_match = found
    # A goal list's level is the level listed ('vilka KF-mål … under inriktningsmål 3'), not the parent's.
    level_text = item_match.group(0) if item is Item.GOAL and item_match else folded
    level = next((level for level, pattern in _LEVELS if pattern.search(level_text)), None)
    periodicity = periodicity_in(folded)
    when = _date_filter(folded) if item is Item.ACTIVITY else None
    plural = not single and (re.search(r"(?:er|erna|tal)\b", folded) or item_match is None)
    if single and item is Item.GOAL:
        return None  # 'vilket nämndmål hör den till?' asks for one goal (the goal answer)
    if ask is Ask.LIST and item is not Item.GOAL and not plural:
        # 'vilken indikator har vi för X?' asks for one item (the item answers); a filter or
        # 'har vi nån …' asks which rows fit, however many there are.
        filtered = (item is Item.INDICATOR and periodicity) or when or (item is not Item.GOAL and level)
        if not (filtered or re.search(_EXISTS, folded)):
            return None
    under = r"\b(?:under|inom|till|for|i)\s+(?:(?:kf[-:]?s?\s*)?[\w-]*mal(?:et)?\s+)?(?:nr\.?\s*)?\d"
    number = goal_number if re.search(under, folded) else None
    target = None
    if item is Item.INDICATOR:
        target = False if _WITHOUT_TARGET.search(folded) else True if _WITH_TARGET.search(folded) else None
    return ListQuery(
        ask=ask,
        item=item,
        target=target,
        level=level if item is not Item.GOAL or level is not None else None,
        periodicity=periodicity if item is Item.INDICATOR else None,
        goal_number=number,
        when=when,
        this_year=bool(THIS_YEAR.search(folded)) or bool(when and when.ongoing),
        implied=item_match is None,
    )


def _spans(folded: str) -> list[tuple[int, int]]:
    """Where the question says its filters and the verb that implies the item (character spans)."""
    spans: list[tuple[int, int]] = []
    whole = [
        *(pattern for _, pattern in _PERIODS),
        *_RELATIVE_YEAR.values(),
        _MEASURED,
        _START_WORDS,
        _END_WORDS,
        THIS_YEAR,
        _ONGOING,
        _NAMED_YEAR,
        _WITHOUT_TARGET,
        _WITH_TARGET,
    ]
    for pattern in whole:
        spans.extend(m.span() for m in pattern.finditer(folded))
    for pattern in (_UNTIL, _BEFORE, _AFTER, _DURING):
        for m in pattern.finditer(folded):
            # The bound and the date it names ("före 1 juni", "under sommaren"), not the rest.
            ref = re.match(r"(?:\d{1,2} )?\S+(?: (?:ar )?(?:slut|over)\b)?", m.group("ref"))
            spans.append((m.start(), m.start("ref") + (ref.end() if ref else 0)))
    return spans


def without_filter_words(topic: str, question: str) -> str:
    """The topic without the words that say the list's filters ("mäts en gång om året", "slutar i augusti").

    The reading's topic keeps every content word; the words a filter consumed say which rows,
    not what the rows are about, and would pull the topic match towards rows that merely share
    them ("mäts" ~ mätning).

    Args:
        topic: The reading's topic words.
        question: The question as typed.

    Returns:
        The topic words no filter consumed, in their order.
    """
    folded = fold(question)
    used: set[str] = set()
    for start, end in _spans(folded):
        used.update(re.findall(r"\w+", folded[start:end]))
    return " ".join(w for w in topic.split() if fold(w) not in used)
