"""Staff's other words for the rows a plan lists, and the verbs that frame a list question.

A plan lists its activities, indicators and unit goals under those names ("Aktivitet",
"Indikator", "Enhetsmål"); staff count them in their own words: "hur många insatser i vp:n
drog igång 2022?", "hur många projekt har HVT?", "hur många delmål har vi satt?". And a list
question often says how the unit relates to its rows ("nämndmålen vi jobbar mot") in words
that say nothing of what the rows are about, so they are no topic to narrow the list by.

The words are data (`counted_kinds.tsv`). Some words name the rows only when the question is
about the plan: "insatser" are also what a unit gives its clients, so "hur många insatser har
boendestödet?" is not read as a count of activities unless it names the plan or a start or end
date (`Cue.PLAN`); the list reader checks the cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from core import vocab
from knowledge.textnorm import fold

DATA_FILE = "counted_kinds.tsv"


class CountedKind(StrEnum):
    """What a word of the table names: a kind of plan row, or a verb framing the list."""

    ACTIVITY = "activity"
    INDICATOR = "indicator"
    UNIT_GOAL = "unit_goal"
    FRAME = "frame"
    MEASURE = "measure"
    GENERIC = "generic"
    STAFF = "staff"
    LIGHT = "light"


class Cue(StrEnum):
    """When a row word names the rows: wherever it heads a count or list, or only in plan talk."""

    ALWAYS = "always"
    PLAN = "plan"
    NONE = "-"


@dataclass(frozen=True)
class RowWord:
    """One other word for a kind of row, and when it is read as that kind."""

    kind: CountedKind
    cue: Cue


@dataclass(frozen=True)
class CountedKinds:
    """The parsed table: row words by folded word, the folded framing verbs and measure words."""

    rows: dict[str, RowWord]
    frame: frozenset[str]
    measures: frozenset[str] = frozenset()
    # Nouns any count of people or things answers ("hur många personer …" by "13 medarbetare").
    generic: frozenset[str] = frozenset()
    # Verbs that only frame the part a count asks for ("hur många av dem *kom* från polisen").
    light: frozenset[str] = frozenset()
    # Words for a unit's staff, which a count of any role answers ("12 boendestödjare").
    staff: frozenset[str] = frozenset()

    def row_word(self, folded: str) -> RowWord | None:
        """The kind of row a folded word names, or None when it names none."""
        return self.rows.get(folded)


def parse(text: str, name: str = DATA_FILE) -> CountedKinds:
    """Parse the counted-kinds table.

    Args:
        text: The table: `kind <TAB> word|word … <TAB> cue <TAB> note` lines, `#` comments.
        name: The file name, for error messages.

    Returns:
        The table, its words folded.

    Raises:
        VocabError: A line has an unknown kind or cue, lists no word, or a row word without a
            row cue (or a frame line with one).
    """
    rows: dict[str, RowWord] = {}
    plain: dict[CountedKind, set[str]] = {
        kind: set()
        for kind in (
            CountedKind.FRAME,
            CountedKind.MEASURE,
            CountedKind.GENERIC,
            CountedKind.LIGHT,
            CountedKind.STAFF,
        )
    }
    kinds = {k.value for k in CountedKind}
    cues = {c.value for c in Cue}
    for row in vocab.rows(text, name):
        words = [fold(w.strip()) for w in row.cell(1).split("|") if w.strip()]
        cue = row.cell(2)
        if row.cells[0] not in kinds or cue not in cues or not words:
            raise row.error("'slag<TAB>ord|ord<TAB>villkor<TAB>anteckning'")
        kind, when = CountedKind(row.cells[0]), Cue(cue)
        if (kind in plain) != (when is Cue.NONE):
            raise row.fail(
                "'frame'/'measure'/'generic'/'light'/'staff' har villkoret '-', andra slag 'always'/'plan'"
            )
        if kind in plain:
            plain[kind].update(words)
        else:
            rows.update({word: RowWord(kind, when) for word in words})
    return CountedKinds(
        rows,
        frozenset(plain[CountedKind.FRAME]),
        frozenset(plain[CountedKind.MEASURE]),
        frozenset(plain[CountedKind.GENERIC]),
        frozenset(plain[CountedKind.LIGHT]),
        frozenset(plain[CountedKind.STAFF]),
    )


@lru_cache(maxsize=1)
def table() -> CountedKinds:
    """The packaged table, read once."""
    return parse(vocab.packaged_text("knowledge.understand", DATA_FILE))
