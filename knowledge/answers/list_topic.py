"""Narrow a list of rows to what the question is about ("vilka indikatorer har vi om feriejobb?").

A list or count question names the items (indicators, activities, goals of a level) and often
a topic: a goal
described in words ("aktiviteterna för budget i balans", "enhetsmålet om hög beredskap") or
the rows' own subject ("indikatorerna om feriejobb", "miljöindikatorer"). Without the topic
the list holds every row of every plan, and the rows asked for drown in it (or are cut off
after the first dozen). Two readings of the topic compete:

- the rows themselves: rows whose text matches the topic (indicator names, activity texts,
  goal titles);
- a goal: the goal whose title matches the topic, with every row
  filed under it or under the goals below it (for goals: the goals below it).

The reading that matches better wins; below the same bars the single-item answers use
(`MIN_INDICATOR_SCORE`, `MIN_ACTIVITY_SCORE`, `MIN_GOAL_SCORE`) the topic does not narrow.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from indicators.models import GOAL_LEVEL_LABELS
from knowledge.answers.goal import MIN_GOAL_SCORE
from knowledge.answers.indicator import MIN_ACTIVITY_SCORE, MIN_INDICATOR_SCORE, TIE
from knowledge.answers.list_filters import Item, ListQuery, row_words_read
from knowledge.models import Goal
from knowledge.retrieval.scoring import text_score
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import expand_query, fold, stem_tokens
from knowledge.understand.counted_kinds import table as counted_kinds

# Rows whose match is this close to the best one's belong to the same topic: a topic with
# two parts ("feriejobb och stockholmsjobb") matches each of its rows by one part.
ROW_WINDOW = 0.15
# Title scores this close to the best one are told apart by the words a title holds itself.
FIT_WINDOW = 0.1
# An ending this long or shorter after the topic word is an inflection ("miljö|n"), not a compound.
MAX_ENDING = 3
# A compound's head and modifier (retrieval/compound_heads.py has the same bounds for the index).
MIN_HEAD = 5
MIN_MODIFIER = 3
# Words that name the listed items or their level, not the topic ("aktiviteterna", "målet").
_ITEM_STEMS = ("indikator", "aktivitet", "nyckeltal")
_GOAL_WORD = re.compile(r"^(?:\w*mal|\w*malet|\w*malen|\w*malsen)$")
_FILLER = {
    *("vi", "har", "finns", "det", "oss", "var", "vara", "vart"),
    *("era", "er", "ni", "alla", "nagra", "olika", "handlar", "galler", "ror", "kring"),
}
# A goal named in the question ("enhetsmålet", "målet", "nämndmål"); not "årsmål" (a target).
_GOAL_MENTION = re.compile(r"\b(?!ars|kfs ars)\w*mal(?:et|en|s)?\b")


@dataclass(frozen=True)
class RowRef:
    """One listed row, as the narrowing sees it: where it is, its text and the goal it is filed under."""

    source: str
    ref: int
    text: str
    goal_key: str | None


@dataclass(frozen=True)
class Narrowed:
    """The rows kept (indices into the list given) and how the answer names the narrowing."""

    keep: list[int]
    label: str


def topic_words(topic: str) -> str:
    """The topic without the words that name the items or goals ("miljöindikatorer" -> "miljö").

    Args:
        topic: The reading's topic words.

    Returns:
        The words that say what the listed items are about (may be empty).
    """
    kept: list[str] = []
    for word in topic.split():
        folded = fold(word)
        stem = next((s for s in _ITEM_STEMS if s in folded), None)
        if stem is not None:
            cut = folded.index(stem)
            # The word's own letters when folding kept its length ("miljö", not "miljo").
            prefix = (word if len(word) == len(folded) else folded)[:cut].rstrip("-")
            if len(prefix) >= 3:  # a compound: its first part is the topic
                kept.append(prefix)
            continue
        if (
            _GOAL_WORD.match(folded)
            or folded in _FILLER
            or folded in counted_kinds().frame
            or folded.isdigit()
        ):
            continue
        kept.append(word)
    return " ".join(kept)


# "o" is chat's "och" ("jobb o feriejobb").
_CONJUNCTION = re.compile(r"\s(?:och|o|eller|samt|resp\.?|respektive)\s|[,;/]")


def topic_parts(question: str, topic: str) -> list[str]:
    """The topic, and its parts when the question joins several ("om feriejobb och stockholmsjobb").

    Each part keeps the topic words that stand between two conjunctions of the question; a
    row about one part belongs to the list as much as a row about the whole topic.
    """
    words = topic_words(topic)
    if not words:
        return []
    wanted = {fold(w) for w in words.split()}
    parts = [words]
    for piece in _CONJUNCTION.split(fold(question)):
        kept = [w for w in re.findall(r"[\w-]+", piece) if w in wanted]
        part = " ".join(kept)
        if kept and part not in parts:
            parts.append(part)
    # Only an enumeration of short items ("feriejobb och stockholmsjobb", "plast, energi och
    # avfall"); the pieces of a longer description are no topics of their own.
    if len(parts) > 2 and all(len(p.split()) <= 2 for p in parts[1:]):
        return parts
    return [words]


def _goal_label(goal: Goal) -> str:
    number = f" {goal.number}" if goal.number else ""
    return f"{GOAL_LEVEL_LABELS[goal.level]}{number}: {goal.title}"


def keys_below(goals: list[Goal], keys: set[str]) -> set[str]:
    """The given goal keys and the keys of every goal below them (children, grandchildren …)."""
    keys = set(keys)
    grew = True
    while grew:
        below = {g.key for g in goals if g.parent_key in keys}
        grew = not below <= keys
        keys |= below
    return keys


def _head_reading(topic: str, title: str) -> str | None:
    """The topic with a compound read as its head when the title writes only the head, or None.

    "aktiviteter kring krisberedskap" is about the goal "Hög beredskap …": the question's
    compound is a kind of what the title names. Only a head of `MIN_HEAD` letters or more after
    a modifier of `MIN_MODIFIER` or more ("kris|beredskap"), and only for topic words the title
    does not hold in any form, so a title naming the compound itself keeps its own match.
    """
    title_words = {stem: word for word in re.findall(r"[\w-]+", title) for stem in stem_tokens(word)}
    words = topic.split()
    changed = False
    for i, word in enumerate(words):
        stems = stem_tokens(word)
        if len(stems) != 1 or any(s.startswith(stems[0]) or stems[0].startswith(s) for s in title_words):
            continue
        head = next(
            (
                title_words[s]
                for s in sorted(title_words, key=len, reverse=True)
                if len(s) >= MIN_HEAD and len(stems[0]) - len(s) >= MIN_MODIFIER and stems[0].endswith(s)
            ),
            None,
        )
        if head is not None:
            words[i], changed = head, True
    return " ".join(words) if changed else None


def _title_fit(topic: str, title: str) -> int:
    """How many topic words the title holds as themselves or inflected ("miljön" for "miljö").

    A compound of the title that ends in the topic word ("arbetsmiljö", "livsmiljö") matches it
    as loosely in `text_score` as an inflection does, but is another thing; among titles that
    score alike, the ones holding the word itself are what the topic names.
    """
    title_stems = stem_tokens(title)
    return sum(
        1
        for a in set(stem_tokens(topic))
        if any(b == a or (b.startswith(a) and len(b) - len(a) <= MAX_ENDING) for b in title_stems)
    )


def _match_titles(
    snap: Snapshot, topic: str, sources: list[str], idf: Callable[[str], float] | None
) -> list[tuple[float, str, Goal]]:
    """Goals of the documents by how well their title matches the topic, best first.

    Titles only: a list question describes its goal by the title ("aktiviteterna för budget i
    balans"); a goal's expected results mention many topics its rows are not about. A compound
    of the topic matches a title that writes its head (`_head_reading`).
    """
    memo: dict[str, float] = {}
    scored: list[tuple[float, str, Goal]] = []
    for source in sources:
        for goal in snap.parsed[source].goals:
            if goal.title not in memo:
                score = text_score(topic, goal.title, idf)
                head = _head_reading(topic, goal.title)
                if head is not None:
                    score = max(score, text_score(head, goal.title, idf))
                memo[goal.title] = score
            scored.append((memo[goal.title], source, goal))
    scored.sort(key=lambda t: -t[0])
    return scored


def _closest_titles(
    snap: Snapshot, goals: list[tuple[float, str, Goal]], topic: str, rows: list[RowRef]
) -> list[tuple[float, str, Goal]]:
    """The goals near the best score, without those whose titles hold fewer topic words themselves.

    "aktiviteter om miljö" scores "… ta ansvar för miljön", "… en god livsmiljö" and "… en god
    arbetsmiljö" alike (each title holds "miljö" in some form); the title with the word itself
    is the goal meant. Only goals with listed rows under them are compared (the environmental
    indicators stand under the KF goal "… god livsmiljö", not under the board's goal "… miljön");
    goals further below the best than `FIT_WINDOW` are kept as they were.
    """
    if not goals:
        return goals
    best = goals[0][0]
    near = [g for g in goals if g[0] >= best - FIT_WINDOW]
    filed = {(r.source, r.goal_key) for r in rows}
    holding = [
        g for g in near if any((g[1], k) in filed for k in keys_below(snap.parsed[g[1]].goals, {g[2].key}))
    ]
    if not holding:
        return goals
    fits = {id(g): _title_fit(topic, g[2].title) for g in holding}
    top = max(fits.values())
    kept = [g for g in holding if fits[id(g)] == top]
    return kept + [g for g in goals if g[0] < best - FIT_WINDOW]


def narrow(
    snap: Snapshot,
    query: ListQuery,
    topic: str,
    rows: list[RowRef],
    idf: Callable[[str], float] | None = None,
    question: str = "",
) -> Narrowed | None:
    """The rows the topic points at, or None when the topic does not narrow the list.

    Args:
        snap: The knowledge snapshot (the goals of each row's document).
        query: The read list question (its item kind and filters).
        topic: The reading's topic words.
        rows: The rows listed before narrowing, in order.
        idf: Word weights for the row match (rare words name an item); plain counts when None.
        question: The question as typed (its conjunctions split a topic of several parts).

    Returns:
        The rows to keep and a Swedish label for the answer's intro, or None.
    """
    if query.goal_number or not rows:
        return None
    if query.level is not None:
        # "hur många KF-mål för verksamhetsområdet …": the level's own name is no topic.
        label = set(stem_tokens(GOAL_LEVEL_LABELS[query.level]))
        topic = " ".join(w for w in topic.split() if not set(stem_tokens(w)) & label)
    read_as_rows = row_words_read(question)  # "insatser" counted as activities is no topic
    topic = " ".join(w for w in topic.split() if fold(w) not in read_as_rows)
    parts = topic_parts(question, topic)
    if not parts:
        return None
    words = parts[0]
    expanded = expand_query(words)
    # Each part as typed and with its synonyms: an expansion adds words a row need not all
    # hold ("vräkningar" -> "vräkningar avhysning"), so the literal reading scores alongside.
    queries = list(dict.fromkeys([*parts, *(expand_query(p) for p in parts)]))
    floor = {Item.INDICATOR: MIN_INDICATOR_SCORE, Item.ACTIVITY: MIN_ACTIVITY_SCORE}.get(
        query.item, MIN_GOAL_SCORE
    )
    memo: dict[str, list[float]] = {}
    per_query = []  # per row: its score against each query
    for row in rows:
        if row.text not in memo:
            memo[row.text] = [text_score(q, row.text, idf) for q in queries]
        per_query.append(memo[row.text])
    row_scores = [max(scores) for scores in per_query]
    row_best = max(row_scores)
    by_rows = None
    if row_best >= floor:
        # Each part of an enumerated topic keeps its own best rows ("plast och energi").
        bests = [max(scores[j] for scores in per_query) for j in range(len(queries))]
        close = [
            i
            for i, scores in enumerate(per_query)
            if any(
                b >= floor and sc >= max(floor, b - ROW_WINDOW) for sc, b in zip(scores, bests, strict=True)
            )
        ]
        by_rows = Narrowed(close, f"om ”{words}”")
    sources = list(dict.fromkeys(r.source for r in rows))
    goals = _match_titles(snap, expanded, sources, idf)
    if len(parts) > 1:
        # An enumerated topic ("sjukfrånvaro och arbetsmiljö") may name a goal by one part, as
        # each part keeps its own rows above.
        best: dict[tuple[str, str], tuple[float, str, Goal]] = {(s, g.key): (sc, s, g) for sc, s, g in goals}
        for part in parts[1:]:
            for sc, s, g in _match_titles(snap, expand_query(part), sources, idf):
                if sc > best[(s, g.key)][0]:
                    best[(s, g.key)] = (sc, s, g)
        goals = sorted(best.values(), key=lambda t: -t[0])
    if query.item is Item.GOAL and query.level is not None:
        goals = [g for g in goals if g[2].level is not query.level]  # the goal they stand under
    goals = _closest_titles(snap, goals, words, rows)
    goal_best = goals[0][0] if goals else 0.0
    by_goal = _under_goals(snap, rows, goals, goal_best) if goal_best >= MIN_GOAL_SCORE else None
    # "aktiviteter under enhetsmålet om X", "enhetsmål under nämndmålet om X": the question
    # names a goal, so X describes that goal rather than the rows.
    names_goal = len(_GOAL_MENTION.findall(fold(question))) > (1 if query.item is Item.GOAL else 0)
    if names_goal or row_best < goal_best:
        return by_goal or by_rows
    if by_goal and by_rows and set(by_rows.keep) <= set(by_goal.keep):
        return by_goal  # the rows found are the goal's: the topic describes the goal, list all of it
    return by_rows or by_goal


def _under_goals(
    snap: Snapshot, rows: list[RowRef], goals: list[tuple[float, str, Goal]], best: float
) -> Narrowed | None:
    """The rows filed under the best matching goals (and the goals below them), or None."""
    keep: list[int] = []
    labels: list[str] = []
    for score, source, goal in goals:
        if score < best - TIE:
            break
        below = keys_below(snap.parsed[source].goals, {goal.key})
        filed = [i for i, r in enumerate(rows) if r.source == source and r.goal_key in below]
        new = [i for i in filed if i not in keep]
        if new and _goal_label(goal) not in labels:  # a goal whose rows are already in says nothing new
            labels.append(_goal_label(goal))
        keep.extend(new)
    if not keep:
        return None
    keep.sort()
    return Narrowed(keep, "under " + " / ".join(f"*{label}*" for label in labels[:2]))
