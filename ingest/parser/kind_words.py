"""Two-column word tables of the parser: `kind <TAB> word`, matched folded.

`activity_dates.tsv` (the words around an activity's date) and `indicator_columns.tsv` (the
header words of an indicator table's columns) are both read by asking for the words of one kind;
a word ending in `*` keeps it (the callers match it as a prefix).
"""

from __future__ import annotations

from pathlib import Path

from core.vocab import read_rows
from ingest.parser.text import fold


def kind_words(path: Path, kind: str) -> list[str]:
    """The folded words of one kind, in file order.

    Args:
        path: The table: `kind <TAB> word` lines, `#` comments.
        kind: The kind column's value ("caption", "name").

    Returns:
        The words of that kind, folded.

    Raises:
        VocabError: A line has not exactly two cells.
    """
    words: list[str] = []
    for row in read_rows(path):
        if len(row.cells) != 2:
            raise row.error("'slag<TAB>ord'")
        if row.cell(0) == kind:
            words.append(fold(row.cell(1)))
    return words
