"""Swedish particle verbs and the nouns made from them ("följs upp" ~ "Uppföljning").

A Swedish particle verb writes its particle as a word of its own after the verb ("vi följer
upp", "det följs upp", "tar emot"), but the noun made from it puts the particle in front, as
one word: "uppföljning", "mottagning", "utbetalning", "avslut". The plans name their sections
with such nouns ("Uppföljning", "Utveckling") while staff ask with the verb ("vad följs upp
varje månad?"), so the question's two words never meet the heading's one. Joining the
particle to the verb's stem, in the noun's order, gives the stem the noun starts with
("upp" + "folj" -> "uppfolj", a prefix of "uppfoljning").

The particles are the closed class of Swedish grammar (not a list fitted to questions); a
joined form is only used when some word of the corpus starts with it, so "går igenom" stays
as it is ("genomgar" begins no word; the noun is "genomgång").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable

from knowledge.textnorm import fold, stem_tokens

# Verb particles of Swedish (folded), with the form they take in front of the noun
# ("igenom" -> "genom|gång", "emot" -> "mot|tagning").
PARTICLES: dict[str, str] = {
    **{p: p for p in ("upp", "ut", "in", "av", "pa", "om", "till", "fram", "over", "under")},
    **{p: p for p in ("bort", "ner", "ned", "med", "efter", "ihop", "undan", "at", "forbi")},
    "igenom": "genom",
    "emot": "mot",
}
# Subject pronouns (folded), the closed class that may stand between verb and particle.
_PRONOUNS = frozenset(("vi", "ni", "jag", "du", "de", "dom", "man", "hen", "han", "hon", "den", "det"))
# A verb stem shorter than this is no content verb to join ("är upp", "ta in").
_MIN_VERB = 3
# A joined stem shorter than this begins too many words to mean one of them.
_MIN_JOINED = 6
_WORD = re.compile(r"[^\W\d_][\w-]*")


def joined_stems(text: str, known_prefix: Callable[[str], bool]) -> list[tuple[str, str, str]]:
    """The particle verbs of a text as the stems their nouns begin with.

    Args:
        text: A question as typed ("vad följs upp varje månad?").
        known_prefix: Whether some word of the corpus starts with a stem.

    Returns:
        (verb word, particle word, joined stem) for each verb directly followed by a particle
        whose joined stem begins a word of the corpus: [("följs", "upp", "uppfolj")].
    """
    words = _WORD.findall(text)
    found: list[tuple[str, str, str]] = []
    for i, verb in enumerate(words[:-1]):
        # The subject stands between the verb and its particle when the verb comes first
        # ("följer vi upp", "gör ni om"): one pronoun may be skipped.
        after = i + 2 if fold(words[i + 1]) in _PRONOUNS and i + 2 < len(words) else i + 1
        particle = words[after]
        front = PARTICLES.get(fold(particle))
        if front is None or fold(verb) in PARTICLES or fold(verb) in _PRONOUNS:
            continue
        stems = stem_tokens(verb)
        if len(stems) != 1 or len(stems[0]) < _MIN_VERB:
            continue
        stem = _verb_root(stems[0])
        joined = front + stem
        if len(joined) >= _MIN_JOINED and known_prefix(joined):
            found.append((verb, particle, joined))
    return found


def _verb_root(stem: str) -> str:
    # The stemmer leaves the passive's -s on some forms ("följs" -> "foljs"); the noun has none.
    return stem[:-1] if stem.endswith("s") and len(stem) > _MIN_VERB + 1 else stem


def with_joined(text: str, known_prefix: Callable[[str], bool]) -> str:
    """The text with each particle verb written as its noun's stem ("följs upp" -> "uppfolj").

    Args:
        text: A question as typed.
        known_prefix: Whether some word of the corpus starts with a stem.

    Returns:
        The text with the verb and its particle replaced by the joined stem; unchanged when
        it has no particle verb whose noun the corpus uses.
    """
    for verb, particle, joined in joined_stems(text, known_prefix):
        pattern = rf"\b{re.escape(verb)}(\s+\w+)??\s+{re.escape(particle)}\b"
        text = re.sub(pattern, _keeping_subject(joined), text, count=1)
    return text


def _keeping_subject(joined: str) -> Callable[[re.Match[str]], str]:
    # "följer vi upp" -> "uppfolj vi": the pronoun between verb and particle stays.
    return lambda match: f"{joined}{match.group(1) or ''}"


def prefix_lookup(terms: Iterable[str]) -> Callable[[str], bool]:
    """A test of whether some term starts with a stem, over a fixed set of terms.

    Args:
        terms: The corpus's stems (the lexical index's vocabulary).

    Returns:
        A function answering "does some term start with this stem?" by binary search.
    """
    ordered = sorted(terms)

    def known_prefix(stem: str) -> bool:
        at = bisect_left(ordered, stem)
        return at < len(ordered) and ordered[at].startswith(stem)

    return known_prefix
