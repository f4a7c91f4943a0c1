"""Where a full stop ends a sentence: not after an abbreviation such as "kl.", "t.ex." or "kap.".

Every splitter of prose into sentences (ingest's `parser.text.sentences`, the passage splitter
`knowledge.retrieval.extract.sentences` and the few answer modules that split a quote) ends a
sentence at ". " before a capital or a digit. After an abbreviation that is wrong: "Träffpunkt
Slussen har öppet måndag till fredag kl. 10-16" would be quoted as "… fredag kl." and the hours
lost. The abbreviations are data (`abbreviations.tsv`); this module turns them into one regex
fragment the splitters put after their stop.

It lives in `core` because both `ingest` and `knowledge` split sentences.
"""

from __future__ import annotations

import re
from functools import cache

from core.vocab import VocabError, packaged_text, rows

TABLE = "abbreviations.tsv"
_FORM = re.compile(r"[a-zåäö]+(?:\.[a-zåäö]+)*\.")


@cache
def abbreviations() -> tuple[str, ...]:
    """The abbreviations whose stop does not end a sentence, as written ("kl.", "t.ex.").

    Returns:
        The table's abbreviations, longest first.

    Raises:
        VocabError: A line is not a lower-case abbreviation ending in a stop.
    """
    found: list[str] = []
    for row in rows(packaged_text("core", TABLE), TABLE, expected="en förkortning med punkt"):
        form = row.cell(0)
        if not _FORM.fullmatch(form):
            raise VocabError(row.name, row.no, f"väntade en förkortning med gemener och punkt, fick {form!r}")
        found.append(form)
    return tuple(sorted(set(found), key=lambda f: (-len(f), f)))


def _either_case(form: str) -> str:
    return "".join(f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c) for c in form)


@cache
def not_after_abbreviation() -> str:
    """A regex fragment that holds at a position not right after an abbreviation's stop.

    Put it right after a splitter's stop lookbehind: `(?<=[.!?])` + this + `\\s+(?=[A-Z…])`.
    One negative lookbehind per abbreviation (Python's lookbehinds need a fixed width), each
    anchored at a word start so "ekl." or "Moskva." do not count.

    Returns:
        The fragment; it matches the empty string.
    """
    return "".join(rf"(?<!\b{_either_case(form)})" for form in abbreviations())


def ends_with_abbreviation(text: str) -> bool:
    """Whether a text ends with one of the abbreviations (its stop is then no sentence end).

    Args:
        text: Text up to a stop, e.g. a sentence a splitter has cut.

    Returns:
        True for "… öppet måndag till fredag kl." or "(14 kap.", False for "… promenad etc.".
    """
    return _at_end().search(text.rstrip()) is not None


@cache
def _at_end() -> re.Pattern[str]:
    forms = "|".join(_either_case(form) for form in abbreviations())
    return re.compile(rf"(?<![\w.])(?:{forms})$")
