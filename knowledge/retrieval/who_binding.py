"""Whether a passage binds a role to the matter of a "vem …?" question.

A "vem …?" question's verb ("ansvarar", "håller i", "sköter", "kollar"; `understand/who_topic`)
is answered in the documents by a role named beside the matter, not by the verb: "Regelbundna
internutbildningar … hålls av samordnare", "Införa en gemensam digital väntelista … | Samordnare
Team Skolbarn" (the activity table's "Ansvarig" column), "En gång per månad görs
kretsgenomgång … Ansvarig: Biträdande enhetschef". Counting the verb as a word to find ranks a
passage about something else that happens to say "ansvarar" above the one about the matter, and
the one about the matter stays under the passages' coverage cut-off. So in a passage's coverage
the verb counts as present exactly when a sentence of the passage (or the one after it, where
"Ansvarig: …" follows the matter) names a role and the matter's words are in that sentence or the
one before: the matter chooses the passage, the role binds to it in the same place.
"""

from __future__ import annotations

from functools import lru_cache

from knowledge.retrieval.extract import sentences
from knowledge.retrieval.who_fill import names_who
from knowledge.textnorm import stem_tokens

Groups = list[tuple[set[str], set[str]]]


def matter_groups(groups: Groups, doing: tuple[str, ...]) -> Groups:
    """The query groups that are not the question's doing words.

    Args:
        groups: The query's word groups (own stems, synonym stems), `textnorm.query_groups`.
        doing: The topic's doing words as written (`who_topic.WhoTopic.doing`).
    """
    verbs = set(stem_tokens(" ".join(doing)))
    return [(own, syn) for own, syn in groups if not own & verbs]


def binds_role(text: str, matter: Groups) -> bool:
    """Whether a sentence of `text` names a role next to a sentence holding a matter word.

    Args:
        text: A passage (a section, a table row, a routine).
        matter: The question's matter groups (`matter_groups`).

    Returns:
        True when some sentence names who (`who_fill.names_who`) and it or the sentence
        before it holds a word (or synonym) of the matter.
    """
    if not matter:
        return False
    parts = sentences(text)
    words = [(own | syn) for own, syn in matter]
    topical = [any(w & set(stem_tokens(part)) for w in words) for part in parts]
    # The cheap test first: a role is looked for only where the matter is (~0.4 ms a sentence).
    return any(
        (topical[i] or (i > 0 and topical[i - 1])) and _names_who(part) for i, part in enumerate(parts)
    )


@lru_cache(maxsize=4096)
def _names_who(sentence: str) -> bool:
    """`who_fill.names_who`, cached: the same passages are scored again within one question."""
    return names_who(sentence)


def with_doing(text: str, doing: tuple[str, ...], matter: Groups) -> str:
    """`text` with the question's doing words added when it binds a role to the matter.

    The coverage of the passage then counts the doing as said (see the module docstring);
    otherwise the text is returned unchanged and the doing words count as missing, as before.
    """
    if doing and binds_role(text, matter):
        return f"{text} {' '.join(doing)}"
    return text
