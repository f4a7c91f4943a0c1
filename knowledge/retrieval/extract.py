"""Extractive answering: the one to three sentences of a passage that answer the question."""

from __future__ import annotations

import re
from collections.abc import Callable

from core.sentence_stops import not_after_abbreviation
from knowledge.retrieval.example_sentences import gives_example
from knowledge.retrieval.fillers import fills
from knowledge.retrieval.procedure_block import is_responsibility, step_block
from knowledge.retrieval.quote_features import (
    FEATURES,
    PREFIX_CREDIT,
    asks_list,
    feature_rows,
    is_heading,
    is_item,
    is_lead,
    refers_back,
    same_family,
    stored_model,
)
from knowledge.retrieval.quote_units import is_remark, open_end, takes_up
from knowledge.retrieval.rule_sentences import RULE_COVERAGE_WEIGHT, rule_bonus
from knowledge.retrieval.subject_binding import binding, subject_stems
from knowledge.retrieval.who_fill import answers_asked
from knowledge.textnorm import stem_tokens
from knowledge.understand.answer_types import AnswerType, asked_types
from knowledge.understand.aside import aside_share, weighted

# Sentence ends, paragraph breaks and list items;
# single line breaks inside a sentence (OCR text, PDF wrapping) are not ends, and neither is the
# "1." that numbers a step at the start of a line ("1. Socialjouren tar emot …" stays one item),
# nor the stop of an abbreviation ("fredag kl. 10-16", "t.ex. Försäkringskassan": core/sentence_stops.py).
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!^\d\.)(?<!^\d\d\.)" + not_after_abbreviation() + r"\s+(?=[A-ZÅÄÖ0-9\"”•–-])"
    r"|\n\s*\n+|\n(?=\s*[-•*–] )|(?<=[.!?:])" + not_after_abbreviation() + r"\n",
    re.MULTILINE,
)
_QUANTITY = re.compile(
    r"\d|\b(två|tva|tre|fyra|fem|sex|sju|åtta|atta|nio|tio|varje|gång|gang|gånger|ganger"
    r"|vecka|veckor|dagar|månad|manad|år|procent)\b",
    re.IGNORECASE,
)
_ASKS_QUANTITY = re.compile(
    r"\b(hur (många|manga|ofta|snabbt|mycket|länge|lange|stor)|när|nar|inom)\b", re.IGNORECASE
)


def sentences(text: str) -> list[str]:
    """Split a passage into sentences/lines, each an exact substring of the passage."""
    parts = [p.strip() for p in _SENTENCE_END.split(text)]
    return [p for p in parts if len(p) > 2]


def coverage(query_stems: set[str], text: str, idf: Callable[[str], float] | None = None) -> float:
    """Share of the query's content stems that occur in the text, weighted by idf when given."""
    if not query_stems:
        return 0.0
    present = set(stem_tokens(text))
    exact = query_stems & present
    family = {s for s in query_stems - exact if same_family(s, present)}

    # Words said only beside the question (understand/aside.py) count for less.
    idf_ = weighted(idf)

    def weight(stems: set[str]) -> float:
        return sum(idf_(s) for s in stems)

    total = weight(query_stems)
    return (weight(exact) + PREFIX_CREDIT * weight(family)) / total if total else 0.0


def verbatim_span(passage: str, picked: list[str]) -> str:
    """The exact passage text from the first to the last picked sentence."""
    if not picked:
        return ""
    start = passage.find(picked[0])
    end = passage.find(picked[-1], max(start, 0))
    if start < 0 or end < 0:
        return picked[0]
    return passage[start : end + len(picked[-1])]


# Log-odds added per unit of subject binding (retrieval/subject_binding.py): about the gap
# between a sentence that states the asked thing about the subject and one that states it
# beside the subject in the sentence model's scores.
BIND_WEIGHT = 1.0

# Answers are read in a Teams chat: a quote stays short unless it is a list the question asks for.
MAX_QUOTE_CHARS = 600
MAX_LIST_CHARS = 1000
# Most sentences of a prose routine read in order when the whole procedure is asked for.
WHOLE_SENTENCES = 5


def best_sentences(
    passage: str,
    query: str,
    limit: int = 3,
    max_chars: int = MAX_QUOTE_CHARS,
    procedure: bool = False,
    question: str = "",
    max_list_chars: int = MAX_LIST_CHARS,
    whole: bool = False,
) -> list[str]:
    """Pick the sentences that best answer `query`, in passage order.

    The sentences are scored by `quote_features` (the learned sentence model). The best one
    is taken with what it needs to be read alone: the lead line and all items of a list it
    opens or belongs to (when the question asks for several things), the sentence before
    when it refers back ("Dessa …"), the line after a heading, and its matching neighbours,
    up to `limit` sentences and `max_chars` (`max_list_chars` for a list); a quote with room
    left that lacks the asked answer type reads on in its paragraph (`read_on`).

    Args:
        passage: The chunk text.
        query: The question's topic words.
        limit: Most sentences (a list's items are not counted).
        max_chars: Most characters in all (a list may use `max_list_chars`).
        procedure: The question asks how something is done ("hur hanterar vi klagomål"):
            start at the first best sentence and read on, as a routine is written in order
            and its later steps need not repeat the topic word.
        question: The whole question, for its cue words ("hur många", "vilka"); the query
            when empty.
        max_list_chars: Most characters of a quoted list.
        whole: The question asks for the whole procedure ("steg för steg"): with `procedure`,
            a routine's step block is quoted whole (`procedure_block.step_block`) and prose
            is read on for up to `max_list_chars`.

    Returns:
        Verbatim sentences of the passage (empty when nothing matches).
    """
    parts = sentences(passage)
    if not parts:
        return []
    question = question or query
    if procedure:
        if whole:
            return _procedure(
                parts, query, max(limit, WHOLE_SENTENCES), max_list_chars, whole=True, question=question
            )
        return _procedure(
            parts, query, limit, max_chars, question=question, starts=paragraph_starts(passage, parts)
        )
    rows = feature_rows(parts, query, question)
    if not any(_matches(r) for r in rows):
        return parts[:1]
    scores = bound_scores(parts, rows, query, question)
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    return quote_around(
        parts,
        rows,
        scores,
        best,
        question,
        limit,
        max_chars,
        max_list_chars,
        paragraph_starts(passage, parts),
    )


def sentence_scores(rows: list[list[float]]) -> list[float]:
    """The sentence model's log-odds per feature row (the fallback score without a model)."""
    model = stored_model()
    return [model.score(r) if model else fallback_score(r) for r in rows]


def bound_scores(parts: list[str], rows: list[list[float]], query: str, question: str) -> list[float]:
    """The sentences' scores: the model's log-odds plus the subject binding.

    The model adds up "names the topic" and "holds a filler of the asked type"; a sentence
    that states the filler next to the subject (`subject_binding.binding`) gets
    `BIND_WEIGHT` times the binding's strength on top, so "X ligger i Y" beats a sentence that
    names X and, in another clause, some other place.
    """
    # A rule sentence whose condition holds the situation the question describes
    # (`rule_sentences`) states what to do in it, whatever its consequence's words.
    base = [b + r for b, r in zip(sentence_scores(rows), rule_bonus(parts, query, question), strict=True)]
    asked = asked_types(question)
    subject = subject_stems(query)
    if not asked or not subject:
        return base
    return [b + BIND_WEIGHT * binding(asked, p, subject).strength for b, p in zip(base, parts, strict=True)]


def quote_around(
    parts: list[str],
    rows: list[list[float]],
    scores: list[float],
    best: int,
    question: str,
    limit: int = 3,
    max_chars: int = MAX_QUOTE_CHARS,
    max_list_chars: int = MAX_LIST_CHARS,
    starts: frozenset[int] = frozenset(),
) -> list[str]:
    """The best sentence of a chunk with what it needs to be read alone (see `best_sentences`).

    Args:
        parts: The chunk's sentences.
        rows: Their feature rows (`feature_rows` over this chunk).
        scores: Their scores (`sentence_scores`).
        best: The sentence the quote is built around (chosen here or across chunks).
        question: The whole question (its cue words).
        limit: Most sentences (a list's items are not counted).
        max_chars: Most characters in all.
        max_list_chars: Most characters of a quoted list.
        starts: The sentences that open a paragraph (`paragraph_starts`); the quote reads on
            to the end of its paragraph at most.
    """
    wants_list = asks_list(question)
    block = list_block(parts, best, wants_list) or (parallel(parts, rows, best) if wants_list else [])
    if block:
        return [parts[i] for i in _fit(parts, block, max_list_chars)]
    chosen = [best]

    def fits(i: int) -> bool:
        return 0 <= i < len(parts) and i not in chosen and _length(parts, [*chosen, i]) <= max_chars

    # A sentence that leans on the one before it ("Alla tre är …") is read with it; a
    # heading-like best line ("Uppföljning") says little alone: add the next line.
    if refers_back(parts[best]) and fits(best - 1):
        chosen.append(best - 1)
    if is_heading(parts[best]) and fits(best + 1):
        chosen.append(best + 1)
    # A best sentence that takes up a noun of the one before ("Projektet arbetar …" after "…
    # projekt Trygg hemgång.") is read with it (`quote_units`).
    if len(chosen) < limit and best > 0 and takes_up(parts[best], parts[best - 1]) and fits(best - 1):
        chosen.append(best - 1)
    # The sentence after the best one that leans on it continues it ("Droppen säljer olika
    # varor." "Det kan vara marmelader …"; "… ett årskort …" "Kortet gäller för …"; a short
    # remark "Uppföljning månadsvis."), though it need not repeat the topic.
    after = parts[best + 1] if best + 1 < len(parts) else ""
    leans = refers_back(after) or (len(chosen) < limit and (takes_up(after, parts[best]) or is_remark(after)))
    if leans and fits(best + 1):
        chosen.append(best + 1)
    # The quote names the topic but not what the question asks for ("hur ofta …", "vart …"),
    # and the sentence next to it holds it ("Varje månad har man bomöte …"): quote both. "Next
    # to it" is next to the unit read so far (the best sentence with its continuation).
    asked = asked_types(question)

    def holds(i: int) -> bool:
        # A "who" is answered by a sentence naming a role, not by a weak hint such as an acronym.
        return answers_asked(asked, parts[i]) if AnswerType.PERSON in asked else rows[i][TYPE] >= FILLS

    if not any(holds(i) for i in chosen):
        near = [
            j for j in (max(chosen) + 1, min(chosen) - 1) if fits(j) and holds(j) and not is_heading(parts[j])
        ]
        if near:
            chosen.append(max(near, key=lambda j: (rows[j][TYPE], scores[j])))
    for i in (best + 1, best - 1, best + 2):
        if len(chosen) < limit and fits(i) and rows[i][TOPIC] > 0:
            chosen.append(i)
    chosen = owned(parts, chosen, fits)
    # A quote does not stop where a sentence cannot end ("… med vården," "-FINSAM-möten …").
    while open_end(parts[max(chosen)]) and fits(max(chosen) + 1):
        chosen.append(max(chosen) + 1)
    # A quote that holds what the question asks for ("varje månad" for "hur ofta") is whole.
    if not any(holds(i) for i in chosen):
        read_on(parts, chosen, limit, fits, starts)
    # An example right after the quote ("Exempelvis jobbar vi med …") finishes its last
    # sentence's claim and holds the concrete detail: read it too, beyond `limit`, as a list's
    # items are (`example_sentences`).
    last = max(chosen)
    if last + 1 not in starts and fits(last + 1) and gives_example(parts[last + 1]):
        chosen.append(last + 1)
    return [parts[i] for i in sorted(chosen)]


def read_on(
    parts: list[str], chosen: list[int], limit: int, fits: Callable[[int], bool], starts: frozenset[int]
) -> None:
    """Fill a short quote with the sentences after it in its paragraph (appended to `chosen`).

    A writer names the topic once and then goes on about it without repeating it: "Vi har
    infört en påminnelse när en plan är äldre än sex månader." "Resultatet blev att andelen
    aktuella planer ökade från 71 till 93 procent."; "Varje höst bryter ledningsgruppen ner
    nämndens mål …" "Målen diskuteras … på en planeringsdag i november". The detail asked for
    is often that next sentence, which shares no word with the question, so no feature finds
    it. A quote with room left (fewer than `limit` sentences, within its length) that does not
    yet hold a filler of the asked answer type reads on until the paragraph ends, a heading-like
    line or a list item starts (another unit of the text).
    """
    j = max(chosen) + 1
    while len(chosen) < limit and j < len(parts) and j not in starts and fits(j):
        if is_heading(parts[j]) or (is_item(parts[j]) and not is_item(parts[j - 1])):
            break
        chosen.append(j)
        j += 1


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraph_starts(passage: str, parts: list[str]) -> frozenset[int]:
    """The indexes of the sentences that open a paragraph (a blank line before them)."""
    out = set()
    at = 0
    end_before = 0
    for i, part in enumerate(parts):
        found = passage.find(part, at)
        if found < 0:
            continue
        if i > 0 and _PARAGRAPH_BREAK.search(passage, end_before, found):
            out.add(i)
        at = end_before = found + len(part)
    return frozenset(out)


def owned(parts: list[str], chosen: list[int], fits: Callable[[int], bool]) -> list[int]:
    """The chosen sentences with the "Ansvarig: …" line that names who owns their task.

    Plans write a task's owner on a line of its own after it ("En gång per kvartal säkerställa
    att samverkansöverenskommelse … följs." / "Ansvarig: Biträdande enhetschef team 1 och 2."):
    the line belongs to the task before it, so a quoted task takes its owner along, and an
    owner line chosen alone ("Ansvarig: Enhetschef och kontroller.") takes the task it is the
    owner of, which it does not name. Not counted against the sentence limit: it completes a
    sentence, as a list's items do.

    Args:
        parts: The chunk's sentences.
        chosen: Indexes chosen so far; the owner lines are appended to it.
        fits: Whether index i may still be added to `chosen` (within the quote's length, not
            chosen yet).
    """
    for i in sorted(chosen):
        if is_responsibility(parts[i]):
            if i > 0 and not is_responsibility(parts[i - 1]) and fits(i - 1):
                chosen.append(i - 1)
        elif i + 1 < len(parts) and is_responsibility(parts[i + 1]) and fits(i + 1):
            chosen.append(i + 1)
    return chosen


TOPIC = FEATURES.index("topic")
TYPE = FEATURES.index("type_match")
# A sentence fills the asked type from this strength on (`fillers.type_match`: 1.0 for an exact
# filler such as "månadsvis", 0.5 for a vague one such as "regelbundet").
FILLS = 0.5
# A sentence matches when it shares topic words, or has the shape a "vem" / "var" question asks
# for (a role, an address): "besöksadressen?" meets "Postadress och besdksadress Hésselby torg 20"
# only through its shape when the scan misspelt the word.
_LEXICAL = tuple(FEATURES.index(f) for f in ("topic", "parts", "near", "role_match", "place_match"))


def _matches(row: list[float]) -> bool:
    return any(row[i] > 0 for i in _LEXICAL)


def fallback_score(row: list[float]) -> float:
    """A sentence's score without a fitted model: topic coverage, a little more for the asked shape."""
    return (
        row[TOPIC]
        + 0.3 * row[FEATURES.index("amount_match")]
        + 0.2 * row[FEATURES.index("list_match")]
        + 0.1 * row[FEATURES.index("parts")]
    )


def _length(parts: list[str], chosen: list[int]) -> int:
    return sum(len(parts[i]) for i in chosen) + max(len(chosen) - 1, 0)


def _fit(parts: list[str], block: list[int], cap: int) -> list[int]:
    """The block's first lines that fit in `cap` characters (the first one always)."""
    kept = [block[0]]
    for i in block[1:]:
        if _length(parts, [*kept, i]) > cap:
            break
        kept.append(i)
    return kept


def list_block(parts: list[str], best: int, wants_list: bool) -> list[int]:
    """The lead line and the items of the list the best sentence opens or belongs to, or [].

    A line ending in ":" opens a list; its items are the bullet or numbered lines after it (and
    the wrapped rest of an item, which starts in lower case). When the question asks for several
    things, a best sentence directly followed by a list lead or items, or a best item, takes the
    whole list too.
    """
    n = len(parts)
    lead: int | None = None
    if is_lead(parts[best]):
        lead = best
    elif wants_list and is_item(parts[best]):
        first = best
        while first > 0 and (is_item(parts[first - 1]) or _continues(parts[max(first - 2, 0) : first])):
            first -= 1
        lead = first - 1 if first > 0 and is_lead(parts[first - 1]) else first
    elif wants_list and best + 1 < n and (is_lead(parts[best + 1]) or is_item(parts[best + 1])):
        lead = best
    if lead is None:
        return []
    block = [lead]
    j = lead + 1
    if j < n and is_lead(parts[j]) and not is_lead(parts[lead]):
        block.append(j)
        j += 1
    while j < n and (
        is_item(parts[j])
        or _continues(parts[j - 1 : j + 1])
        or _short_item(parts, j, block)
        or _between_items(parts, j)
    ):
        block.append(j)
        j += 1
    return block if len(block) > 1 or is_item(parts[lead]) else []


def parallel(parts: list[str], rows: list[list[float]], best: int) -> list[int]:
    """Sentences written like the best one, one per item ("Team 1 …", "Team 2 …"), or [].

    A list without bullets: paragraphs or sentences that open with the same word as the best
    sentence and match the topic as well as it does. Two or more make a list.
    """
    first = _first_word(parts[best])
    cov = rows[best][TOPIC]
    if not first or cov <= 0:
        return []
    same = [i for i, p in enumerate(parts) if _first_word(p) == first and rows[i][TOPIC] >= cov]
    return same if len(same) > 1 else []


def _first_word(sentence: str) -> str:
    words = sentence.lstrip("-•*– ").split(maxsplit=1)
    return words[0].casefold() if words else ""


def _continues(pair: list[str]) -> bool:
    """The second line is the wrapped rest of the first (no sentence end, lower-case start)."""
    if len(pair) != 2:
        return False
    before, line = pair
    return (is_item(before) or not before.rstrip().endswith((".", "!", "?", ":"))) and line[:1].islower()


def _between_items(parts: list[str], j: int) -> bool:
    """A line between two items: the second paragraph of the item before ("- Team 3 …"
    "Teamet samverkar med …" "- Team 4 …"), not the end of the list."""
    return 0 < j < len(parts) - 1 and is_item(parts[j - 1]) and is_item(parts[j + 1])


def _short_item(parts: list[str], j: int, block: list[int]) -> bool:
    """A short line without a sentence end right after a lead or another item (an unmarked item)."""
    return is_heading(parts[j]) and j - 1 in block and (is_lead(parts[j - 1]) or is_heading(parts[j - 1]))


def _procedure(
    parts: list[str],
    query: str,
    limit: int,
    max_chars: int,
    whole: bool = False,
    question: str = "",
    starts: frozenset[int] = frozenset(),
) -> list[str]:
    """A routine: the first best sentence and the steps after it, in order; the whole step
    block when the best sentence lies in or opens one (`procedure_block.step_block`). A rule
    sentence whose condition holds the question's situation counts more (`rule_sentences`),
    and is read on only to the end of its paragraph (`starts`): the rule is one sentence of
    prose, and the next paragraph is about something else, not its next step."""
    q = set(stem_tokens(query))
    quantity = bool(_ASKS_QUANTITY.search(query))
    rules = rule_bonus(parts, query, question, RULE_COVERAGE_WEIGHT)
    scored = [
        (coverage(q, s) + (0.3 if quantity and _QUANTITY.search(s) else 0.0) + rules[i], i)
        for i, s in enumerate(parts)
    ]
    best_score, best = max(scored, key=lambda t: (t[0], -t[1]))
    if best_score <= 0:
        return parts[:1]
    if block := step_block(parts, best, whole):
        return [parts[i] for i in _fit(parts, block, MAX_LIST_CHARS)]
    chosen = [best]
    for i in range(best + 1, len(parts)):
        if len(chosen) >= limit or sum(len(parts[j]) for j in chosen) + len(parts[i]) > max_chars:
            break
        if rules[best] > 0 and i in starts:
            break
        chosen.append(i)
    return [parts[i] for i in chosen]


SYNONYM_CREDIT = 0.6


def group_coverage(groups: list[tuple[set[str], set[str]]], text: str, idf: Callable[[str], float]) -> float:
    """Idf-weighted share of the query's words present in the text (synonyms count partly)."""
    return stem_coverage(groups, set(stem_tokens(text)), idf)


def stem_coverage(
    groups: list[tuple[set[str], set[str]]], present: set[str] | frozenset[str], idf: Callable[[str], float]
) -> float:
    """`group_coverage` over stems already taken from a text (callers cache them)."""
    if not groups:
        return 0.0
    total = found = 0.0
    for own, synonyms in groups:
        weight = max(idf(s) for s in own) * aside_share(own)  # understand/aside.py
        total += weight
        if own & present:
            found += weight
        elif synonyms & present:
            found += SYNONYM_CREDIT * weight
        elif any(same_family(o, present) for o in own):
            found += PREFIX_CREDIT * weight
    return found / total


def asks_quantity(question: str) -> bool:
    """True for 'hur många / hur ofta / när …' questions, whose answer holds a number or time."""
    return bool(_ASKS_QUANTITY.search(question))


def states_quantity(text: str, groups: list[tuple[set[str], set[str]]]) -> bool:
    """True when a sentence of the text holds both a query word (or synonym) and a number or time."""
    for sentence in sentences(text):
        stems = set(stem_tokens(sentence))
        if _QUANTITY.search(sentence) and any((own | syn) & stems for own, syn in groups):
            return True
    return False


def states_type(text: str, groups: list[tuple[set[str], set[str]]], asked: frozenset[AnswerType]) -> bool:
    """True when a sentence of the text holds a filler of an asked type (`fillers.fills`) and it
    or a sentence next to it holds a query word (or synonym): "Varje månad har man bomöte"
    after the sentence naming the boenden answers "hur ofta … boendena".
    """
    parts = sentences(text)

    def topical(j: int) -> bool:
        stems = set(stem_tokens(parts[j]))
        return any((own | syn) & stems for own, syn in groups)

    return any(
        fills(asked, sentence) and any(topical(j) for j in range(max(i - 1, 0), min(i + 2, len(parts))))
        for i, sentence in enumerate(parts)
    )
