"""Reading a staff question: which unit, district, year and document type it names,
what it asks for (intent, sub-intent) and what it is about (topic).

Pure and fast (well under 2 ms): rules over folded tokens, plus rapidfuzz on word
n-grams for unit and district names, so that typos and OCR spellings
("forsorjningsstod", "Hésselby") still meet the canonical names. Aliases are derived from
the names of the documents' units and districts plus `query_vocab.CONCEPTS`, a small
table of common social-services synonyms, so that a new unit or district needs no code
change (see `query_match`). Intent cues live in `query_vocab`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from pydantic import BaseModel, Field

from knowledge.answer import ConversationContext
from knowledge.models import DocType, DocumentMeta
from knowledge.textnorm import fold
from knowledge.understand import measure_frames, workplace
from knowledge.understand import vocab as v
from knowledge.understand.aside import aside_indexes
from knowledge.understand.asks import Cue, Deadline, SubIntent, asks_for_intent, read_asks
from knowledge.understand.chatter import chatter_tokens, sentence_bounds
from knowledge.understand.clauses import asker_roles, asking_tokens, asks_back, context_tokens
from knowledge.understand.intent import Intent, classify
from knowledge.understand.mentions import (
    Catalogue,
    Mention,
    MentionUsage,
    Tok,
    catalogue,
    find_mentions,
    tokenize,
    weak_evidence,
)
from knowledge.understand.outcome_intent import OutcomeQuestion
from knowledge.understand.procedure import AUXILIARIES, asks_whole_procedure, frame_indexes
from knowledge.understand.side_words import side_words


class QuestionReading(BaseModel):
    """Everything `read_question` understood of one question."""

    text: str = Field(description="The question, whitespace-normalised.")
    units: list[str] = Field(default=[], description="Canonical unit names (DocumentMeta.unit) named.")
    districts: list[str] = Field(default=[], description="Canonical district names named.")
    year: int | None = None
    years: list[int] = Field(default=[], description="All years named, in order.")
    doc_type: DocType | None = Field(
        default=None, description="Type the question names; a preference, not a hard filter."
    )
    intent: Intent = Intent.GENERAL
    sub_intent: str | None = Field(default=None, description="Legacy sub-intent string; see `asks`.")
    asks: SubIntent = Field(
        default=SubIntent.GENERAL,
        description="The one reading of what is asked, settled by `understand.asks.PRECEDENCE`.",
    )
    cues: set[Cue] = Field(default=set(), description="Every cue found (features for a ranker).")
    outcome_question: OutcomeQuestion | None = Field(
        default=None, description="Which outcome answer the wording asks for (status, history …)."
    )
    deadline: Deadline | None = Field(default=None, description="Which activity deadline is asked about.")
    abbreviation: str | None = None
    goal_number: str | None = None
    topic: str = ""
    is_followup: bool = False
    looks_swedish: bool = True
    is_help: bool = False
    other_districts: list[str] = Field(
        default=[], description="Stockholm districts named that no document belongs to."
    )
    other_units: list[str] = Field(
        default=[], description="Kinds of unit named ('barn och unga') that no document belongs to."
    )
    from_context: list[str] = Field(default=[], description="Fields `apply_context` filled in.")
    goal_key: str | None = Field(
        default=None, description="The goal under discussion, when a follow-up refers to it ('samma mål')."
    )
    context_source: str | None = Field(
        default=None, description="The document the conversation is about, for follow-ups that keep its unit."
    )
    soft_units: list[str] = Field(
        default=[],
        description="Units named only by a word other units' documents also use ('boendestödet'): "
        "preferred when ranking documents, not a filter (see `mentions.weak_evidence`).",
    )
    context_unit: str | None = Field(
        default=None,
        description="The conversation's unit as soft evidence, for a question that names no unit and "
        "did not take the unit over (see `apply_context`).",
    )
    own_unit: bool = Field(
        default=False,
        description="The question speaks of the asker's own unit ('vi', 'vår', 'hos oss', 'min enhet'); "
        "the caller may map that to the user's unit.",
    )
    chatter: list[str] = Field(
        default=[], description="Words left out of intent and topic as chatter ('Hej', 'snabbfråga', 'tack')."
    )
    aside: list[str] = Field(
        default=[],
        description="Topic words said outside the clauses that ask ('ekonomin' in 'Har hört att ekonomin är "
        "tajt. Vilken del …?'): weighed below the asked words (see `understand.aside`).",
    )

    about_asker: list[str] = Field(
        default=[],
        description="Role nouns by which the asker says who they are ('boendestödjare' in 'Jag började nyss "
        "som boendestödjare, …?'): context, not a term the answer must use (see `clauses.asker_roles`).",
    )

    @property
    def names_one(self) -> bool:
        """Whether the named units / districts pin the question to one place.

        A name part shared by several ('Hägersten' fits Hägersten-Liljeholmen and
        Hägersten-Älvsjö) narrows the documents but must not pick one of them: the answer
        then lists each one's value, as for a question that names none.
        """
        return len(self.units) == 1 or len(self.districts) == 1


def _goal_number(text: str, toks: list[Tok]) -> tuple[str | None, set[int]]:
    m = v.GOALNO.search(text) or v.GOALNO1.search(text)
    if not m:
        return None, set()
    number = f"{m.group(1)}.{m.group(2)}" if m.re is v.GOALNO else m.group(1)
    lo = m.start(1)
    return number, {k for k, t in enumerate(toks) if lo <= t.start < m.end()}


def _years(toks: list[Tok], text: str, today: dt.date) -> tuple[list[int], set[int], set[int]]:
    """Years named (explicit and relative), the tokens they use, and where each starts."""
    years: list[int] = []
    used: set[int] = set()
    starts: set[int] = set()
    fs = [t.f for t in toks]
    for i, f in enumerate(fs):
        if i in used:
            continue
        nxt = fs[i + 1] if i + 1 < len(fs) else ""
        glued = i + 1 < len(toks) and text[toks[i].end : toks[i + 1].start] == "-"
        if re.fullmatch(r"(?:19|20)\d\d", f):
            if glued and re.fullmatch(r"(?:19|20)\d\d", nxt):  # a range, 2020-2025
                used |= {i, i + 1}
                continue
            if nxt in v.NOT_YEAR_AFTER:
                continue
            span = {i, i + 1, i + 2} if glued and len(nxt) == 2 else {i}  # a date, 2023-12-31
            years.append(int(f))
        elif (m := re.fullmatch(r"vp(\d\d)", f)) or (f == "vp" and re.fullmatch(r"\d\d", nxt)):
            years.append(2000 + int(m.group(1) if m else nxt))
            span = {i} if m else {i, i + 1}
        else:
            for phrase, delta in v.RELATIVE:
                words = phrase.split()
                if fs[i : i + len(words)] == words:
                    years.append(today.year + delta)
                    span = set(range(i, i + len(words)))
                    break
            else:
                continue
        used |= span
        starts.add(i)
    return years, used, starts


def _doc_type(toks: list[Tok]) -> tuple[DocType | None, set[int]]:
    for k, t in enumerate(toks):
        # "VP:n", "KU:n", "vår KU": the chat shorthand with its Swedish ending after a colon.
        short = t.raw.lower().split(":")[0]
        if t.f.startswith("verksamhetsplan") or re.fullmatch(r"vp(\d\d)?", t.f) or short == "vp":
            return DocType.VERKSAMHETSPLAN, {k}
        if t.f.startswith(("kvalitetsutmarkelse", "kvalitetsansokan", "utmarkelse")) or short == "ku":
            return DocType.KVALITETSUTMARKELSE, {k}
        if t.f.startswith("rutin"):
            return DocType.RUTIN, {k}
    return None, set()


def _language(toks: list[Tok]) -> bool:
    fs = [t.f for t in toks]
    sv = sum(f in v.STOP or f in v.SV_EXTRA for f in fs) + sum("å" in t.raw.lower() for t in toks)
    en = sum(f in v.EN for f in fs)
    fi = sum(f in v.FI for f in fs)
    return not ((en >= 2 and en > sv) or (fi >= 2 and fi > sv))


def _help(toks: list[Tok]) -> bool:
    words = [t.f for t in toks]
    while words and words[0] in v.GREET:
        words.pop(0)
    return not words or bool(v.HELP.match(" ".join(words)))


def _said(toks: list[Tok], chat_idx: set[int], starts: set[int]) -> list[Tok]:
    """The tokens that are not chatter, for follow-up detection.

    "Tack! Och för Spånga?" starts with "och" (a follow-up); in "Ny som chef och vill veta vilka …"
    the "och" only joined the chatter to the question, so it is dropped too.
    """
    said = [k for k in range(len(toks)) if k not in chat_idx]
    while said and toks[said[0]].f == "och" and said[0] - 1 in chat_idx and said[0] not in starts:
        said.pop(0)
    return [toks[k] for k in said]


# Pronouns that point at a place, a group or a thing just named ("där", "de", "den"); "det" also
# opens full questions ("finns det …", "är det …") and is not one of them.
_POINTING = frozenset(v.PRONOUNS - {"det", "detta"})
# "det" closing a question, alone or after a preposition, is the object pointed at ("vad kostar det?",
# "vad står det för?", "vad menas med det?"); a formal "det" comes before its subject ("finns det …").
_CLOSING_IT = frozenset(("det", "detta"))
_PREPOSITIONS = frozenset(("for", "med", "om", "pa", "till", "av", "i", "at"))
# The particles of Swedish particle verbs ("ta slut", "dra igång", "se ut"): "när tar det slut?",
# "hur ser det ut?" end on the pointing "det" but for the particle, as "vad står det för?" does.
_PARTICLES = frozenset(("slut", "igang", "ut", "upp", "in", "ner", "fram", "bort", "over", "tillbaka"))
# "hos oss", "hos er" after the pointing "det" name the asker's unit, not what is pointed at.
_OWN_TAIL = frozenset(("hos", "oss", "er"))


def _ends_pointing(said: list[Tok]) -> bool:
    """Whether a question ends on "det"/"detta" (or "det" + a preposition or a verb particle, or
    "hos oss"): it points back ("vem har hand om det hos oss?", "när tar det slut?")."""
    words = [t.f for t in said]
    while len(words) > 2 and words[-1] in _OWN_TAIL and words[-2] in _OWN_TAIL:
        words = words[:-2]
    if words and words[-1] in _PREPOSITIONS | _PARTICLES:
        words = words[:-1]
    return len(words) >= 2 and words[-1] in _CLOSING_IT


def _ends_own(said: list[Tok]) -> bool:
    """Whether a question ends on "hos oss"/"hos er" (two words that add nothing to point at)."""
    return len(said) > 2 and said[-2].f == "hos" and said[-1].f in _OWN_TAIL


# Asking how often or how something is followed up or measured ("hur ofta mäts den?", "hur följs det upp?").
HOW_FOLLOWED = v.rx(r"hur ofta|(?:foljs|foljer|folja|foljas)(?: \w+){0,2} upp|uppfoljning\w*|mats|matas")


def _content(words: list[str]) -> list[str]:
    """Topic words that name something (not the verbs of following up, measuring or reporting)."""
    return [w for w in words if fold(w) not in v.FIELD_WORDS | v.PERIOD_WORDS]


def _breaks(text: str, toks: list[Tok]) -> set[int]:
    """Tokens after punctuation or an emoji: where a clause or a name ends."""
    return {k for k in range(1, len(toks)) if re.search(r"[^\w\s]", text[toks[k - 1].end : toks[k].start])}


def _own_unit(toks: list[Tok]) -> bool:
    raw = [t.raw.lower() for t in toks]
    pairs = set(itertools.pairwise(raw))
    return bool(v.OWN_WORDS & set(raw)) or bool(pairs & v.OWN_PAIRS)


def _narrow(units: list[str], districts: list[str], year: int | None, cat: Catalogue) -> list[str]:
    """Of several units named by one synonym, keep those of the named district / year."""
    if len(units) > 1 and districts:
        units = [u for u in units if cat.unit_places.get(u, set()) & set(districts)] or units
    if len(units) > 1 and year:
        units = [u for u in units if year in cat.unit_years.get(u, set())] or units
    return units


# The asking clauses must name at least this many words of their own (cue words such as "årsmål"
# included) before the clauses that only tell about the asker are left out: "hur gör man?" after
# "jag har en ny klient" names nothing, "vilket årsmål har flerpartssamtalen?" is a whole question.
MIN_ASKING_WORDS = 2


def _telling(text: str, toks: list[Tok], chat_idx: set[int], named: set[int]) -> set[int]:
    """Tokens of clauses that tell about the asker (see `understand.clauses`), or none.

    They are left out only when the asking clauses keep `MIN_ASKING_WORDS` content words;
    names of units, districts, years and types stay wherever they stand (they are read apart).
    """
    telling = context_tokens(text, [(t.start, t.end) for t in toks], [t.f for t in toks], chat_idx) - named
    if not telling:
        return set()
    # Cue words count: "vilket årsmål har flerpartssamtalen?" is a whole question.
    drop = v.STOP | v.PRONOUNS | v.REFERS_BACK | v.POSSESSIVE | v.GREET | v.GENERIC
    left = [t for k, t in enumerate(toks) if k not in telling | chat_idx | named and t.f not in drop]
    return telling if len(left) >= MIN_ASKING_WORDS else set()


def _with_aside(
    text: str, toks: list[Tok], skip: set[int], told: set[int], drop: AbstractSet[str], chatter: set[int]
) -> tuple[str, list[str]]:
    """The topic with the words of the telling clauses that are not everyday Swedish, and the
    topic words said outside the asking clauses (`understand.aside`).

    Args:
        text: The message.
        toks: Its tokens.
        skip: Tokens left out of the topic; the telling clauses' tokens are not among them,
            their everyday words are (`understand.side_words`).
        told: The tokens of the clauses that tell about the asker (`clauses.context_tokens`).
        drop: Words never in a topic (stop words, cue words …).
        chatter: The chatter tokens (greetings, framing).

    Returns:
        The topic and its words said beside the question. The telling clauses' words are
        always beside it; the other clauses' words are not when an asking clause points back
        at them ("klienter som gått på bistånd länge – nåt nytt vi ska testa med dom?"): they
        name what is asked about.
    """
    spans = [(t.start, t.end) for t in toks]
    folded = [t.f for t in toks]
    idx = [k for k, t in enumerate(toks) if k not in skip and t.f not in drop and t.f not in v.GREET]
    topic = " ".join(toks[k].raw for k in idx)
    beside = aside_indexes(idx, asking_tokens(text, spans, folded, chatter))
    if beside and asks_back(text, spans, folded, chatter):
        beside &= told
    return topic, [toks[k].raw for k in sorted(beside)]


def read_question(
    question: str, documents: Sequence[DocumentMeta], today: dt.date, usage: MentionUsage | None = None
) -> QuestionReading:
    """Read a question: what it names, what it asks for and what it is about.

    Args:
        question: The staff member's question, as typed.
        documents: Metadata of the known documents (their units and districts are what
            the question can name).
        today: Today's date, for "i år" / "i fjol" / "nästa år".
        usage: How the stored documents use the words of unit names; with it, a unit named
            only by an everyday word of the field is soft evidence (`soft_units`) and the word
            stays in the topic. Without it every unit mention filters, as before.

    Returns:
        The reading; `apply_context` completes it for follow-up questions.
    """
    text = " ".join(question.split())
    toks = tokenize(text)
    starts, ends = sentence_bounds(text, [(t.start, t.end) for t in toks])
    chat_idx = chatter_tokens([t.f for t in toks], starts, ends)
    cat = catalogue(tuple(sorted({(d.unit, d.district, d.year) for d in documents}, key=repr)))
    goal_number, goal_idx = _goal_number(text, toks)
    years, year_idx, year_starts = _years(toks, text, today)
    doc_type, type_idx = _doc_type(toks)
    mentions: list[Mention] = find_mentions(toks, cat, year_starts | {min(type_idx, default=-1)})
    named: dict[str, list[str]] = {"unit": [], "district": [], "other_unit": [], "other_district": []}
    mention_idx: set[int] = set()
    own_unit = _own_unit(toks)
    places = {t for m in mentions if m.alias.kind == "district" for t in m.alias.targets}
    # "jag är ny på boendestödet", "började på Droppen": where the asker works (understand/workplace.py).
    works_at = workplace.places(toks, _breaks(text, toks))
    soft: list[str] = []
    for m in mentions:
        at_work = own_unit or workplace.introduced(works_at, m.i)
        if weak_evidence(toks, m, cat, usage, at_work) and not any(
            cat.unit_places.get(u, set()) & places for u in m.alias.targets
        ):
            # An everyday word that is also part of a unit's name, with no district to confirm
            # that unit ("boendestödet i Bromma" does): a preference, not a filter. The word
            # stays in the topic: it is also what is asked about ("vilka team har boendestödet?").
            soft += [t for t in m.alias.targets if t not in soft]
            continue
        named[m.alias.kind] += [t for t in m.alias.targets if t not in named[m.alias.kind]]
        if not (m.alias.concept and m.alias.kind == "other_unit"):
            # A service no stored unit is named after ("våld i nära relation") is also
            # what the question is about: its words stay in the topic.
            mention_idx |= set(range(m.i, m.j))
    year = years[0] if years else None
    units = _narrow(named["unit"], named["district"], year, cat)
    soft = [] if units else _narrow(soft, named["district"], year, cat)
    if not units and not soft and not named["district"]:
        # "jag är ny på Droppen": the one unit whose plans name the asker's workplace.
        taken = {k for m in mentions for k in range(m.i, m.j)}
        units = workplace.workplace_units(toks, works_at, taken, usage)
    telling = _telling(text, toks, chat_idx, mention_idx | goal_idx | year_idx | type_idx)
    # "Jag började nyss som boendestödjare, …?": the asker's role says who asks, not what about.
    roles = asker_roles(text, [(t.start, t.end) for t in toks], [t.f for t in toks], chat_idx)
    # "En klient ringde idag …, vem återkopplar på klagomålet?": everyday words around the question.
    side = side_words(text, toks, chat_idx, usage, mention_idx | year_idx | type_idx) - mention_idx
    said_chatter = chat_idx
    chat_idx = chat_idx | telling | side
    f_intent = " ".join(t.f for k, t in enumerate(toks) if k not in mention_idx | goal_idx | chat_idx)
    intent, sub, abbreviation = classify(f_intent, text, goal_number)
    if intent is Intent.GENERAL and asks_whole_procedure(f_intent):  # "steg för steg"
        intent = Intent.ROUTINE
    asks = read_asks(intent, sub, abbreviation, f_intent, text)
    # "hur går det till", "steg för steg": a procedure's frame, not its topic (understand/procedure.py).
    # "hur lång tid tar det": the measure asked, not its topic (understand/measure_frames.py).
    folded_toks = [t.f for t in toks]
    skip = mention_idx | goal_idx | year_idx | type_idx | chat_idx | frame_indexes(folded_toks)
    skip |= measure_frames.frame_indexes(folded_toks)
    drop = v.STOP | v.CUES | v.PRONOUNS | v.REFERS_BACK | v.POSSESSIVE | AUXILIARIES
    if (sub or "").startswith("field:") or sub == "periodicity":
        drop |= v.FIELD_WORDS | v.PERIOD_WORDS
    words = [t.raw for k, t in enumerate(toks) if k not in skip and t.f not in drop and t.f not in v.GREET]
    topic = abbreviation if intent is Intent.ABBREVIATION and abbreviation else " ".join(words)
    beside: list[str] = []
    if topic == " ".join(words):
        # Words of the documents in the clauses around the question stay in the topic, weighed
        # below the asked words (understand/aside.py): "jag läser in mig på unga som utsätts för
        # hedersvåld. vilken åldersgrupp …?" asks about what the telling clause names. Without the
        # counts (`usage`) its everyday words cannot be told apart: the clause stays out.
        topic, beside = _with_aside(
            text,
            toks,
            skip if usage is None else (skip - telling) | said_chatter | side | roles,
            telling,
            drop,
            said_chatter,
        )
    own = [w for w in words if fold(w) not in v.GENERIC]
    said = _said(toks, chat_idx, starts)
    start = " ".join(t.f for t in said) + " "
    short = len(said) <= 8
    # "kan man äta där?", "hur många deltagare har de?": a short question about something pointed
    # at ("det" is left out: "finns det feriejobb?" is a question of its own).
    # A question that names no place and no year may add one more word ("vart åker de på sommaren?").
    names = bool(mentions or years)
    # A year is a slot, not words of the question's own: "vad ska den ligga på i år?" points as
    # "vad ska den ligga på?" does.
    pointing = (
        len(said) - len(year_idx) <= 6 + 2 * _ends_own(said)
        and (any(t.f in _POINTING for t in said[1:]) or _ends_pointing(said))
        and len(_content(own)) <= (1 if names else 2)
    )
    # "när?", "vem ansvarar?", "årsmålet då?": a bare ask with nothing of its own to ask about.
    bare = len(said) <= 4 and not own and not names and not goal_number and not _own_unit(toks)
    # "och vilka frågor ställer enheten för att upptäcka våldet?": a longer question that continues
    # the conversation (it keeps the unit, not the old topic; see `apply_context`).
    continues = len(said) <= 12 and start.startswith(("och ", "men ")) and not units and not named["district"]
    followup = bool(said) and (
        pointing
        or bare
        # "hur ofta mäts nummer 1?", "berätta mer om den andra": an item of the list just shown.
        or (short and bool(_ORDINAL.search(fold(text))))
        or continues
        or (short and start.startswith(v.FOLLOW_START))
        or (short and (said[-1].f == "da" or toks[-1].f == "da"))
        or (not own and any(t.f in v.PRONOUNS for t in toks))
        # "hur följs det upp?": a pronoun and only the verbs of following up or measuring.
        or (len(said) <= 6 and any(t.f in v.PRONOUNS for t in said) and not _content(own))
        or (not own and intent is Intent.GENERAL and bool(mentions or years))
        or (short and any(t.f in v.REFERS_BACK for t in said))
        or (
            not own
            and intent in (Intent.INDICATOR, Intent.ACTIVITY)
            and sub not in (None, "list", "target")
            and not units
            # "vilka indikatorer följs upp per tertial?", "hur många aktiviteter slutar i år?" ask
            # about every item: full questions, not ellipses.
            and not v.LIST.search(f_intent)
            and not v.COUNT.search(f_intent)
        )
    )
    is_help = _help(toks) and not mentions and not years
    return QuestionReading(
        text=text,
        units=units,
        soft_units=soft,
        districts=named["district"],
        year=year,
        years=years,
        doc_type=doc_type,
        intent=intent,
        sub_intent=sub,
        asks=asks.sub,
        cues=set(asks.cues),
        outcome_question=asks.outcome,
        deadline=asks.deadline,
        abbreviation=abbreviation,
        goal_number=goal_number,
        topic=topic,
        is_followup=followup and not is_help,
        looks_swedish=_language(toks),
        is_help=is_help,
        other_districts=named["other_district"],
        other_units=named["other_unit"],
        own_unit=_own_unit(toks),
        chatter=[toks[k].raw for k in sorted(chat_idx)],
        aside=beside,
        about_asker=[toks[k].raw for k in sorted(roles)],
    )


# Context kinds whose unit came with the answer's source, not from what the user asked about: after
# "Vad betyder FUT?" the glossary entry's plan says nothing about which unit the user means.
_INCIDENTAL_UNIT = frozenset((Intent.ABBREVIATION.value, Intent.GENERAL.value))


def apply_context(reading: QuestionReading, context: ConversationContext) -> QuestionReading:
    """Complete a reading from the conversation so far; never override what the question says.

    The one place where follow-up questions are resolved:

    - An elliptic question (`is_followup`: "och KF:s årsmål?", "och för Spånga-Tensta?", "Och vilka
      indikatorer har de?") keeps the unit, district and year under discussion, and the document.
    - It keeps the item under discussion (indicator, topic) only when it asks the same kind of
      thing again ("och KF:s årsmål?" after an indicator); a question for a list of another kind
      or of all items ("Och vilka indikatorer har de?") asks about the unit, not the old item.
    - A question that refers to "samma mål" / "det målet" gets the context's goal.
    - A full question with a topic of its own takes the context's unit only when that unit was
      the subject of the conversation (the user named it, or asked about its table rows or goals;
      not when it merely came with a glossary or passage answer), and nothing else; otherwise
      `context_unit` carries the unit as soft evidence.
    - Naming another district (or a unit kind / district no document has) keeps none of the unit.

    Args:
        reading: The reading of the new question.
        context: What the previous answer left behind.

    Returns:
        A new reading; `from_context` lists the fields that were filled in.
    """
    update: dict[str, object] = {}
    elliptic = reading.is_followup
    same_place = not reading.districts or context.district in reading.districts
    elsewhere = reading.other_districts or reading.other_units
    keeps_unit = (
        bool(context.unit)
        and not reading.units
        and same_place
        and not elsewhere
        and (elliptic or context.unit_named or context.intent not in _INCIDENTAL_UNIT)
    )
    if keeps_unit:
        update["units"] = [context.unit]
        if context.district and not reading.districts:
            update["districts"] = [context.district]
        if elliptic and context.source:
            update["context_source"] = context.source
    if (
        context.goal_key
        and (_refers_to_goal(reading) or _items_of_goal_shown(reading, context))
        and (keeps_unit or not reading.units)
    ):
        update["goal_key"] = context.goal_key
    if context.year and keeps_unit and _this_year_only(reading) and (elliptic or _points_back(reading)):
        # "vad ska den ligga på i år?" about the row of the plan just shown: its year, not today's.
        reading = reading.model_copy(update={"year": context.year, "years": [context.year]})
        update["year"], update["years"] = context.year, [context.year]
    if elliptic and (shifted := year_from_conversation(reading, context)) is not None:
        # "och året innan?" after a question about 2018: 2017, not the year before today.
        # The counted year is the user's own (not carried): a plan year no document has is declined.
        year, topic, text = shifted
        reading = reading.model_copy(update={"topic": topic, "year": year, "years": [year], "text": text})
    if (item := _means_of_item(reading, context)) is not None:
        # "vad gör vi för att nå det?" after an indicator: the activities of its goal (a full
        # question by its words, but its last word points back).
        if context.year and reading.year is None:
            update["year"], update["years"] = context.year, [context.year]
        update.update(item)
        return _updated(reading, context, update)
    if elliptic:
        if context.year and reading.year is None and not _moves_from_document_year(reading, context):
            update["year"], update["years"] = context.year, [context.year]
        if (item := _listed_item(reading, context)) is not None:
            # "vad är årsmålet för den andra?" after a list: the second item listed.
            update.update(item)
            return _updated(reading, context, update)
        if (item := _activity_dates(reading, context)) is not None:
            # "när?", "när slutar den?" after an answer that cited an activity: its dates.
            update.update(item)
            return _updated(reading, context, update)
        if (item := _how_followed(reading, context)) is not None:
            # "hur ofta mäts den?" after an indicator, "hur följs det upp?" after a goal: the same
            # item, asked for its periodicity or its follow-up section.
            update.update(item)
            return _updated(reading, context, update)
        if (item := _goal_of_item(reading, context)) is not None:
            update.update(item)
            return _updated(reading, context, update)
        carried = context.topic or context.indicator
        asks_all = reading.intent is not Intent.GENERAL and bool(v.LIST.search(fold(reading.text)))
        # A follow-up with no topic word at all ("hur många var det 2018 då?" after the target of
        # "antal vuxna") is about the indicator under discussion, whatever kind its question words ask.
        bare_topic = not reading.topic.strip() and not asks_all and bool(context.indicator)
        same_kind = reading.intent is Intent.GENERAL or reading.intent.value == context.intent or bare_topic
        # Figures count as no word ("och för 30-45 åringar?" names one thing, an age band).
        words = [w for w in reading.topic.split() if not w.isdigit()]
        short = len(words) <= 2
        if carried and same_kind and not asks_all and short and fold(carried) not in fold(reading.topic):
            if _names_in(reading.topic, first=True):
                # "och IB?" after "vad betyder FUT?": the new name replaces the old one.
                old = _names_in(context.question) if context.question else _names_in(carried, first=True)
                carried = " ".join(w for w in carried.split() if fold(w) not in old)
            if len(words) < len(reading.topic.split()):
                # New figures replace the old ones ("18-29" by "30-45").
                carried = " ".join(w for w in carried.split() if not w.isdigit())
            update["topic"] = f"{reading.topic} {carried}".strip()
        if reading.intent is Intent.GENERAL and context.intent in {i.value for i in Intent}:
            update["intent"] = Intent(context.intent)
            if reading.asks is SubIntent.GENERAL:
                update["asks"] = asks_for_intent(Intent(context.intent))
    return _updated(reading, context, update)


def _moves_from_document_year(reading: QuestionReading, context: ConversationContext) -> bool:
    """Whether a follow-up names another place while the conversation's year is only its document's.

    "och hägersten?" after a question that named no year asks the same thing of the other place's
    plan, whatever its year: the year of the plan just shown is not the user's (the other place's
    plan may be of another year). A year the user named ("… 2020?") is carried to the new place.
    """
    moved = bool(reading.districts and context.district not in reading.districts) or bool(
        reading.units and context.unit not in reading.units
    )
    return moved and not _YEAR.search(context.question or "")


# A year counted from the year just discussed ("året innan", "förra året då?", "och året efter?").
_YEAR_BEFORE = v.rx(r"(?:aret|aren) (?:innan|fore|dessforinnan)|forra (?:aret|ar)|foregaende ar|i ?fjol")
_YEAR_AFTER = v.rx(r"(?:aret|aren) (?:efter|darpa|darefter)|nasta ar")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def year_from_conversation(
    reading: QuestionReading, context: ConversationContext
) -> tuple[int, str, str] | None:
    """The year a follow-up counts ("året innan", "förra året", "året efter"), its topic without the
    counting words, and its text with the year written in their place; None when it counts no year.

    It counts from the year the previous question named, else (a year back) from the year of the
    document under discussion: after a figure from the 2019 award application, "och förra året?"
    asks for 2018 (the application's "(2018: 227)"), not for the year before today, which no
    document of the conversation is about.
    """
    folded = fold(reading.text)
    before, after = _YEAR_BEFORE.search(folded), _YEAR_AFTER.search(folded)
    asked = _YEAR.search(context.question or "")
    # A year counted from "the year" ("året innan", "året efter") falls back on the document's
    # year; "nästa år" plans ahead from today, not from the year of the plan just discussed.
    relative = before or (after if after and not fold(after.group(0)).startswith("nasta") else None)
    base = int(asked.group(0)) if asked else (context.year if relative else None)
    match = before or after
    if base is None or match is None or _YEAR.search(reading.text):
        return None
    counting = set(match.group(0).split()) | {"aret", "ar", "aren"}
    topic = " ".join(w for w in reading.topic.split() if fold(w) not in counting)
    year = base + (-1 if before else 1)
    text = reading.text
    if len(folded) == len(text):  # folding keeps the places: the phrase is replaced where it stands
        text = f"{text[: match.start()]}{year}{text[match.end() :]}"
    return year, topic, text


# "This year" in words: in a follow-up, the year of the document under discussion.
_THIS_YEAR = v.rx(r"i ar|detta ar|innevarande ar|arets")


def _this_year_only(reading: QuestionReading) -> bool:
    """Whether the only year a question names is "i år" (no year in figures, no other relative year).

    A follow-up about the plan just shown reads "i år" from that plan ("vad ska den ligga på i år?"
    after the 2020 plan's row asks its target, not a plan for the calendar year no document covers).
    """
    folded = fold(reading.text)
    return bool(_THIS_YEAR.search(folded)) and len(set(reading.years)) == 1 and not _YEAR.search(reading.text)


def _points_back(reading: QuestionReading) -> bool:
    """Whether a question has a pronoun for what was just shown ("den", "det", "dom")."""
    return any(w in v.PRONOUNS for w in re.findall(r"\w+", fold(reading.text)))


def _names_in(text: str, first: bool = False) -> set[str]:
    """Folded parts of the names in a text: capitalised words (but the first, unless `first`)."""
    found = re.findall(r"[^\W\d_][\w/:-]*", text)
    return {fold(p) for w in found[0 if first else 1 :] if w[0].isupper() for p in re.split(r"[/:-]", w) if p}


def _updated(
    reading: QuestionReading, context: ConversationContext, update: dict[str, object]
) -> QuestionReading:
    filled = [k for k in ("units", "districts", "year", "topic", "intent", "goal_key") if k in update]
    if context.unit and not reading.units and "units" not in update:
        update["context_unit"] = context.unit
    if not update:
        return reading
    return reading.model_copy(update={**update, "from_context": [*reading.from_context, *filled]})


def asks_how_followed(reading: QuestionReading) -> bool:
    """Whether the question asks only how often / how something is followed up or measured.

    "hur ofta mäts den?", "hur följs det upp?", "och periodiciteten?": no topic word of its own
    besides the verbs of following up and measuring, so it is about the item under discussion.
    """
    words = [w for w in reading.topic.split() if fold(w) not in v.GENERIC]
    asks = Cue.PERIOD in reading.cues or bool(HOW_FOLLOWED.search(fold(reading.text)))
    return asks and not _content(words) and not reading.units and not reading.districts


def _how_followed(reading: QuestionReading, context: ConversationContext) -> dict[str, object] | None:
    """The reading of a how-often follow-up about the last indicator or goal, else None."""
    if not asks_how_followed(reading):
        return None
    if context.indicator and context.intent != Intent.GOAL.value:
        return {
            "intent": Intent.INDICATOR,
            "sub_intent": "periodicity",
            "asks": SubIntent.INDICATOR_PERIODICITY,
            "topic": context.indicator,
        }
    if context.goal_key and context.intent == Intent.GOAL.value and context.topic:
        return {
            "intent": Intent.GOAL,
            "sub_intent": "field:uppfoljning",
            "asks": SubIntent.GOAL_FIELD,
            "topic": context.topic,
            "goal_key": context.goal_key,
        }
    return None


# "den andra", "det tredje", "nummer 2", "den sista": an item of the list just shown, by its place.
_ORDINAL = v.rx(
    r"(?:den|det|de|dom|nummer|nr|punkt) (forsta|andra|tredje|fjarde|femte|sjatte|sjunde|attonde|nionde"
    r"|tionde|sista|\d{1,2})"
)
_ORDINALS = (
    "forsta",
    "andra",
    "tredje",
    "fjarde",
    "femte",
    "sjatte",
    "sjunde",
    "attonde",
    "nionde",
    "tionde",
)


def _listed_item(reading: QuestionReading, context: ConversationContext) -> dict[str, object] | None:
    """The item of the last list that the question points at by its place ("den andra"), else None.

    The item's name becomes the topic; a question that asks nothing of its own ("berätta mer om den
    andra") asks what the list was about (its intent).
    """
    m = _ORDINAL.search(fold(reading.text))
    if m is None or not context.items:
        return None
    word = m.group(1)
    if word == "sista":
        index = len(context.items) - 1
    else:
        index = int(word) - 1 if word.isdigit() else _ORDINALS.index(word)
    if not 0 <= index < len(context.items):
        return None
    found: dict[str, object] = {"topic": context.items[index]}
    if reading.intent is Intent.GENERAL and context.intent in {i.value for i in Intent}:
        intent = Intent(context.intent)
        found |= {"intent": intent, "asks": asks_for_intent(intent), "sub_intent": None}
    return found


def _activity_dates(reading: QuestionReading, context: ConversationContext) -> dict[str, object] | None:
    """ "när?" / "när slutar den?" with nothing of its own, after an answer that cited an activity."""
    if not context.activity or reading.topic.strip() or reading.units or reading.districts:
        return None
    if context.items:
        return None  # after a list, "när slutar de?" is about every item: the routes list them
    folded = fold(reading.text)
    if not (v.WHEN.search(folded) or v.END.search(folded) or v.START.search(folded)):
        return None
    found: dict[str, object] = {"topic": context.activity, "intent": Intent.ACTIVITY}
    if reading.intent is not Intent.ACTIVITY:
        found |= {"asks": SubIntent.ACTIVITY, "sub_intent": None}
    return found


def _goal_of_item(reading: QuestionReading, context: ConversationContext) -> dict[str, object] | None:
    """ "vilket mål hör den till?" after an indicator: the goal the indicator belongs to."""
    if reading.asks is not SubIntent.GOAL_PARENT or reading.topic.strip() or not context.indicator:
        return None
    found: dict[str, object] = {"topic": context.indicator}
    if context.goal_key:
        found["goal_key"] = context.goal_key
    return found


# "vad gör vi för att nå det?", "hur jobbar ni för att korta den?", "vad gör dom åt det?": what is
# done to reach what was just shown; the pronoun at the end points at it.
_MEANS = v.rx(
    r"(?:vad|hur) (?:gor|jobbar|arbetar) (?:vi|ni|de|dom|man|enheten) (?:mer |annars |mera )?"
    r"(?:(?:for att|at|med att) (?:\w+ )?|kring |runt |med )(?:det|den|dem|dom|detta|dit)"
)


def _means_of_item(reading: QuestionReading, context: ConversationContext) -> dict[str, object] | None:
    """ "vad gör vi för att nå det?" after an indicator: the activities of the goal it measures.

    An indicator measures a goal; what the unit does to reach it are the activities planned under
    that goal (answers/followup.py `goal_items`). None when no indicator with a goal is under
    discussion or the question does not ask so.
    """
    if not (context.indicator and context.goal_key) or reading.units or reading.districts:
        return None
    if not _MEANS.search(fold(reading.text)):
        return None
    return {
        "goal_key": context.goal_key,
        "intent": Intent.ACTIVITY,
        "asks": asks_for_intent(Intent.ACTIVITY),
        "sub_intent": None,
    }


def _refers_to_goal(reading: QuestionReading) -> bool:
    return bool(v.SAME_GOAL.search(fold(reading.text)))


def _items_of_goal_shown(reading: QuestionReading, context: ConversationContext) -> bool:
    """ "vilken indikator har det?" right after one goal was shown: a pronoun and no subject of its
    own, asking for rows, points at that goal (after a list of goals it could be any of them)."""
    if context.intent != Intent.GOAL.value or context.items:
        return False
    if reading.intent not in (Intent.ACTIVITY, Intent.INDICATOR) or _content(reading.topic.split()):
        return False
    return any(w in v.PRONOUNS for w in re.findall(r"\w+", fold(reading.text)))
