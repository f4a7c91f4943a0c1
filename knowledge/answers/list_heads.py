"""What a prose list question lists ("vilka insatser …" -> insats), and whether a passage lists it.

Lists in the plans are not only table rows: "Insatser som beviljas … är råd och stöd,
samtalsstöd via RVC, ekonomiskt bistånd, skyddat boende samt andra boenden", "… styrs av
socialtjänstlagen (SoL), förvaltningslagen (FL), …", a lead line "… nedanstående
arbetsplatsträffar:" with bullets under it. A passage that enumerates the very noun the
question asks for ("vilka insatser", "vilka lagar") answers a list question better than one
that only shares its topic words, as a passage stating a number answers "hur många …" better.
"""

from __future__ import annotations

import re

from core.sentence_stops import not_after_abbreviation
from knowledge.answer import Answer
from knowledge.answers.prose_counts import MIN_CONTEXT, Stated, context_fit, render_stated, rest_groups
from knowledge.models import ChunkKind
from knowledge.retrieval.extract import sentences, verbatim_span
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold
from knowledge.understand.reading import QuestionReading

_ASKS = re.compile(
    r"\b(?:vilka|vilken sorts?|vad (?:finns det |har vi |har ni )?for|lista|rakna upp)\s+"
    r"(?:(?:olika|slags|sorters?|typer av|sorts)\s+)?(?P<noun>[a-z][\w-]{2,})"
)
# Words after "vilka" that are no noun of a list ("vilka är …", "vilka som …") or whose lists
# are table rows answered elsewhere (indicators, activities, goals).
_NOT_HEADS = {
    *("ar", "som", "har", "kan", "ska", "finns", "galler", "brukar", "behover", "man", "vi", "ni", "de"),
    *("indikatorer", "aktiviteter", "mal", "malen", "enhetsmal", "namndmal", "nyckeltal"),
}
_PLURAL = ("erna", "arna", "orna", "ena", "na", "er", "ar", "or", "en", "n")
_ITEM_LINE = re.compile(r"^\s*(?:[-•*–]|\d{1,2}[.)]|e )\s*\S", re.MULTILINE)

# Sentence ends in folded text, not at an abbreviation's stop ("t.ex. jobbtorg": core/sentence_stops.py).
_SENTENCE_END = re.compile(r"(?<=[.!?])" + not_after_abbreviation() + r"\s+")


def asked_head(question: str) -> str | None:
    """The stem of the noun a list question asks for ("vilka lagar styr …" -> "lag"), or None.

    Args:
        question: The question as typed.

    Returns:
        The folded stem (plural ending removed, at least three letters), or None when the
        question asks for no list of a noun.
    """
    match = _ASKS.search(fold(question))
    if match is None:
        return None
    noun = match.group("noun")
    if noun in _NOT_HEADS or noun.endswith(("mal", "malen")):
        return None
    for ending in _PLURAL:
        if noun.endswith(ending) and len(noun) - len(ending) >= 3:
            return noun[: -len(ending)]
    return noun


def _head_pattern(stem: str) -> re.Pattern[str]:
    # The stem alone or as the last part of a compound ("lag" in "socialtjanstlagen"), with a
    # Swedish ending: a compound's last part names what it is.
    return re.compile(r"(?<![a-z])[a-z-]*" + re.escape(stem) + r"(?:en|er|erna|ar|arna|or|orna|na|n|s)?\b")


def enumerates(text: str, stem: str) -> bool:
    """Whether a passage lists things of the kind `stem` names.

    A sentence that names the kind and goes on to enumerate at least three items (two commas
    after the kind's name), a sentence that names the kind of the series just before it ("Alla
    tre är … metoder"), or a lead line naming the kind that ends in ":" with at least two item
    lines under it.

    Args:
        text: The passage text.
        stem: The folded stem from `asked_head`.
    """
    folded = fold(text)
    pattern = _head_pattern(stem)
    lines = folded.split("\n")
    for i, line in enumerate(lines):
        if line.rstrip().endswith(":") and pattern.search(line):
            items = [ln for ln in lines[i + 1 : i + 12] if ln.strip()]
            if sum(1 for ln in items[:6] if _ITEM_LINE.match(ln)) >= 2:
                return True
    parts = _SENTENCE_END.split(folded)
    for i, sentence in enumerate(parts):
        found = pattern.search(sentence)
        if found is None:
            continue
        if sentence[found.start() :].count(",") >= 2:
            return True
        # "Enheten arbetar enligt MI-andan, återhämtningsinriktat och med lågaffektivt bemötande.
        # Alla tre är evidensbaserade metoder": the kind is named after its items.
        if i > 0 and _REFERS_BACK.match(sentence) and _SERIES.search(parts[i - 1]):
            return True
    return False


_INTRODUCER = re.compile(
    r"(?:\bar\b|:|\bsasom\b|\bbland annat\b|\bi form av\b|\bexempelvis\b|\btill exempel\b)"
)


def names_members(sentence: str, stem: str) -> bool:
    """Whether a sentence gives the members of the kind `stem` names (stricter than `enumerates`).

    The kind's name in several items ("socialtjänstlagen, förvaltningslagen, kommunallagen"),
    a series introduced after the name ("Insatser som beviljas … är råd och stöd, samtalsstöd,
    …"), or a series named after ("… Alla tre är metoder"). "Sammanlagt har teamen 36
    socialsekreterare, sju bidragshandläggare, …" lists the teams' staff, not the teams.

    Args:
        sentence: One sentence (or a sentence and the one before it).
        stem: The folded stem from `asked_head`.
    """
    pattern = _head_pattern(stem)
    parts = _SENTENCE_END.split(fold(sentence))
    for part in parts:
        found = list(pattern.finditer(part))
        if len(found) >= 2 and part.count(",") >= 1:
            return True
        intro = _INTRODUCER.search(part, found[0].end()) if found else None
        if intro is not None and part[intro.end() :].count(",") >= 2:
            return True
    return (
        len(parts) == 2
        and pattern.search(parts[1]) is not None
        and bool(_REFERS_BACK.match(parts[1]))
        and bool(_SERIES.search(parts[0]))
    )


_REFERS_BACK = re.compile(r"(?:alla|samtliga|bada|dessa|de) (?:tva|tre|fyra|fem|\d+ )?")
_SERIES = re.compile(r"[^,]+,[^,]+\b(?:och|samt)\b")


def prose_list_answer(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """Answer "vilka <noun> …" with the sentence (or lead and items) that enumerates the noun.

    Only sentences whose context holds at least `MIN_CONTEXT` of the question's other words
    ("vilka lagar *styr* …") count; none found leaves the question to the passages.

    Args:
        snap: The knowledge snapshot.
        reading: The read question.
        sources: The documents chosen for the question.

    Returns:
        The cited enumeration (one per unit, as a clarification, when no unit is named and
        several enumerate their own), or None.
    """
    stem = asked_head(reading.text)
    if stem is None:
        return None
    rest = rest_groups(snap, reading, stem, [])
    found: list[Stated] = []
    for source in sources:
        for chunk in snap.chunks_of(source):
            if chunk.kind is not ChunkKind.SECTION or stem not in snap.folded(chunk):
                continue
            parts = sentences(chunk.text)
            for i, sentence in enumerate(parts):
                # The sentence alone, or with the series before it ("… Alla tre är metoder").
                if names_members(sentence, stem):
                    quote = sentence
                elif i > 0 and names_members(" ".join(parts[i - 1 : i + 1]), stem):
                    quote = verbatim_span(chunk.text, parts[i - 1 : i + 1])
                else:
                    continue
                fit = context_fit(snap, rest, f"{chunk.breadcrumb} {quote}")
                if fit >= MIN_CONTEXT:
                    found.append(Stated(source, chunk, quote, "", fit))
    found.sort(key=lambda s: -s.fit)
    return render_stated(snap, reading, found) if found else None
