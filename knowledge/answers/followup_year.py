"""Another year of the series just shown: "och 2017?", "vad låg det på året innan?".

Award applications report a figure with last year's beside it ("max 625 000 kr per månad (2018:
675 000 kr)") or in a small table with one line per year ("2016 115 111 +4", "2017 114 106 +8").
When the last answer quoted such a series and the follow-up changes only the year, the answer is
the line of that series for the asked year, from the text just shown, not a new search for the
bare words "låg det på" (which finds anything). The year slot comes typed from the reading (an
explicit year, or one counted from the document's year by understand/reading.py); nothing of the
previous question is re-read.
"""

from __future__ import annotations

import re

from knowledge.answer import Answer, AnswerKind, ConversationContext
from knowledge.answers.cite import Citations
from knowledge.answers.goal import answer_context
from knowledge.answers.phrasing import doc_label
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.extract import sentences
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold
from knowledge.understand import vocab as v
from knowledge.understand.reading import QuestionReading, year_from_conversation

# Chunks of running text or result lines a quoted series is cited from.
_TEXT_CHUNKS = frozenset((ChunkKind.SECTION, ChunkKind.OUTCOME, ChunkKind.FACT, ChunkKind.INDICATOR))
# A follow-up that changes only the year has at most this many words of its own besides it.
_OWN_WORDS = 2


def _year_row(year: int) -> re.Pattern[str]:
    """A line of a year table: the year first, then figures ("2017 114 106 +8")."""
    return re.compile(rf"^\s*{year}\s+[-+±]?\d", re.M)


def _beside(year: int) -> re.Pattern[str]:
    """A figure given for a year beside another one: "(2018: 675 000 kr)", "(2018:563)"."""
    return re.compile(rf"\(\s*{year}\s*:\s*[^)]*\d[^)]*\)")


def _series(text: str) -> bool:
    """Whether a text shows a year series: a year table line or a figure given for a year."""
    return bool(
        re.search(r"^\s*(?:19|20)\d\d\s+[-+±]?\d", text, re.M) or re.search(r"\((?:19|20)\d\d\s*:", text)
    )


def asked_year(asked: QuestionReading, context: ConversationContext) -> int | None:
    """The year a follow-up that changes only the year asks for, else None.

    "och 2017?", "hur såg det ut 2017?", "vad låg det på året innan?" (counted from the year the
    previous question named, else the document's): an elliptic question or one with a pronoun for
    what was just shown, naming no unit or district and at most two words of its own besides the year.
    """
    if asked.units or asked.districts:
        return None
    words = set(re.findall(r"\w+", fold(asked.text)))
    if not (asked.is_followup or words & v.PRONOUNS):
        return None
    if (shifted := year_from_conversation(asked, context)) is not None:
        year, topic = shifted[0], shifted[1]
    elif len(asked.years) == 1 and re.search(r"\b(?:19|20)\d\d\b", asked.text):
        year, topic = asked.years[0], asked.topic
    else:
        return None
    own = [w for w in topic.split() if fold(w) not in v.GENERIC and not re.fullmatch(r"\d+", w)]
    return year if len(own) <= _OWN_WORDS else None


def year_in_series(
    snap: Snapshot, asked: QuestionReading, reading: QuestionReading, context: ConversationContext
) -> Answer | None:
    """The line of the year series just shown for the year a follow-up asks, or None.

    Args:
        snap: The knowledge snapshot.
        asked: The follow-up as read on its own (its year: named, or counted from the
            conversation's year: "året innan").
        reading: The follow-up with the conversation applied.
        context: What the previous answer left behind (`quoted`: the text it showed).
    """
    source = context.source or ""
    if not (context.quoted and source in snap.parsed):
        return None
    if not any(_series(q) for q in context.quoted):
        return None
    year = asked_year(asked, context)
    if year is None:
        return None
    for quote in context.quoted:
        head = " ".join(quote.rstrip("…").split())[:60]
        for chunk in snap.chunks_of(source):
            if chunk.kind not in _TEXT_CHUNKS or head not in " ".join(chunk.text.split()):
                continue
            if (line := _line_for(chunk, quote, year)) is not None:
                return _answer(snap, chunk, line, year, reading)
    return None


def _line_for(chunk: Chunk, quote: str, year: int) -> str | None:
    """The sentence of `quote` giving the year's figure, else the chunk's table line of that year."""
    for sentence in sentences(quote.rstrip("…")):
        if _beside(year).search(" ".join(sentence.split())) and sentence in chunk.text:
            return sentence
    if m := _year_row(year).search(chunk.text):
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        end = chunk.text.find("\n", start)
        return chunk.text[start : end if end >= 0 else len(chunk.text)].strip()
    return None


def _answer(snap: Snapshot, chunk: Chunk, line: str, year: int, reading: QuestionReading) -> Answer:
    cites = Citations(snap)
    header = _table_header(chunk.text, line)
    quote = chunk.text[chunk.text.find(header) : chunk.text.find(line) + len(line)] if header else line
    if header and len(quote) > 3 * len(line) + len(header):
        quote = line  # a header far above: quote the line alone
    marker = cites.cite(chunk, quote)
    shown = (
        f"{' '.join(header.split())}: {' '.join(line.split())}"
        if header and quote != line
        else " ".join(line.split())
    )
    if beside := _beside(year).search(" ".join(line.split())):
        # "(2018: 675 000 kr)": the year's own figure first, the sentence it stands in after it.
        shown = f"{year}: **{beside.group(0)[1:-1].split(':', 1)[1].strip()}**\n\n{shown}"
    return Answer(
        answer=f"Enligt {doc_label(snap, chunk.source)}, {year}:\n\n{shown} {marker}",
        kind=AnswerKind.PASSAGES,
        citations=cites.items,
        context=answer_context(snap, chunk.source, reading),
    )


def _table_header(text: str, line: str) -> str:
    """The header line of the year table a line belongs to ("Ar Budget (mnkr) Utfall (mnkr) …"), or ""."""
    at = text.find(line)
    if at < 0 or not re.match(r"(?:19|20)\d\d\s", line):
        return ""
    for previous in reversed(text[:at].splitlines()):
        if previous.strip() and not re.match(r"\s*(?:19|20)\d\d\s", previous):
            return previous.strip()
    return ""
