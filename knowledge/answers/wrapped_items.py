"""Whether a line continues a bullet item that the text wrapped onto the next line.

PDF and Word plans hard-wrap long bullets. The wrapped rest of an item usually starts in lower
case, but not always: "• Fler brukare ska ha en arbetsinriktad sysselsättning. Enheten inför IPS
tillsammans med" / "Jobbtorg Stockholm och Region Stockholm." wraps before a name. Read as a new
line, such a rest ends the list early (the first bullet is left alone, and the rest becomes the
lead of the bullets after it), so list answers lose their first items. An item whose line stops
on a word no sentence ends with (`understand/open_endings.tsv`) and without punctuation was cut
mid-sentence: the next line is its rest whatever its first letter.
"""

from __future__ import annotations

from functools import cache

from core.vocab import packaged_text, rows
from knowledge.textnorm import fold

_TABLE = "open_endings.tsv"
# Punctuation that ends an item as written: a line ending in one is no wrapped sentence.
_CLOSED = (".", ":", ";", "!", "?", ")", "”", '"')


@cache
def open_endings() -> frozenset[str]:
    """The folded words a line cannot end a sentence with (`understand/open_endings.tsv`)."""
    table = rows(packaged_text("knowledge.understand", _TABLE), _TABLE)
    return frozenset(row.cell(0).strip() for row in table)


def stops_mid_sentence(item: str) -> bool:
    """Whether an item's text ends open: no closing punctuation and a last word that needs more.

    Args:
        item: The item as read so far (its bullet included).

    Returns:
        True when the item's last word cannot end a sentence ("… tillsammans med").
    """
    text = item.rstrip()
    if not text or text.endswith(_CLOSED):
        return False
    words = fold(text).split()
    return len(words) > 1 and words[-1] in open_endings()


def continues_item(item: str, line: str) -> bool:
    """Whether a non-bullet line is the wrapped rest of the item before it.

    Args:
        item: The item the line follows (as read so far).
        line: The stripped line, which carries no bullet.

    Returns:
        True for a line in lower case (the sentence goes on) or after an item that stops
        mid-sentence; False for a line that starts anew (a lead, a heading, prose).
    """
    if not line:
        return False
    return line[:1].islower() or stops_mid_sentence(item)
