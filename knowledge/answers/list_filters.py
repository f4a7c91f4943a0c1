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

    def on(self, year: int) -> tuple[dt.date, dt.date]:
        """The filter's date span for one plan year."""
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

    @property
    def filtered(self) -> bool:
        """Whether any filter narrows the items (plain 'vilka mål har X' stays with the goal answer)."""
        return bool(self.level or self.periodicity or self.goal_number or self.when or self.this_year)


_COUNT = re.compile(r"\bhur (?:manga|mycket)\b|\bantal(?:et)? (?:indikatorer|aktiviteter|mal|\w*mal)\b")
_LIST = re.compile(
    r"\b(?:vilka|lista|rakna upp|visa (?:alla|mig)|ge mig (?:alla|en lista)|finns det nagra)\b"
)
_COUNT_HEAD = r"(?:hur manga|antal(?:et)?)\s+(?:[\w:-]+\s+){0,2}?"
_LIST_HEAD = (
    r"(?:vilka|lista|rakna upp|visa (?:alla|mig)|ge mig (?:alla|en lista)|finns det nagra|alla)"
    r"\s+(?:[\w:-]+\s+){0,2}?"
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
    r"\b(?:startar|borjar|borjade|paborjas|paborjades|start\w*|inleds|inleddes"
    r"|drar igang|drog igang|drogs igang)\b"
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


def _date_filter(folded: str) -> DateFilter | None:
    if _ONGOING.search(folded):
        return DateFilter("end", Bound.DURING, 1, 1, "pågår nu", ongoing=True)
    field = "start" if _START_WORDS.search(folded) and not _END_WORDS.search(folded) else "end"
    for pattern, bound in ((_BEFORE, Bound.BEFORE), (_AFTER, Bound.AFTER), (_DURING, Bound.DURING)):
        match = pattern.search(folded)
        if match:
            found = _reference(match.group("ref").strip(" ?.!"), bound)
            if found:
                return DateFilter(
                    field, found.bound, found.month, found.day, found.label, found.to_month, found.ongoing
                )
    return None


def periodicity_in(folded: str) -> str | None:
    """The periodicity a folded question filters on ('tertial', 'manad', 'halvar', 'ar' …), or None."""
    return next((name for name, pattern in _PERIODS if pattern.search(folded)), None)


def date_filter_in(folded: str) -> DateFilter | None:
    """The date filter a folded question names on an activity's start or end ('slutar i mars'), or None."""
    return _date_filter(folded)


def asks_start(folded: str) -> bool:
    """Whether a folded question asks about the start of something ('startade', 'drog igång'), not its end."""
    return bool(_START_WORDS.search(folded)) and not _END_WORDS.search(folded)


def read_list_question(text: str, goal_number: str | None) -> ListQuery | None:
    """Read a list or count question over indicators, activities or goals.

    Args:
        text: The question.
        goal_number: The goal number the question reader found ('3.2'), if any.

    Returns:
        The query, or None when the question does not ask for a list or count of such items.
    """
    folded = fold(text)
    if _COUNT.search(folded):
        ask = Ask.COUNT
    elif _LIST.search(folded):
        ask = Ask.LIST
    else:
        return None
    # The item is what is counted or listed: it follows the question word ('hur många indikatorer',
    # 'vilka två nämndmål'), so 'hur många aspiranter … på Stöd och aktivitet' is no list of activities.
    head = _COUNT_HEAD if ask is Ask.COUNT else _LIST_HEAD
    found = next(
        ((item, match) for item, pattern in _ITEMS if (match := re.search(head + pattern.pattern, folded))),
        None,
    )
    if found is None:
        return None
    item, item_match = found
    # A goal list's level is the level listed ('vilka KF-mål … under inriktningsmål 3'), not the parent's.
    level_text = item_match.group(0) if item is Item.GOAL else folded
    if ask is Ask.LIST and item is not Item.GOAL and not re.search(r"(?:er|erna|tal)\b", folded):
        return None  # 'vilken indikator …' asks for one item
    level = next((level for level, pattern in _LEVELS if pattern.search(level_text)), None)
    periodicity = next((name for name, pattern in _PERIODS if pattern.search(folded)), None)
    when = _date_filter(folded) if item is Item.ACTIVITY else None
    under = r"\b(?:under|inom|till|for|i)\s+(?:(?:kf[-:]?s?\s*)?[\w-]*mal(?:et)?\s+)?(?:nr\.?\s*)?\d"
    number = goal_number if re.search(under, folded) else None
    return ListQuery(
        ask=ask,
        item=item,
        level=level if item is not Item.GOAL or level is not None else None,
        periodicity=periodicity if item is Item.INDICATOR else None,
        goal_number=number,
        when=when,
        this_year=bool(THIS_YEAR.search(folded)) or bool(when and when.ongoing),
    )
