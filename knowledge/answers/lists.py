"""List, count, date-filter, comparison, budget and administrative answers from stored rows.

Never from the top-k passages: each answer walks the parsed rows (indicators, activities, goals,
outcomes, budget rows, administrative facts) of the chosen documents, filters them, and cites
every row it shows (page and section). The text holds a numbered list of at most `MAX_ROWS`
rows then '… och N till' (Teams, CLI); `Answer.table` holds every row for the web chat.

Entry point: `structured_answer`, called by the router before the other answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from indicators.models import GOAL_LEVEL_LABELS, GoalLevel
from knowledge.answer import Answer, AnswerKind, AnswerTable, DeclineReason, TableRow
from knowledge.answers.activity_dates import activity_dates
from knowledge.answers.cite import Citations
from knowledge.answers.goal import answer_context
from knowledge.answers.list_filters import (
    THIS_YEAR,
    Ask,
    Bound,
    Item,
    ListQuery,
    read_list_question,
    without_filter_words,
)
from knowledge.answers.list_topic import RowRef, keys_below, narrow
from knowledge.answers.phrasing import doc_label
from knowledge.answers.stated_counts import document_count, stated_counts
from knowledge.models import Chunk, ChunkKind, DocType, DocumentMeta, Goal
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold
from knowledge.understand.reading import QuestionReading

if TYPE_CHECKING:
    from knowledge.answerer import Answerer

MAX_ROWS = 12

_ITEM_WORDS = {
    Item.INDICATOR: ("indikator", "indikatorer"),
    Item.ACTIVITY: ("aktivitet", "aktiviteter"),
    Item.GOAL: ("mål", "mål"),
}
_LEVEL_WORDS = {
    GoalLevel.KF_INRIKTNINGSMAL: ("KF:s inriktningsmål", "KF:s inriktningsmål"),
    GoalLevel.KF_MAL: ("KF:s mål", "KF:s mål"),
    GoalLevel.NAMNDMAL: ("nämndmål", "nämndmål"),
    GoalLevel.ENHETSMAL: ("enhetsmål", "enhetsmål"),
}
# How an answer names a periodicity ("som mäts per tertial", "som följs upp per tertial").
PERIOD_WORDS = {
    "tertial": "per tertial",
    "ar": "per år",
    "manad": "per månad",
    "kvartal": "per kvartal",
    "halvar": "per halvår",
}


@dataclass
class Row:
    """One item to show: its source and structured index, the cells and the text for the list."""

    source: str
    kind: ChunkKind
    ref: int
    cells: list[str]
    line: str
    quote: str
    page: int | None
    section: str


def row_chunk(snap: Snapshot, row: Row) -> Chunk:
    """The stored chunk of a row, or one made from the row when the store has none (hand-built plans)."""
    chunk = snap.structured.get((row.source, row.kind.value, row.ref))
    if chunk is not None:
        return chunk
    meta = snap.meta(row.source)
    return Chunk(
        id=f"{row.source}-{row.kind.value}-{row.ref}",
        source=row.source,
        kind=row.kind,
        text=row.quote or row.line,
        breadcrumb=" › ".join(part for part in (meta.title or meta.source, row.section) if part),
        page=row.page,
        ref=row.ref,
    )


def unnamed_units(snap: Snapshot, reading: QuestionReading, rows: list[Row]) -> list[DocumentMeta]:
    """The units the rows come from, when there are several and the question named none (else [])."""
    if reading.names_one:
        return []
    metas: dict[tuple[str | None, str | None], DocumentMeta] = {}
    for row in rows:
        meta = snap.meta(row.source)
        metas.setdefault((meta.unit, meta.district), meta)
    return list(metas.values()) if len(metas) > 1 else []


def as_clarify(answer: Answer, reading: QuestionReading, units: list[DocumentMeta]) -> Answer:
    """Several units fit and none was named: show what each has (cited) and ask which one is meant."""
    answer.kind = AnswerKind.CLARIFY
    lead = "Det finns uppgifter för flera enheter. Vilken enhet menar du?"
    answer.answer = f"{lead}\n\n{answer.answer}"
    if answer.table is not None:
        answer.table.intro = f"{lead}\n\n{answer.table.intro}"
    answer.suggestions = [f"{reading.text.rstrip('?')} på {m.unit or m.district}?" for m in units][:4]
    return answer


def render(
    snap: Snapshot,
    rows: list[Row],
    columns: list[str],
    intro: str,
    kind: str,
    outro: str = "",
    cites: Citations | None = None,
) -> Answer:
    """A numbered list (one citation per row, at most MAX_ROWS) and the full table.

    `cites` holds citations the intro already refers to (their markers come first).
    """
    cites = cites or Citations(snap)
    table_rows: list[TableRow] = []
    lines: list[str] = []
    for number, row in enumerate(rows, start=1):
        chunk = row_chunk(snap, row)
        # Rows beyond the list are cited too: the web chat's table shows every row.
        marker = cites.cite(chunk, row.quote or None)
        table_rows.append(TableRow(cells=row.cells, cite=int(marker.strip("[]"))))
        if number <= MAX_ROWS:
            lines.append(f"{number}. {row.line} {marker}")
    more = f"\n… och {len(rows) - MAX_ROWS} till." if len(rows) > MAX_ROWS else ""
    text = intro + ("\n\n" + "\n".join(lines) + more if lines else "") + (f"\n\n{outro}" if outro else "")
    return Answer(
        answer=text,
        kind=AnswerKind(kind),
        citations=cites.items,
        table=AnswerTable(columns=columns, rows=table_rows, intro=intro, outro=outro) if rows else None,
    )


# --- choosing documents ----------------------------------------------------------------------------------


def plan_sources(
    snap: Snapshot, reading: QuestionReading, sources: list[str], today: dt.date, this_year: bool
) -> tuple[list[str], str]:
    """Plans the list is over, and a note when 'i år' falls back to an older plan."""
    metas = [snap.meta(s) for s in sources if snap.meta(s).type is not DocType.RUTIN]
    if not this_year or (reading.year is not None and reading.year != today.year):
        return [m.source for m in metas], ""
    wanted = [m for m in snap.metas if m.type is not DocType.RUTIN and _same_scope(m, metas)]
    current = [m for m in wanted if m.year == today.year]
    if current:
        return [m.source for m in current], ""
    years = sorted({m.year for m in metas if m.year})
    if not years:
        return [m.source for m in metas], ""
    used = ", ".join(str(y) for y in years)
    return [m.source for m in metas], f"Det finns ingen plan för {today.year} ännu; jag använder {used}."


def _same_scope(meta: DocumentMeta, chosen: list[DocumentMeta]) -> bool:
    return any(meta.unit == m.unit and meta.district == m.district for m in chosen)


# --- rows of each kind ----------------------------------------------------------------------------------


def _goal_keys_under(snap: Snapshot, source: str, number: str) -> set[str]:
    """Keys of the goal numbered `number` and every goal below it."""
    goals = snap.parsed[source].goals
    return keys_below(goals, {g.key for g in goals if g.number and g.number.rstrip(".") == number})


def _goal_of(snap: Snapshot, source: str, key: str | None) -> Goal | None:
    return next((g for g in snap.parsed[source].goals if g.key == key), None) if key else None


def _goal_name(goal: Goal | None) -> str:
    if goal is None:
        return ""
    number = f" {goal.number}" if goal.number else ""
    return f"{GOAL_LEVEL_LABELS[goal.level]}{number}: {goal.title}"


def _who(snap: Snapshot, source: str, many: bool) -> str:
    return f" ({doc_label(snap, source)})" if many else ""


def indicator_rows(snap: Snapshot, query: ListQuery, sources: list[str]) -> list[Row]:
    """Indicator rows of the plans, filtered by periodicity, goal level and goal number."""
    rows: list[Row] = []
    many = len(sources) > 1
    for source in sources:
        under = _goal_keys_under(snap, source, query.goal_number) if query.goal_number else None
        for i, ind in enumerate(snap.parsed[source].indicators):
            period = fold(ind.periodicitet)
            if query.periodicity and not (
                period.startswith(query.periodicity)
                or (query.periodicity == "ar" and period in ("ar", "helar"))
            ):
                continue
            if query.level and ind.goal_level is not query.level:
                continue
            if under is not None and ind.goal_key not in under:
                continue
            own = ind.arsmal.strip() not in ("", "-", "–")
            if query.target is not None and own is not query.target:
                continue
            target = f"årsmål {ind.arsmal}" if ind.arsmal.strip() else "inget eget årsmål"
            period_text = f", {ind.periodicitet.lower()}" if ind.periodicitet else ""
            goal = _goal_of(snap, source, ind.goal_key)
            rows.append(
                Row(
                    source,
                    ChunkKind.INDICATOR,
                    i,
                    [ind.name, ind.arsmal, ind.periodicitet, _goal_name(goal), doc_label(snap, source)],
                    f"{ind.name} ({target}{period_text}){_who(snap, source, many)}",
                    ind.row_text,
                    ind.page,
                    "Indikatorer",
                )
            )
    return rows


def _date_ok(query: ListQuery, start: dt.date | None, end: dt.date | None, year: int, today: dt.date) -> bool:
    when = query.when
    if when is None:
        return True
    if when.ongoing:
        return (start is None or start <= today) and (end is None or today <= end)
    value = start if when.field == "start" else end
    if value is None:
        return False
    first, last = when.on(value.year if year == 0 else year)
    if when.bound is Bound.BEFORE:
        return value < first
    if when.bound is Bound.AFTER:
        return value > last
    return first <= value <= last


def activity_rows(snap: Snapshot, query: ListQuery, sources: list[str], today: dt.date) -> list[Row]:
    """Activity rows of the plans, filtered by dates, goal level and goal number."""
    rows: list[Row] = []
    many = len(sources) > 1
    for source in sources:
        meta = snap.meta(source)
        under = _goal_keys_under(snap, source, query.goal_number) if query.goal_number else None
        for i, act in enumerate(snap.parsed[source].activities):
            goal = _goal_of(snap, source, act.goal_key)
            if under is not None and act.goal_key not in under:
                continue
            if query.level and (goal is None or goal.level is not query.level):
                continue
            if not _date_ok(query, act.start, act.end, meta.year or 0, today):
                continue
            start, end = activity_dates(act, "–")
            rows.append(
                Row(
                    source,
                    ChunkKind.ACTIVITY,
                    i,
                    [act.text, start, end, _goal_name(goal), doc_label(snap, source)],
                    f"{act.text} ({start} – {end}){_who(snap, source, many)}",
                    act.row_text,
                    act.page,
                    "Aktiviteter",
                )
            )
    return rows


def goal_rows(snap: Snapshot, query: ListQuery, sources: list[str]) -> list[Row]:
    """Goals of the plans, filtered by level and by the goal they stand under."""
    rows: list[Row] = []
    many = len(sources) > 1
    for source in sources:
        under = _goal_keys_under(snap, source, query.goal_number) if query.goal_number else None
        for i, goal in enumerate(snap.parsed[source].goals):
            if query.level and goal.level is not query.level:
                continue
            if under is not None and (goal.key not in under or goal.number == query.goal_number):
                continue
            label = _goal_name(goal)
            rows.append(
                Row(
                    source,
                    ChunkKind.GOAL,
                    i,
                    [GOAL_LEVEL_LABELS[goal.level], goal.number or "", goal.title, doc_label(snap, source)],
                    f"{label}{_who(snap, source, many)}",
                    "",
                    goal.page,
                    label,
                )
            )
    return rows


_COLUMNS = {
    Item.INDICATOR: ["Indikator", "Årsmål", "Periodicitet", "Mål", "Plan"],
    Item.ACTIVITY: ["Aktivitet", "Start", "Slut", "Mål", "Plan"],
    Item.GOAL: ["Nivå", "Nummer", "Mål", "Plan"],
}


def _rows(snap: Snapshot, query: ListQuery, plans: list[str], today: dt.date) -> list[Row]:
    if query.item is Item.INDICATOR:
        return indicator_rows(snap, query, plans)
    if query.item is Item.ACTIVITY:
        return activity_rows(snap, query, plans, today)
    return goal_rows(snap, query, plans)


def _describe(query: ListQuery, by_goal: bool = False) -> str:
    """'indikatorer som mäts per tertial', 'nämndmål under 3.2', 'aktiviteter som slutar före sommaren'.

    `by_goal`: the list is narrowed to one goal, which the caller names (its level is said there).
    """
    plural = _ITEM_WORDS[query.item][1]
    if query.item is Item.GOAL and query.level:
        plural = _LEVEL_WORDS[query.level][1]
    parts = [plural]
    if query.target is not None:
        parts.append("med eget årsmål" if query.target else "utan eget årsmål")
    if query.periodicity:
        parts.append(f"som mäts {PERIOD_WORDS[query.periodicity]}")
    if query.level and query.item is not Item.GOAL and not by_goal:
        parts.append(f"under {_LEVEL_WORDS[query.level][1]}en")
    if query.goal_number:
        parts.append(f"under mål {query.goal_number}")
    if query.when:
        verb = "startar" if query.when.field == "start" else "slutar"
        parts.append("som pågår nu" if query.when.ongoing else f"som {verb} {query.when.label}")
    return " ".join(parts)


def list_answer(
    snap: Snapshot, reading: QuestionReading, sources: list[str], today: dt.date
) -> Answer | None:
    """Answer a list or count question over indicators, activities or goals from the rows.

    Args:
        snap: The knowledge snapshot.
        reading: The read question.
        sources: The documents chosen for the question (unit, year, type).
        today: Today's date ('i år', 'pågår nu').

    Returns:
        The answer, or None when the question is no list/count question this module answers.
    """
    query = read_list_question(reading.text, reading.goal_number)
    if query is None:
        return None
    if query.item is Item.GOAL and query.ask is Ask.LIST and not (query.goal_number or query.level):
        return None  # 'vilka mål har X?' is the goal answer's (with the chain and texts)
    plans, note = plan_sources(snap, reading, sources, today, query.this_year)
    if not plans:
        return None
    rows = _rows(snap, query, plans, today)
    refs = [_row_ref(snap, r) for r in rows]
    topic = without_filter_words(reading.topic, reading.text)
    narrowed = narrow(snap, query, topic, refs, snap.lexical.idf, reading.text)
    if narrowed is None and query.item is Item.ACTIVITY and query.ask is Ask.LIST and not query.filtered:
        return None  # 'vilka aktiviteter har X (2020)?' is the activity answer's, which matches topics too
    if narrowed is not None:
        kept = {(rows[i].source, rows[i].ref) for i in narrowed.keep}
        plans = [p for p in plans if any(source == p for source, _ in kept)]
        # Rebuilt over the plans left, so a list from one plan does not name its plan on every row.
        rows = [r for r in _rows(snap, query, plans, today) if (r.source, r.ref) in kept]
    used = [p for p in plans if any(r.source == p for r in rows)]
    if used and len(used) < len(plans):
        # The filters left rows in fewer plans ("klar i augusti" in one of two Hägersten plans):
        # the answer is about those plans, and a row of the only plan left names no plan.
        kept_rows = {(r.source, r.ref) for r in rows}
        plans = used
        rows = [r for r in _rows(snap, query, plans, today) if (r.source, r.ref) in kept_rows]
    where = doc_label(snap, plans[0]) if len(plans) == 1 else f"{len(plans)} planer"
    what = _describe(query, by_goal=narrowed is not None and narrowed.label.startswith("under"))
    if narrowed is not None:
        what += f" {narrowed.label}"
    if query.when and not query.when.ongoing:
        what += " (enligt planens slutdatum)" if query.when.field == "end" else " (enligt startdatum)"
    if query.ask is Ask.COUNT and len(plans) == 1 and narrowed is None:
        stated = _stated_answer(snap, query, plans[0], rows, what, where)
        if stated is not None:
            return stated
    if not rows and query.implied:
        return None  # 'vad följs upp varje månad?' with no such indicator: the text may say
    if not rows:
        # "vilka indikatorer följs upp per månad?" when no row is: the list asked for does not
        # exist, which is a decline (staff read "Jag hittar inga …" as one), not a list answer.
        intro = f"Jag hittar inga {what} i {where}."
        answer = Answer(
            answer=" ".join(part for part in (note, intro) if part),
            kind=AnswerKind.NOT_FOUND,
            decline=DeclineReason.EMPTY_LIST,
        )
        answer.suggestions = [
            f"Vilka {_ITEM_WORDS[query.item][1]} har {snap.meta(plans[0]).unit or 'enheten'}?"
        ]
        return answer
    units = unnamed_units(snap, reading, rows)
    if query.per_goal and rows:
        intro = _per_goal_intro(snap, query, plans, rows, what, where)
    elif query.ask is Ask.COUNT and units:
        # Several units and none named: the count each unit's plan has is what to choose from.
        counts = [(p, sum(r.source == p for r in rows)) for p in plans]
        lines = [f"- {doc_label(snap, p)}: {n} {_counted(what, n)}" for p, n in counts if n]
        intro = f"Antal {what} per plan:\n" + "\n".join(lines) + "\n\nAlla:"
    elif query.ask is Ask.COUNT:
        intro = f"{where[:1].upper() + where[1:]} har {len(rows)} {_counted(what, len(rows))}:"
    else:
        intro = f"{what[:1].upper() + what[1:]} i {where}:"
    intro = f"{note}\n\n{intro}" if note else intro
    answer = render(snap, rows, _COLUMNS[query.item], intro, "count" if query.ask is Ask.COUNT else "list")
    return as_clarify(answer, reading, units) if units else answer


def _group_goal(snap: Snapshot, source: str, key: str | None, level: GoalLevel | None) -> Goal | None:
    """The goal a row is counted under: its own, or the one above it at the level asked for."""
    goal = _goal_of(snap, source, key)
    if level is None or goal is None:
        return goal
    walk: Goal | None = goal
    while walk is not None and walk.level is not level:
        walk = _goal_of(snap, source, walk.parent_key)
    if walk is not None:
        return walk
    # A row filed above the level asked for (indicator tables under the KF goal) belongs to the
    # one goal of that level below it; with several, it stays under its own goal.
    goals = snap.parsed[source].goals
    below = [g for g in goals if g.level is level and g.key in keys_below(goals, {goal.key})]
    return below[0] if len(below) == 1 else goal


def _per_goal_intro(
    snap: Snapshot, query: ListQuery, plans: list[str], rows: list[Row], what: str, where: str
) -> str:
    """'Antal aktiviteter per mål' with one line per goal, and which goal has the most or fewest."""
    parsed = {p: snap.parsed[p] for p in plans}
    counts: dict[tuple[str, str], int] = {}
    labels: dict[tuple[str, str], str] = {}
    if query.group_level is not None:
        # Goals at the level asked for count even when nothing is filed under them ("minst").
        for source in plans:
            for goal in parsed[source].goals:
                if goal.level is query.group_level:
                    counts[(source, goal.key)] = 0
                    labels[(source, goal.key)] = _goal_name(goal)
    for row in rows:
        items = (
            parsed[row.source].indicators
            if row.kind is ChunkKind.INDICATOR
            else parsed[row.source].activities
        )
        filed = _group_goal(snap, row.source, items[row.ref].goal_key, query.group_level)
        key = (row.source, filed.key if filed else "")
        counts[key] = counts.get(key, 0) + 1
        labels.setdefault(key, _goal_name(filed) if filed else "utan mål")
    many = len(plans) > 1
    lines = [
        f"- *{labels[k]}*{_who(snap, k[0], many)}: {n} {_counted(_ITEM_WORDS[query.item][1], n)}"
        for k, n in counts.items()
    ]
    level = _LEVEL_WORDS[query.group_level][0] if query.group_level else "mål"
    intro = f"Antal {what} per {level} i {where}:\n" + "\n".join(lines)
    if query.most is not None and counts:
        edge = max(counts.values()) if query.most else min(counts.values())
        winners = " och ".join(f"*{labels[k]}*" for k, n in counts.items() if n == edge)
        word = "Flest" if query.most else "Färst"
        intro = f"{word} {_ITEM_WORDS[query.item][1]} ({edge}) har {winners}.\n\n{intro}"
    return intro + "\n\nAlla:"


def _counted(what: str, number: int) -> str:
    """'1 aktivitet som …', not '1 aktiviteter som …' (the description starts with the plural)."""
    if number != 1:
        return what
    plural = what.split(" ", 1)[0]
    singular = next((one for one, many in _ITEM_WORDS.values() if many == plural), plural)
    return singular + what[len(plural) :]


def _row_ref(snap: Snapshot, row: Row) -> RowRef:
    """A listed row as the topic narrowing reads it (its text and the goal it is filed under)."""
    parsed = snap.parsed[row.source]
    if row.kind is ChunkKind.INDICATOR:
        return RowRef(row.source, row.ref, row.cells[0], parsed.indicators[row.ref].goal_key)
    if row.kind is ChunkKind.ACTIVITY:
        return RowRef(row.source, row.ref, row.cells[0], parsed.activities[row.ref].goal_key)
    goal = parsed.goals[row.ref]
    return RowRef(row.source, row.ref, goal.title, goal.parent_key)


def _count_nouns(query: ListQuery) -> tuple[str, ...]:
    """Folded nouns a document uses when it states how many of the asked items it has."""
    if query.item is Item.INDICATOR:
        return ("indikatorer", "nyckeltal")
    if query.item is Item.ACTIVITY:
        return ("aktiviteter",)
    if query.level is GoalLevel.ENHETSMAL:
        return ("enhetsmal", "mal")
    if query.level is GoalLevel.NAMNDMAL:
        return ("namndmal",)
    return ("mal", "malen") if query.level is None else ()


def _stated_answer(
    snap: Snapshot, query: ListQuery, source: str, rows: list[Row], what: str, where: str
) -> Answer | None:
    """The count one document states in its text, when it says there are more items than its rows.

    Rows can be incomplete (OCR'd applications, goals described only in prose); the document's
    own figure then answers, cited, and the rows found are listed under it. A plan whose rows
    are complete never states more, so its count stays the rows' count.
    """
    if query.goal_number or query.periodicity or query.when or query.target is not None:
        return None  # a filtered count is a count of rows; the text states totals only
    nouns = _count_nouns(query)
    stated = document_count(stated_counts(snap.chunks_of(source), nouns)) if nouns else None
    if stated is None or stated.number <= len(rows):
        return None
    cites = Citations(snap)
    marker = cites.cite(stated.chunk, stated.sentence)
    intro = f"{where[:1].upper() + where[1:]} har {stated.number} {what} enligt texten {marker}."
    if rows:
        intro += f" Av dem kan jag läsa ut {len(rows)} ur dokumentet:"
    return render(snap, rows, _COLUMNS[query.item], intro, "count", cites=cites)


def structured_answer(
    snap: Snapshot, reading: QuestionReading, sources: list[str], today: dt.date
) -> Answer | None:
    """Every answer of this package, tried in order: lists and counts, comparisons, budget and
    administration, counts and lists written in prose.

    Args:
        snap: The knowledge snapshot.
        reading: The read question.
        sources: The documents the router chose.
        today: Today's date.

    Returns:
        An answer from stored rows, or None to let the other answers try.
    """
    from knowledge.answers.compare import compare_answer
    from knowledge.answers.fact_answers import fact_answer
    from knowledge.answers.list_heads import prose_list_answer
    from knowledge.answers.prose_counts import prose_count_answer

    for attempt in (
        lambda: list_answer(snap, reading, sources, today),
        lambda: compare_answer(snap, reading, sources),
        lambda: fact_answer(snap, reading, sources),
        lambda: prose_count_answer(snap, reading, sources),
        lambda: prose_list_answer(snap, reading, sources),
    ):
        result = attempt()
        if result is not None:
            return result
    return None


def _dates_in(reading: QuestionReading) -> int | None:
    """The year a list question's date filter names ("startade 2022"), if any."""
    query = read_list_question(reading.text, reading.goal_number)
    return query.when.year or None if query is not None and query.when is not None else None


def route_rows(ans: Answerer, snap: Snapshot, reading: QuestionReading) -> Answer | None:
    """The router's entry: choose documents as the router does, then answer from rows (or None).

    'i år' reads as this year; when no plan of this year exists the router would decline, so the
    list is made from the latest plans instead and the answer says which year is used.
    """
    sources, refusal = ans.select_documents(snap, reading)
    today = ans.today()
    if refusal is not None and reading.year == today.year and THIS_YEAR.search(fold(reading.text)):
        relaxed = reading.model_copy(update={"year": None, "years": []})
        sources, refusal = ans.select_documents(snap, relaxed)
        reading = relaxed
    if refusal is not None and reading.year is not None and _dates_in(reading) == reading.year:
        # "hur många aktiviteter startade 2022?" names the year of the dates, not of a plan: the
        # 2023 plan holds activities started in 2022.
        years = [y for y in reading.years if y != reading.year]
        relaxed = reading.model_copy(update={"year": years[0] if years else None, "years": years})
        sources, refusal = ans.select_documents(snap, relaxed)
        reading = relaxed
    if refusal is not None or not sources:
        return None
    answer = structured_answer(snap, reading, sources, today)
    if answer is not None:
        first = answer.citations[0].source if answer.citations else sources[0]
        answer.context = answer_context(snap, first, reading)
    return answer


def item_rows(
    snap: Snapshot, item: Item, source: str, refs: list[int], today: dt.date
) -> tuple[list[Row], list[str]]:
    """One plan's indicator or activity rows by index, in the order given, and the table's columns.

    Used by follow-ups that pick among the rows a list just showed (answers/followup_subset.py).
    """
    query = ListQuery(ask=Ask.LIST, item=item)
    every = (
        indicator_rows(snap, query, [source])
        if item is Item.INDICATOR
        else activity_rows(snap, query, [source], today)
    )
    by_ref = {row.ref: row for row in every}
    return [by_ref[r] for r in refs if r in by_ref], _COLUMNS[item]
