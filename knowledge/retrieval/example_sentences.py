"""Example sentences: a sentence that opens with "Exempelvis …" belongs to the one before it.

Plans and KU applications state a general claim and then give the concrete detail in the
next sentence: "… har flera medarbetare utbildning kring att möta människor med
neuropsykiatriska funktionsnedsättningar." "Exempelvis jobbar vi med att sammanfatta och ge
kort skriftlig information …". Staff ask about the detail ("hur anpassar vi oss för dem?"),
but it shares few words with the question, and the sentence model chooses the general
sentence. A quote that ends on the sentence before an example reads the example too
(`extract.quote_around`), as it reads a list's items: the example finishes the claim.

The openers are data (`understand/example_openers.tsv`); nothing here is fit on questions.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from knowledge.textnorm import fold

DATA_FILE = "example_openers.tsv"
# Leading list marks and quotes before a sentence's first word.
_LEAD = '-•*–"” \t\n'
_SPACES = re.compile(r"\s+")


def parse(text: str) -> tuple[tuple[str, ...], ...]:
    """The openers of a TSV text (comments and blank lines skipped) as tuples of folded words.

    Args:
        text: Lines of `example_openers.tsv`: one opener a line, "#" starts a comment line.
    """
    out = []
    for line in text.splitlines():
        s = line.split("\t", 1)[0].strip()
        if s and not s.startswith("#"):
            out.append(tuple(fold(s).lower().split()))
    # Longest first, so "ett exempel pa detta" is tried before "ett exempel".
    return tuple(sorted(set(out), key=len, reverse=True))


@lru_cache(maxsize=1)
def openers() -> tuple[tuple[str, ...], ...]:
    """The shipped openers (`understand/example_openers.tsv`), read once."""
    return parse(resources.files("knowledge.understand").joinpath(DATA_FILE).read_text(encoding="utf-8"))


def gives_example(sentence: str, table: tuple[tuple[str, ...], ...] | None = None) -> bool:
    """True when the sentence opens with an example opener ("Exempelvis …", "Ett konkret exempel …").

    Args:
        sentence: One sentence of a passage (`extract.sentences`).
        table: The openers (`parse`); the shipped ones when None.
    """
    head = _SPACES.split(fold(sentence.lstrip(_LEAD)).lower(), 8)
    for opener in table if table is not None else openers():
        n = len(opener)
        words = [w.rstrip(",:;") for w in head[:n]]
        if len(words) == n and tuple(words) == opener:
            return True
    return False
