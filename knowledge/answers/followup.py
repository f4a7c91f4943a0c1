"""Follow-ups about the text just quoted: "var ligger de?", "kan man äta där?", "och utfallet 2017?".

`apply_context` (knowledge/understand/reading.py) resolves what a follow-up keeps from the
conversation (unit, year, indicator, goal). A follow-up about a *prose* answer asks for another
detail of the passage just quoted, or the same detail of the next thing named in it. Searching the
whole plan for "ligger" or "2017" finds other places; so this module looks in the previous answer's
document first, in the section it quoted, for a paragraph that holds every word the follow-up adds
and the words of the question before it, and quotes the best sentence of that paragraph.

A short full question that took the conversation's unit ("hur ofta har vi APT?" after the unit's
goal on the work environment) is looked up in the sections just quoted only, its words as written;
a follow-up without words of its own that asks a kind of detail ("hur ofta?", "vem?", "var?") gets
the sentence about the subject that states one. A word that only restates that kind ("ligga" in
"var ska den ligga?", understand/type_words.tsv) is not required of the sentence; and a follow-up
that refers back and asks such a detail in words found nowhere with the subject ("från vilken ålder
tar dom emot folk?") is answered from the sentences the previous answer showed.

`remember` records, after every answer, what such a follow-up needs: the question as asked, the
sections quoted (`ConversationContext.question`, `.section`, `.sections`), the activity cited first
(`.activity`: "när?"), the items a list showed in order (`.items`: "den andra"), and whether the user
named the unit (`.unit_named`). A turn that found nothing leaves the conversation as it was, and
`starts_afresh` says when a declined full question should be asked again without the conversation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.answer import Answer, AnswerKind, Citation, ConversationContext
from knowledge.answers.cite import Citations
from knowledge.answers.followup_chain import Kind, rows_of_goal
from knowledge.answers.goal import answer_context
from knowledge.answers.list_topic import keys_below
from knowledge.answers.phrasing import ancestors, doc_label
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.extract import asks_quantity, sentences, verbatim_span
from knowledge.retrieval.fillers import filler_strengths
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, query_groups, stem_tokens
from knowledge.understand import vocab as v
from knowledge.understand.answer_types import AnswerType, asked_types
from knowledge.understand.intent import Intent
from knowledge.understand.reading import HOW_FOLLOWED, QuestionReading
from knowledge.understand.type_words import restating_stems

# Answers that quote a section of prose; a follow-up about them is looked up in that section. The
# unit's introduction is prose too ("vad gör stadsdelsmammorna?" quotes it; "hur många är dom?" is
# answered next to it), and so is the sentence an administrative fact is quoted from ("55 medarbetare":
# "hur många av dom är män?" is answered by the same sentence).
PROSE_KINDS = frozenset(
    (AnswerKind.PASSAGES, AnswerKind.ROUTINE, AnswerKind.OUTCOME, AnswerKind.OVERVIEW, AnswerKind.ADMIN)
)

# Answers about one table row or goal: the cited item is what a follow-up continues from.
ITEM_KINDS = frozenset((AnswerKind.INDICATOR, AnswerKind.GOAL, AnswerKind.ACTIVITY, AnswerKind.OUTCOME))

# Intents of a question that asks about prose (not a table row, a goal or a term).
_PROSE_INTENTS = frozenset((Intent.GENERAL, Intent.ROUTINE, Intent.OUTCOME, Intent.ORGANISATION))

# Words that carry no detail of their own in a follow-up ("och", "då", pronouns, "man" …); "ansvarar"
# is generic in a topic but is the detail asked for in "vem ansvarar?".
_FILLER = frozenset(
    stem
    for word in v.PRONOUNS
    | v.GENERIC
    | v.REFERS_BACK
    | v.GREET
    | v.OWN_WORDS
    | frozenset(
        ("och", "da", "an", "men", "aven", "ocksa", "man", "kan", "vad", "hur", "var", "vilka", "vilken")
    )
    for stem in stem_tokens(fold(word), drop_stopwords=False)
) - frozenset(stem for word in ("ansvarar", "ansvarig") for stem in stem_tokens(word, drop_stopwords=False))
# The verbs of following up and measuring: a follow-up made only of them adds no detail.
_VERBS = frozenset(
    stem for word in v.FIELD_WORDS | v.PERIOD_WORDS for stem in stem_tokens(word, drop_stopwords=False)
)
# The verbs of following up and measuring alone: not the subject of the question they are in
# ("hur ofta följer de upp ekonomin?" is about "ekonomin").
_FOLLOW_VERBS = frozenset(
    stem
    for word in ("foljs", "foljer", "folja", "foljas", "upp", "uppfoljning", "ofta", "mats", "matas")
    for stem in stem_tokens(word, drop_stopwords=False)
)
_PARAGRAPH = re.compile(r"\n\s*\n")
# A number or a count in words: what a "hur många" question is answered with (a year such as the
# "2014-2018" of a figure caption is no such number).
_NUMBER = re.compile(
    r"(?<![\d-])(?!(?:19|20)\d\d(?![\d,.]))\d|\b(?:två|tva|tre|fyra|fem|sex|sju|åtta|atta|nio|tio|elva|tolv)\b",
    re.IGNORECASE,
)
# A year as the stemmer leaves it.
_YEAR_STEM = re.compile(r"(?:19|20)\d\d")
# Chunks of running text (sections, and the outcome and fact passages cut out of them).
_PROSE_CHUNKS = frozenset((ChunkKind.SECTION, ChunkKind.OUTCOME, ChunkKind.FACT))


@dataclass(frozen=True)
class _Found:
    chunk: Chunk
    span: list[str]
    score: float


def _stems(text: str) -> list[str]:
    return [s for s in stem_tokens(text) if s not in _FILLER]


def _has(stem: str, present: frozenset[str]) -> bool:
    """A stem occurs, or one of its family ("utfallet" ~ "utfall", "säljer" ~ "försäljning")."""
    return stem in present or _family(stem, present)


def shares_start(stem: str, present: frozenset[str]) -> bool:
    """One of the stems starts with `stem` or is its start, both of five letters or more.

    "medskapandeindexet" ~ "medskapandeindex", "utfallet" ~ "utfall": inflections the stemmer
    leaves, in either direction; shorter stems would meet every compound.
    """
    return len(stem) >= 5 and any(len(p) >= 5 and (p.startswith(stem) or stem.startswith(p)) for p in present)


@lru_cache(maxsize=200_000)
def _family(stem: str, present: frozenset[str]) -> bool:
    """`_has` beyond the stem itself (cached: the same sentences are scanned on every follow-up)."""
    if shares_start(stem, present):
        return True
    # The last part of a compound or a prefixed derivation ("säljer" ~ "försäljning").
    # Not a compound that merely ends in the word ("kostar" is not "frukost"), and a short word only
    # behind a short prefix ("för-säljning", not "resursan-vändning").
    return len(stem) >= 4 and any(
        len(p) >= len(stem) + 3
        and not p.endswith(stem)
        and 2 <= p.find(stem, 2) <= (3 if len(stem) < 5 else len(p))
        for p in present
    )


@lru_cache(maxsize=100_000)
def _stem_set(text: str) -> frozenset[str]:
    """The stems of a sentence (cached: the same plan sentences are scanned on every follow-up)."""
    return frozenset(stem_tokens(text))


@lru_cache(maxsize=20_000)
def _sentences(paragraph: str) -> tuple[str, ...]:
    return tuple(sentences(paragraph))


def _has_all(stems: set[str], present: frozenset[str]) -> bool:
    return all(_has(s, present) for s in stems)


def _share(stems: set[str], present: frozenset[str]) -> float:
    """Share of the stems present; a family member counts half ("utreder" is not "utredningsinstrument")."""
    if not stems:
        return 0.0
    return sum(1.0 if s in present else 0.5 * _has(s, present) for s in stems) / len(stems)


def remember(
    answer: Answer, reading: QuestionReading, context: ConversationContext, snap: Snapshot | None = None
) -> Answer:
    """Record in the answer's context what a follow-up is resolved against.

    The question as asked, the prose section quoted first, the activity cited first (whichever
    route found it: "när?" asks about it), the items a list showed in order ("den andra"), and
    (when the answer is one table row or goal) the indicator name and goal cited first. A turn
    that found nothing leaves the conversation where it was: the user rephrases, or asks on
    about the same unit and item.

    Args:
        answer: The answer just built (its `context` names the document it came from).
        reading: The question as read, with the conversation applied.
        context: The context the question was asked in.
        snap: The snapshot the answer cites (None: the cited items are not looked up).

    Returns:
        The answer with `context` completed (the earlier context after a decline).
    """
    ctx = answer.context
    if not ctx.source:
        if answer.kind is AnswerKind.NOT_FOUND and context.source:
            answer.context = context
        return answer
    first = next((c for c in answer.citations if c.source == ctx.source), None)
    prose = answer.kind in PROSE_KINDS or (
        # A list read out of a paragraph ("Enheten ställer Freda kortfrågor …" for "vilka frågor
        # ställer vi?") quoted prose: "vilka ska ha utbildning i det?" is looked up there too.
        answer.kind is AnswerKind.LIST
        and snap is not None
        and first is not None
        and _cites_prose(snap, first)
    )
    quoted = [c.section for c in answer.citations if c.source == ctx.source] if prose else []
    if answer.kind is AnswerKind.GOAL and answer.citations and answer.citations[0].source == ctx.source:
        # A goal's own sections (Arbetssätt, Resursanvändning, …) lie under it: "vilka resurser
        # använder de?" is looked up there.
        quoted = [answer.citations[0].section]
    update: dict[str, object] = {
        "quoted": [c.quote for c in answer.citations if c.source == ctx.source][:_QUOTES]
        if prose or answer.kind is AnswerKind.LIST
        else [],
        "section": quoted[0] if quoted else None,
        "sections": list(dict.fromkeys(s for s in quoted[1:MAX_ITEMS] if s != quoted[0])),
        "question": reading.text,
    }
    named_here = bool(reading.units or reading.districts) and not {"units", "districts"} & set(
        reading.from_context
    )
    kept = context.unit_named and "units" in reading.from_context and ctx.unit == context.unit
    update["unit_named"] = named_here or kept
    # "hur följs det upp?" adds no subject: the next follow-up is still about the earlier question.
    if reading.is_followup and context.question and not (set(_stems(reading.text)) - _VERBS):
        update["question"] = context.question
    if snap is not None and first is not None:
        cited = [_cited_item(snap, c) for c in answer.citations[:MAX_ITEMS] if c.source == ctx.source]
        if answer.kind in ITEM_KINDS:
            update |= {
                k: value
                for k, value in cited[0].items()
                if k in _ITEM_KEYS and value and getattr(ctx, k) is None
            }
        elif prose and cited and cited[0].get("kind") == "indicator":
            # A passage answer that leads with an indicator row showed that row, as the row's own
            # answer would: "hur ofta mäts det?", "vad gör vi kring det?" ask about it (typed slot,
            # not re-read from the text).
            update |= {
                k: value
                for k, value in cited[0].items()
                if k in _ITEM_KEYS and value and getattr(ctx, k) is None
            }
        elif ctx.goal_key is None and cited and (key := cited[0].get("goal_key")):
            # Every row and paragraph lies under a goal: "hur följs det upp?", "vilka indikatorer
            # har det målet?" after an activity or a quoted paragraph ask about that goal.
            update["goal_key"] = key
        # The activity cited first, even behind a passage ("ska vi samordna Tora och Kravatten?" quotes
        # the plan's prose, then the activity row that says when): "när?" asks about it.
        if activity := next((a for c in cited if (a := c.get("activity"))), None):
            update["activity"] = activity
        update["items"] = [] if _one_goal_in_its_chain(snap, ctx.source, cited) else _listed(cited)
        if answer.kind is AnswerKind.LIST and not update["items"]:
            update |= _only_row(cited)
        if not update["items"] and context.items and reading.topic in context.items:
            # "när startar den andra?" picked one item of the list: the list is still on the table
            # for "och den tredje?".
            update["items"] = context.items
    answer.context = ctx.model_copy(update=update)
    return answer


def starts_afresh(answer: Answer, reading: QuestionReading) -> bool:
    """Whether a declined full question should be asked again without the conversation's unit.

    A full question with a topic of its own ("hur många deltagare har Kravatten?") keeps the unit
    the conversation was about; when that unit's documents hold nothing on it, the question is
    about something else (a new topic replaces the old context), so it is answered on its own.
    An elliptic follow-up ("och 2020?") has nothing to stand on without the context: never.
    """
    took_place = bool({"units", "districts"} & set(reading.from_context))
    return answer.kind is AnswerKind.NOT_FOUND and took_place and not reading.is_followup


# A follow-up points into at most this many of the passages an answer quoted (the first ones shown).
_QUOTES = 3
# An answer lists at most this many items (lists show 12) that "den sista" can point at.
MAX_ITEMS = 14
# What the item cited first carries over to the next turn (besides its activity).
_ITEM_KEYS = frozenset(("indicator", "goal_key"))


def _one_goal_in_its_chain(snap: Snapshot, source: str, cited: list[dict[str, str | None]]) -> bool:
    """Whether the goals cited are one goal shown with the goals above it and goals under it (a
    goal's own answer, or the goal a row belongs to with its chain): "det" in the next turn is that
    goal, not one of a list."""
    keys = [k for c in cited if c.get("kind") == "goal" and (k := c.get("goal_key"))]
    if len(keys) < 2 or len(keys) != len(cited) or source not in snap.parsed:
        return False
    by_key = {g.key: g for g in snap.parsed[source].goals}
    first = by_key.get(keys[0])
    if first is None:
        return False
    above = {g.key for g in ancestors(snap, source, first)}
    others = keys[1:]
    under = keys_below(list(by_key.values()), {first.key}) - {first.key}
    return bool(above & set(others)) and all(k in above or k in under for k in others)


def _only_row(cited: list[dict[str, str | None]]) -> dict[str, object]:
    """A list that shows one table row leaves that row under discussion, as the row's own answer
    would: "vad ska den ligga på?" after "finns det nån indikator om SIP?" asks its target."""
    rows = [c for c in cited if c.get("kind") in ("indicator", "activity")]
    if len({c.get("name") for c in rows}) != 1:
        return {}
    row = rows[0]
    found: dict[str, object] = {k: value for k, value in row.items() if k in _ITEM_KEYS and value}
    if indicator := row.get("indicator"):
        found |= {"topic": indicator, "intent": Intent.INDICATOR.value}
    return found


def _listed(cited: list[dict[str, str | None]]) -> list[str]:
    """The names an answer listed, in order: rows (indicators, activities), else goals; [] for one."""
    rows = [name for c in cited if c.get("kind") in ("indicator", "activity") and (name := c.get("name"))]
    goals = [name for c in cited if c.get("kind") == "goal" and (name := c.get("name"))]
    names = list(dict.fromkeys(rows or goals))
    return names if len(names) > 1 else []


def _cites_prose(snap: Snapshot, citation: Citation) -> bool:
    """Whether a citation quotes running text (a section's paragraph), not a table row or a goal."""
    head = citation.quote.rstrip("…")[:60]
    return any(
        chunk.kind in _PROSE_CHUNKS and chunk.breadcrumb == citation.section and head in chunk.text
        for chunk in snap.chunks_of(citation.source)
    )


def _cited_item(snap: Snapshot, citation: Citation) -> dict[str, str | None]:
    """The table row or goal a citation quotes: its kind, name, indicator name, activity and goal key."""
    parsed = snap.parsed.get(citation.source)
    if parsed is None:
        return {}
    head = citation.quote.rstrip("…")[:60]
    under: dict[str, str | None] = {}
    for chunk in snap.chunks_of(citation.source):
        if chunk.breadcrumb != citation.section or head not in chunk.text:
            continue
        if chunk.goal_key and not under:
            # A paragraph of prose gives only the goal it lies under (unless a row matches too).
            under = {"goal_key": chunk.goal_key}
        if chunk.ref is None:
            continue
        if chunk.kind is ChunkKind.INDICATOR and chunk.ref < len(parsed.indicators):
            row = parsed.indicators[chunk.ref]
            return {"kind": "indicator", "name": row.name, "indicator": row.name, "goal_key": row.goal_key}
        if chunk.kind is ChunkKind.ACTIVITY and chunk.ref < len(parsed.activities):
            act = parsed.activities[chunk.ref]
            return {"kind": "activity", "name": act.text, "activity": act.text, "goal_key": act.goal_key}
        if chunk.kind is ChunkKind.GOAL and chunk.ref < len(parsed.goals):
            goal = parsed.goals[chunk.ref]
            return {"kind": "goal", "name": goal.title, "goal_key": goal.key}
    return under


def _continues_passage(reading: QuestionReading) -> bool:
    """A short full question that took the conversation's unit ("hur ofta har vi APT?" after the
    unit's goal on the work environment): it may ask about the passage just quoted, so it is looked
    up there first, and only there (`_best(strict=True)`); otherwise the routes answer it."""
    return (
        not reading.is_followup
        and "units" in reading.from_context
        and reading.intent in _PROSE_INTENTS
        and len(reading.text.split()) <= _SHORT_QUESTION
    )


# A full question of at most this many words can be a question about the passage just quoted.
_SHORT_QUESTION = 7


def _applies(reading: QuestionReading, context: ConversationContext) -> bool:
    follows = reading.is_followup or _continues_passage(reading)
    if not (follows and context.source and context.section and context.question):
        return False
    if (reading.units and "units" not in reading.from_context) or (
        reading.districts and "districts" not in reading.from_context
    ):
        return False  # another unit or district: the routes answer it there
    if "intent" in reading.from_context:
        # The intent came from the conversation; a how-often question about an indicator or a
        # goal was resolved to that item by `apply_context`.
        return reading.sub_intent not in ("periodicity", "field:uppfoljning")
    # "hur många är dom?" after a passage has no topic of its own: it is about the passage's
    # subject, whatever kind of answer its bare question words would ask for alone (not when it
    # names a kind of item: "vilka aktiviteter har det?" asks for the goal's rows).
    bare = not reading.topic.strip() and not _ITEM_KINDS.search(fold(reading.text))
    return reading.intent in _PROSE_INTENTS or bare


# Words naming a kind of table item or goal.
_ITEM_KINDS = v.rx(r"aktivitet\w*|indikator\w*|mal|malet|malen|\w+mal|\w+malet|\w+malen")


def in_context(snap: Snapshot, reading: QuestionReading, context: ConversationContext) -> Answer | None:
    """Answer a follow-up about the passage just quoted from that passage's document, or None.

    The follow-up's own words ("ligger", "äta", "utfallet 2017"), or a synonym of each (the
    thesaurus: "äta" ~ "lunch"), must all occur in one paragraph; among such paragraphs the one
    that also holds most words of the previous question (the subject: "Droppen/Bruket", "budget")
    wins, the quoted section first; when the previous question named its subject ("Tora"), only
    paragraphs that name it count. Its best sentence is quoted. A follow-up that adds no word of
    its own ("och vad gör de där?") gets the opening of the paragraph about the named subject.
    None when the question is not such a follow-up or nothing fits, so that the other answer
    routes try.

    Args:
        snap: The knowledge snapshot.
        reading: The follow-up as read, with the conversation applied.
        context: What the previous answer left behind.
    """
    if (items := goal_items(snap, reading, context)) is not None:
        return items
    if not _applies(reading, context) or context.source not in snap.parsed:
        return None
    text = reading.text
    for word in reading.chatter:
        text = text.replace(word, " ")
    types = asked_types(text) & _DETAIL_TYPES
    ask = set(_stems(text))
    places = _place_stems(snap)
    proper = _proper_words(snap, context.source or "")
    new_subject = bool(_names(text, proper) - places)
    subject = (_names(text, proper) if new_subject else _names(context.question or "", proper)) - places
    if not ask and not reading.is_followup:
        return None  # a full question with no word of its own to look up: the routes answer it
    if not ask:
        if reading.topic in {context.activity, context.indicator, *context.items}:
            return None  # the conversation already named the item ("när?" → the activity's dates)
        best = _about_subject(snap, context, subject) if subject else None
        prev = set(_stems(context.question or "")) - places - _DOC_WORDS - _FOLLOW_VERBS
        if best is not None:
            pass
        elif _WHY.search(fold(text)):
            # "varför (då)?": the sentence that gives a reason, about the subject just discussed.
            best = _best(snap, context, [_REASON], prev)
        elif types:
            # "hur ofta?", "vem ansvarar?", "var ligger det?": the sentence about the subject that
            # states a frequency, a person, a place … (retrieval/fillers.py), not any number.
            follows_up = bool(HOW_FOLLOWED.search(fold(text)))  # "hur ofta?": the goal's Uppföljning too
            best = _best(snap, context, [], prev, follows_up=follows_up, types=types)
        elif asks_quantity(text):
            # "hur många är dom?": the number stated about the subject of the previous question.
            best = _best(snap, context, [], prev, quantity=True)
    elif not (ask - _VERBS) and not HOW_FOLLOWED.search(fold(text)):
        return None
    else:
        # The subject of the previous question: its content words, not its verbs of following up.
        prev = set(_stems(context.question or "")) - ask - places - _DOC_WORDS - _FOLLOW_VERBS
        if reading.years:
            # "och 2017?" after a question about 2018: the old year is what changes, not the subject
            # (a row under a header of years holds it too: "2017 2018 2019 / Min chef …").
            prev = {s for s in prev if not _YEAR_STEM.fullmatch(s)}
        if new_subject:  # a new subject by name ("och Tora då?") replaces the old one's name
            prev -= _names(context.question or "", proper)
        follows_up = bool(HOW_FOLLOWED.search(fold(text)))
        listing = bool(_LISTING.search(fold(text)))
        best = _best(
            snap,
            context,
            _ask_groups(text, ask),
            prev,
            new_subject,
            subject,
            follows_up,
            listing=listing,
            types=types,
            strict=not reading.is_followup,
            # "ligga" in "var ska den ligga?" only says a place is asked: the sentence that states
            # one answers without it (understand/type_words.py).
            optional=restating_stems(types),
        )
        if best is None and types and reading.is_followup:
            # "från vilken ålder tar dom emot folk?": its own words are nowhere with the subject,
            # but it refers back ("dom") and asks a kind of detail; the passage just quoted is what
            # it refers to, and its sentence that states that kind of detail answers.
            best = _best(snap, context, [], prev, types=types, quoted_only=True)
    if best is None:
        return None
    cites = Citations(snap)
    marker = cites.cite(best.chunk, verbatim_span(best.chunk.text, best.span))
    quote = " ".join(" ".join(best.span).split())
    return Answer(
        answer=f"Enligt {doc_label(snap, best.chunk.source)}:\n\n{quote} {marker}",
        kind=AnswerKind.PASSAGES,
        citations=cites.items,
        context=answer_context(snap, best.chunk.source, reading),
    )


# The kinds of detail a follow-up without words of its own asks of the subject just discussed, that
# the answer-type grammar recognises in a sentence (a count keeps the number test of `_NUMBER`:
# the grammar also counts years).
_DETAIL_TYPES = frozenset(
    (
        AnswerType.FREQUENCY,
        AnswerType.PERSON,
        AnswerType.PLACE,
        AnswerType.DURATION,
        AnswerType.AMOUNT,
        AnswerType.AGE,
    )
)


def _fills(sentence: str, types: frozenset[AnswerType]) -> float:
    """How strongly a sentence states a detail of one of the asked kinds (0 when none)."""
    strengths = filler_strengths(sentence)
    return max((strengths.get(t, 0.0) for t in types), default=0.0)


# "varför?" is answered by a sentence that gives a reason or a purpose ("En anledning till … var",
# "Syftet med detta är …", "… eftersom …").
_WHY = re.compile(r"\bvarfor\b")
_REASON = frozenset(
    stem
    for word in ("anledning", "anledningen", "orsak", "orsaken", "syfte", "syftet", "darfor", "eftersom")
    for stem in stem_tokens(word, drop_stopwords=False)
)

# Words naming a document, not a subject ("i hässelbys kvalitetsutmärkelse", "i VP:n").
_DOC_WORDS = frozenset(
    stem
    for word in ("verksamhetsplan", "verksamhetsplanen", "kvalitetsutmärkelse", "vp", "ku", "plan", "planen")
    for stem in stem_tokens(word, drop_stopwords=False)
)


def _place_stems(snap: Snapshot) -> frozenset[str]:
    """Stems of the stored units' and districts' names: a place is not the subject of a follow-up."""
    names = {name for m in snap.metas for name in (m.unit, m.district) if name}
    return frozenset(stem for name in names for stem in _name_stems(name))


@lru_cache(maxsize=4096)
def _name_stems(name: str) -> tuple[str, ...]:
    return tuple(stem_tokens(name))


def _ask_groups(text: str, ask: set[str]) -> list[frozenset[str]]:
    """Each word the follow-up asks with, as its stems plus its thesaurus synonyms' stems."""
    groups = [frozenset((own & ask) | synonyms) for own, synonyms in query_groups(text) if own & ask]
    covered = {s for g in groups for s in g}
    return groups + [frozenset((s,)) for s in ask if s not in covered]


def _holds(groups: list[frozenset[str]], present: frozenset[str]) -> bool:
    """Every asked word, or one of its synonyms, occurs."""
    return all(any(_has(s, present) for s in group) for group in groups)


def _asked(groups: list[frozenset[str]], present: frozenset[str]) -> float:
    """Share of the asked words that occur (a synonym or a family member counts half)."""
    if not groups:
        return 0.0
    return sum(
        1.0 if group & present else 0.5 * any(_has(s, present) for s in group) for group in groups
    ) / len(groups)


def _related(breadcrumb: str, section: str | None, follows_up: bool) -> bool:
    """Whether a chunk lies in the section just quoted (or, for "hur följs det upp?", its Uppföljning).

    The same heading under another path is the same section ("… › Vanligt förekommande termer"
    is indexed twice), unless it is one of the headings every goal has ("Arbetssätt").
    """
    if section is None:
        return False
    if breadcrumb == section or breadcrumb.startswith(section + " › "):
        return True  # the section, or a part of it (a goal's Arbetssätt under the goal)
    *parent, last = breadcrumb.split(" › ")
    *quoted_parent, quoted_last = section.split(" › ")
    heading = fold(last).split()
    if last == quoted_last and not (set(heading) & _FIELD_HEADINGS):
        return True
    return follows_up and parent == quoted_parent and _follow_up_heading(breadcrumb)


@lru_cache(maxsize=4096)
def _field_heading(breadcrumb: str) -> frozenset[str]:
    """The stems of a chunk's heading when it is one of a goal's fields (Arbetssätt, Resursanvändning …)."""
    last = breadcrumb.rsplit(" › ", 1)[-1]
    words = fold(last).split()
    return _stem_set(last) if words and words[0] in _GOAL_FIELDS else frozenset()


# The headings of a goal's own fields (not a report's "Resultat", which holds anything).
_GOAL_FIELDS = frozenset(
    ("arbetssatt", "arbetsatt", "resursanvandning", "uppfoljning", "utveckling", "beskrivning", "forvantat")
)


def _in_quotes(sentence: str, quotes: list[str]) -> bool:
    """Whether the previous answer showed the sentence (its opening lies in one of the quotes)."""
    head = " ".join(sentence.split())[:_QUOTE_HEAD]
    return bool(head) and any(head in " ".join(q.split()) for q in quotes)


# The opening of a sentence that identifies it in a quote (quotes are cut at 400 characters).
_QUOTE_HEAD = 50


def _same_parent(breadcrumb: str, section: str | None) -> bool:
    """Whether a chunk is another part of the goal or chapter the quoted section belongs to."""
    if section is None or " › " not in section or " › " not in breadcrumb:
        return False
    parent = breadcrumb.rsplit(" › ", 1)[0]
    return parent == section.rsplit(" › ", 1)[0] and " › " in parent


# "vilka …?" asks for every item; a paragraph of at most this many short lines is one list.
_LISTING = re.compile(r"\bvilka\b")
_LIST_LINES, _LIST_LINE_WORDS = 5, 12


def _is_list(own: tuple[str, ...]) -> bool:
    """Whether a paragraph's own sentences are a short list of short lines (a field's items)."""
    return 1 < len(own) <= _LIST_LINES and all(len(line.split()) <= _LIST_LINE_WORDS for line in own)


# A line of two or more years and nothing else: the header of a small table of yearly figures.
_YEAR_HEADER = re.compile(r"^\s*(?:(?:19|20)\d\d\s*){2,}$")

# A sentence this short does not stand alone: it finishes the one before ("Uppföljning månadsvis.").
_FRAGMENT_WORDS = 3


def _follow_up_heading(breadcrumb: str) -> bool:
    """Whether a section is a goal's "Uppföljning": where "hur följs det upp?" is answered."""
    return fold(breadcrumb.rsplit(" › ", 1)[-1]).startswith("uppfoljning")


# Headings every goal repeats: the same heading elsewhere is another goal's section.
_FIELD_HEADINGS = v.FIELD_WORDS | frozenset(("aktiviteter", "indikatorer", "arbetssatt", "uppfoljning"))


def _about_subject(snap: Snapshot, context: ConversationContext, subject: set[str]) -> _Found | None:
    """The opening of the paragraph about the subject just named ("och vad gör de där?").

    The paragraph whose first sentence names the subject earliest wins (the quoted section first
    on a tie); its first two sentences are quoted.
    """
    if not subject:
        return None
    best: tuple[float, _Found] | None = None
    for chunk, para, first in _paragraphs(snap, context.source or ""):
        if first >= len(para):
            continue
        opening = stem_tokens(para[first])
        at = next((k for k, stem in enumerate(opening) if _has(stem, frozenset(subject))), None)
        if at is None:
            continue
        span = [p for p in para[first : first + 2] if p in chunk.text] or [para[first]]
        score = -at + 0.5 * _related(chunk.breadcrumb, context.section, False)
        if best is None or score > best[0]:
            best = (score, _Found(chunk, span, score))
    return best[1] if best else None


def _names(text: str, proper: frozenset[str] = frozenset()) -> set[str]:
    """Stems of the names in a question: capitalised words after the first ("… har Triangeln?"),
    and words the document always writes as names, however they were typed ("vad gör hägergruppen?").
    """
    words = re.findall(r"[^\W\d_][\w/-]*", text)
    return {
        stem
        for k, w in enumerate(words)
        if (k and w[0].isupper()) or fold(w) in proper
        for stem in stem_tokens(w)
    }


_PROPER_CACHE: dict[tuple[int, str], frozenset[str]] = {}
_WORD = re.compile(r"[^\W\d_][\w-]*")


def _inside_sentence(text: str, at: int) -> bool:
    """Whether a word follows a word of the same sentence ("… och Hägergruppen"), not a full stop,
    a bullet, a table cell or a line break."""
    return at > 1 and text[at - 1] == " " and (text[at - 2].isalnum() or text[at - 2] in ",)")


def _proper_words(snap: Snapshot, source: str) -> frozenset[str]:
    """Folded words a document writes only capitalised, and at least once inside a sentence:
    the names of its places, teams and projects (Hägergruppen, Tora, Kravatten), not words that
    merely open sentences."""
    key = (snap.generation, source)
    if key not in _PROPER_CACHE:
        upper_inside: set[str] = set()
        lower: set[str] = set()
        for chunk in snap.chunks_of(source):
            for m in _WORD.finditer(chunk.text):
                word = m.group()
                if word[0].islower():
                    lower.add(fold(word))
                elif len(word) > 2 and _inside_sentence(chunk.text, m.start()):
                    upper_inside.add(fold(word))
        if len(_PROPER_CACHE) > 64:
            _PROPER_CACHE.clear()
        _PROPER_CACHE[key] = frozenset(upper_inside - lower)
    return _PROPER_CACHE[key]


def _paragraphs(snap: Snapshot, source: str) -> list[tuple[Chunk, tuple[str, ...], int]]:
    """Each paragraph of the prose chunks as sentences, and where its own sentences start.

    A paragraph opening a chunk continues the last one of the chunk before in the same
    section (the chunker splits long paragraphs); any other takes the two sentences before it
    (a table row set apart from its header by a blank line).
    """
    out: list[tuple[Chunk, tuple[str, ...], int]] = []
    carried: tuple[str, ...] = ()
    previous = None
    for chunk in snap.chunks_of(source):
        if chunk.kind not in _PROSE_CHUNKS:
            continue
        if previous is None or previous.breadcrumb != chunk.breadcrumb or chunk.kind is not ChunkKind.SECTION:
            carried = ()
        parts: tuple[str, ...] = ()
        for k, paragraph in enumerate(_PARAGRAPH.split(chunk.text)):
            lead = carried if k == 0 else parts[-2:]
            own = _sentences(paragraph)
            if own:
                out.append((chunk, lead + own, len(lead)))
                parts = own
        carried, previous = parts, chunk
    return out


def goal_items(snap: Snapshot, reading: QuestionReading, context: ConversationContext) -> Answer | None:
    """The activities or indicators of the goal under discussion ("vilka aktiviteter hör till samma mål?").

    `apply_context` carries the goal (`goal_key`) of the last goal, indicator or activity answer
    when the follow-up refers to it; the items are those of that goal and the goals under it, in
    the conversation's document. None when the question does not carry a goal or nothing is
    listed under it.
    """
    wants = reading.intent in (Intent.ACTIVITY, Intent.INDICATOR)
    source = reading.context_source or context.source
    if not (wants and reading.goal_key and "goal_key" in reading.from_context) or source not in snap.parsed:
        return None
    goal = next((g for g in snap.parsed[source].goals if g.key == reading.goal_key), None)
    if goal is None:
        return None
    kind: Kind = "activity" if reading.intent is Intent.ACTIVITY else "indicator"
    return rows_of_goal(snap, reading, source, goal, kind, empty_ok=False)


def _best(
    snap: Snapshot,
    context: ConversationContext,
    groups: list[frozenset[str]],
    prev: set[str],
    new_subject: bool = False,
    subject: set[str] | None = None,
    follows_up: bool = False,
    quantity: bool = False,
    listing: bool = False,
    types: frozenset[AnswerType] = frozenset(),
    strict: bool = False,
    optional: frozenset[str] = frozenset(),
    quoted_only: bool = False,
) -> _Found | None:
    """The sentence that answers the follow-up (see `in_context`).

    Every asked word (or a synonym) must occur in the sentence's paragraph or in the two sentences
    before it (a table row under its header); the paragraph that also holds most words of the
    previous question wins (the quoted section first), and in it the sentence with most of those
    words. When the subject was named, a paragraph that names it beats any that does not.
    `strict` (a full question, see `_continues_passage`) looks in the sections just quoted only.
    An asked word among `optional` (it only restates the kind of detail asked, `types`) need not
    occur: a sentence that states such a detail answers without it. `quoted_only` looks at the
    sentences the previous answer showed only.
    """
    found: list[tuple[bool, _Found]] = []
    # The words that must occur; with none left, the kind of detail asked decides, as for a
    # follow-up without words of its own.
    required = [group for group in groups if not group & optional]
    quantity = quantity or asks_quantity(context.question or "")
    named = frozenset(subject or ())
    for chunk, para, first in _paragraphs(snap, context.source or ""):
        # A goal's field heading names what its lines are ("Resursanvändning" for "vilka resurser …").
        heading = _field_heading(chunk.breadcrumb)
        stems = [_stem_set(p) | heading if heading else _stem_set(p) for p in para]
        # A row under a header of years ("2017 2018 2019" / "Jag vet vad som 74 92 76") holds the
        # value of each year: "och 2018?" is answered by the row, read with its header.
        headed = [k > 0 and bool(_YEAR_HEADER.match(para[k - 1])) for k in range(len(para))]
        stems = [st | stems[k - 1] if headed[k] else st for k, st in enumerate(stems)]
        scope = frozenset().union(*stems)
        if not _holds(required, scope):
            continue
        # The section quoted first counts most, the others the answer quoted a little less.
        quoted = 1.0 if _related(chunk.breadcrumb, context.section, follows_up) else 0.0
        if not quoted and any(_related(chunk.breadcrumb, s, follows_up) for s in context.sections):
            quoted = 0.8
        if not quoted and _same_parent(chunk.breadcrumb, context.section):
            quoted = 0.5  # another part of the same goal or chapter ("vem ansvarar?" → its Uppföljning)
        if quoted_only and quoted < 0.8:
            continue
        about = _share(prev, scope)
        if about <= 0 and not quoted:
            continue  # elsewhere in the plan the paragraph must be about the same subject
        if strict and not (quoted and all(group & scope for group in required)):
            # A full question is looked up in the passage just quoted only, and its words must
            # occur there as written (or as a synonym), not merely inside a longer word.
            continue
        # The paragraph's own sentences name the subject (not the lead it borrows from the one before).
        own_scope = frozenset().union(*stems[first:])
        names_it = bool(named) and any(_has(s, own_scope) for s in named)
        # The paragraph about the subject opens with it ("Hägergruppen, som ligger i Fruängen, …");
        # another one only mentions it in passing.
        opens = names_it and first < len(para) and any(_has(s, stems[first]) for s in named)
        for i in range(first, len(para)):
            asked, before = _asked(groups, stems[i]), _share(prev, stems[i])
            # The sentence answers the follow-up: it holds an asked word, or (a new subject by
            # name, "och Kyrkogatans gruppboende?") the detail the previous question asked for.
            # With nothing asked of its own ("hur många är dom?") a sentence about the subject answers.
            if quoted_only and not _in_quotes(para[i], context.quoted):
                continue  # the passage just shown, not the rest of its section
            fill = _fills(para[i], types) if types else 0.0
            if not required and types:
                # Nothing asked but a kind of detail ("hur ofta?"): in a paragraph about the
                # subject, the sentence that states such a detail, the one about the subject first.
                if about <= 0 or fill <= 0 or (quoted_only and fill < 1.0):
                    continue  # (a sentence only shown before must state the detail outright)
            elif not groups and quantity:
                # Nothing asked but "hur många?": in a paragraph about the subject, the sentence
                # that states a number.
                if about <= 0 or not _NUMBER.search(para[i]):
                    continue
            elif asked <= 0 and not ((new_subject or not groups) and before > 0):
                continue
            # A new subject is already in the paragraph; the sentence holds what was asked before.
            # Otherwise the paragraph is about the subject, and the sentence that holds the detail
            # asked for beats one that only names the subject again.
            # The kind of detail asked weighs as an asked word ("hur ofta?" asks for the frequency).
            own = before + (0.0 if new_subject else 2 * asked) + 2 * fill
            if quantity and _NUMBER.search(para[i]):
                own += 0.5  # "hur många medarbetare har Triangeln?" → "… åtta medarbetare"
            # Quote from the nearest sentence that still holds every asked word (a table's header).
            start = next(
                (
                    j
                    for j in range(i, max(-1, i - 3), -1)
                    if _holds(required, frozenset().union(*stems[j : i + 1]))
                ),
                i,
            )
            if headed[start]:
                start -= 1  # the row with its header of years
            end = i + 1
            if end < len(para) and len(para[end].split()) <= _FRAGMENT_WORDS:
                end += 1  # "… följs upp av biträdande enhetschef. Uppföljning månadsvis."
            if listing and _is_list(para[first:]):
                # "vilka resurser använder de?": a paragraph of short lines is one list, quoted whole.
                start, end = first, len(para)
            span = [p for p in para[start:end] if p in chunk.text] or [para[i]]
            score = about + 0.5 * quoted + 0.5 * (follows_up and _follow_up_heading(chunk.breadcrumb))
            score += 0.1 * own - 0.01 * len(span) + 0.3 * opens
            found.append((names_it, _Found(chunk, span, score)))
    if any(names_it for names_it, _ in found):
        found = [f for f in found if f[0]]
    return max((f for _, f in found), key=lambda f: f.score, default=None)
