"""Tables of single folded words, one a line: `word <TAB> note` (the note optional).

`who_verbs.tsv` (the verbs of a "vem …?" topic) and `role_words.tsv` (the endings of role nouns)
have the same form and the same rule: each line gives one word of letters only, matched folded.
"""

from __future__ import annotations

import re

from core.vocab import rows
from knowledge.textnorm import fold

_LETTERS = re.compile(r"[a-z]+")


def parse_letter_words(text: str, name: str, expected: str) -> frozenset[str]:
    """Parse a one-word-a-line table into its folded words.

    Args:
        text: The table: `word <TAB> note` lines, `#` comments.
        name: The file name, for error messages.
        expected: The line form the error quotes ("'ordform<TAB>anteckning'").

    Returns:
        The folded words.

    Raises:
        VocabError: A line's word is empty or holds anything but letters once folded.
    """
    out = set()
    for row in rows(text, name):
        word = fold(row.cell(0))
        if not _LETTERS.fullmatch(word):
            raise row.error(expected)
        out.add(word)
    return frozenset(out)
