"""Follow-ups that pick among the items a list just showed: "vilka av dem följs upp per tertial?".

After a list answer the conversation keeps the listed indicators or activities in the order shown
(`ConversationContext.items`, answers/followup.py). Swedish points back at such a set with a
partitive, "av dem" / "av de där" / "av dessa" ("hur många av dem startade 2022?", "vilken av dem
slutar först?", "vilka av dem gäller cheferna?"): the question is about those items only. The
routes cannot know that: they list every indicator of the plan measured per tertial, or read
"dem" as a topic. Here the items just shown are filtered by what the question asks of them:

- the list grammar's filters (answers/list_filters.py): a periodicity, a date an activity starts
  or ends before, after or during;
- the year an activity starts or ends ("startade 2022");
- which one starts or ends first or last ("först", "tidigast", "sist", "senast"), ties kept;
- whether an indicator has a target of its own or one of KF's ("har ett eget årsmål");
- otherwise the words the question adds, found in the item's text ("gäller cheferna").

The answer lists the items that pass (or counts them: "hur många av dem …"); when none does it
says so. None when the question does not point back at a list, or asks nothing these filters read,
so that the other follow-up resolutions and the routes answer it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from knowledge.answer import Answer, ConversationContext
from knowledge.answers.followup import _has, _stems
from knowledge.answers.goal import answer_context
from knowledge.answers.list_filters import Bound, DateFilter, Item, asks_start, date_filter_in, periodicity_in
from knowledge.answers.lists import PERIOD_WORDS, Row, item_rows, render
from knowledge.answers.phrasing import doc_label
from knowledge.models import Activity
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.reading import QuestionReading

# "av dem", "utav dom", "av de där", "av dessa": a part of the set just named.
_PARTITIVE = re.compile(r"\b(?:ut)?av (?:dem|dom|de|dessa)(?: (?:dar|har))?\b")
_COUNT = re.compile(r"\bhur manga\b|\bantal(?:et)?\b")
_FIRST = re.compile(r"\b(?:forst|tidigast)\b")
_LAST = re.compile(r"\b(?:sist|senast)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_OWN_TARGET = re.compile(
    r"\beg(?:et|na|en) (?:arsmal|mal|malvarde)\b|\bhar (?:ett |nagot |nagra )?(?:arsmal|malvarde)\b"
)
_KF_TARGET = re.compile(r"\bkf\w*\b")
# Words that relate an item to what the question adds ("vilken av dem gäller/handlar om cheferna?").
_RELATING = frozenset(
    stem
    for word in ("galler", "handlar", "ror", "beror", "om", "med", "namner", "tar", "upp", "forst", "sist")
    for stem in stem_tokens(word, drop_stopwords=False)
)
_PLURAL = {Item.INDICATOR: "indikatorerna", Item.ACTIVITY: "aktiviteterna"}


@dataclass(frozen=True)
class _Pick:
    """The items a follow-up keeps, and how the answer says why (Swedish, after "som")."""

    rows: list[Row]
    phrase: str


def points_at_list(text: str, context: ConversationContext) -> bool:
    """Whether a question picks among the items the last answer listed ("… av dem …")."""
    return len(context.items) > 1 and bool(_PARTITIVE.search(fold(text)))


def from_listed(
    snap: Snapshot, asked: QuestionReading, context: ConversationContext, today: dt.date
) -> Answer | None:
    """Answer a question about a part of the list just shown, from those items only, or None.

    Args:
        snap: The knowledge snapshot.
        asked: The question as read, before the conversation was applied (its own words).
        context: What the previous answer left behind (its `items` and `source`).
        today: Today's date (an activity list's "pågår nu").
    """
    source = context.source
    if not points_at_list(asked.text, context) or source is None or source not in snap.parsed:
        return None
    listed = _listed(snap, source, context.items)
    if listed is None:
        return None
    item, refs = listed
    rows, columns = item_rows(snap, item, source, refs, today)
    if len(rows) < 2:
        return None
    folded = fold(asked.text)
    pick = _filtered(snap, source, item, rows, folded, today) or _by_words(
        snap, source, item, rows, asked.topic
    )
    if pick is None:
        return None
    plural = _PLURAL[item]
    where = doc_label(snap, source)
    counted = bool(_COUNT.search(folded))
    shown = pick.rows
    if not pick.rows:
        # The items are shown again, cited, so that the user sees why none passes.
        intro = f"Ingen av de {len(rows)} {plural} jag nyss listade ({where}) {pick.phrase}."
        shown, counted = rows, False
        intro += " Så här står de i planen:"
    elif counted:
        intro = f"{len(pick.rows)} av de {len(rows)} {plural} jag nyss listade ({where}) {pick.phrase}:"
    else:
        intro = f"Av de {len(rows)} {plural} jag nyss listade ({where}) {pick.phrase}:"
    answer = render(snap, shown, columns, intro, "count" if counted else "list")
    answer.context = answer_context(snap, source, asked)
    return answer


def _listed(snap: Snapshot, source: str, names: list[str]) -> tuple[Item, list[int]] | None:
    """The listed names as indicator or activity rows of the document, in the order listed."""
    parsed = snap.parsed[source]
    indicators = {ind.name: i for i, ind in enumerate(parsed.indicators)}
    activities = {act.text: i for i, act in enumerate(parsed.activities)}
    as_indicators = [indicators[n] for n in names if n in indicators]
    as_activities = [activities[n] for n in names if n in activities]
    if len(as_indicators) >= len(as_activities) and as_indicators:
        return Item.INDICATOR, list(dict.fromkeys(as_indicators))
    if as_activities:
        return Item.ACTIVITY, list(dict.fromkeys(as_activities))
    return None


def _filtered(
    snap: Snapshot, source: str, item: Item, rows: list[Row], folded: str, today: dt.date
) -> _Pick | None:
    """The rows that pass the filters the question names (None when it names none)."""
    parsed = snap.parsed[source]
    if item is Item.INDICATOR:
        if (period := periodicity_in(folded)) is not None:
            kept = [r for r in rows if _period_ok(fold(parsed.indicators[r.ref].periodicitet), period)]
            return _Pick(kept, f"följs upp {PERIOD_WORDS[period]}")
        if _KF_TARGET.search(folded) and re.search(r"mal", folded):
            # "Tas fram av nämnd" is no target yet: a KF target is written in figures.
            kept = [r for r in rows if re.search(r"\d", parsed.indicators[r.ref].kf_arsmal)]
            return _Pick(kept, "har ett KF-årsmål i siffror")
        if _OWN_TARGET.search(folded):
            kept = [r for r in rows if parsed.indicators[r.ref].arsmal.strip() not in ("", "-", "–")]
            return _Pick(kept, "har ett eget årsmål")
        return None
    start = asks_start(folded)
    verb = "startar" if start else "slutar"

    def date_of(row: Row) -> dt.date | None:
        act = parsed.activities[row.ref]
        return act.start if start else act.end

    if (years := [int(y) for y in _YEAR.findall(folded)]) and len(set(years)) == 1:
        year = years[0]
        kept = [r for r in rows if (d := date_of(r)) is not None and d.year == year]
        return _Pick(kept, f"{verb} {year}")
    if (when := date_filter_in(folded)) is not None:
        plan_year = snap.meta(source).year or today.year
        kept = [r for r in rows if _date_ok(when, parsed.activities[r.ref], plan_year, today)]
        verb = "startar" if when.field == "start" else "slutar"
        return _Pick(kept, "pågår nu" if when.ongoing else f"{verb} {when.label}")
    first, last = bool(_FIRST.search(folded)), bool(_LAST.search(folded))
    if first != last:
        dated = [(d, r) for r in rows if (d := date_of(r)) is not None]
        if not dated:
            return None
        best = min(d for d, _ in dated) if first else max(d for d, _ in dated)
        kept = [r for d, r in dated if d == best]
        order = "först" if first else "sist"
        return _Pick(kept, f"{verb} {order} ({best.isoformat()})")
    return None


def _period_ok(period: str, asked: str) -> bool:
    return period.startswith(asked) or (asked == "ar" and period in ("ar", "helar"))


def _date_ok(when: DateFilter, row: Activity, year: int, today: dt.date) -> bool:
    """Whether an activity's start or end (the filter's field) lies where the filter says."""
    if when.ongoing:
        return (row.start is None or row.start <= today) and (row.end is None or today <= row.end)
    value = row.start if when.field == "start" else row.end
    if value is None:
        return False
    first, last = when.on(year)
    if when.bound is Bound.BEFORE:
        return value < first
    if when.bound is Bound.AFTER:
        return value > last
    return first <= value <= last


def _by_words(snap: Snapshot, source: str, item: Item, rows: list[Row], topic: str) -> _Pick | None:
    """The rows whose text holds every word the question adds ("vilken av dem gäller cheferna?")."""
    words = {s for s in _stems(topic) if s not in _RELATING and not s.isdigit()}
    if not words:
        return None
    parsed = snap.parsed[source]
    kept = []
    for row in rows:
        text = parsed.indicators[row.ref].name if item is Item.INDICATOR else parsed.activities[row.ref].text
        present = frozenset(stem_tokens(text))
        if all(_has(w, present) for w in words):
            kept.append(row)
    if not kept:
        return None
    return _Pick(kept, f"gäller ”{topic.strip()}”")
