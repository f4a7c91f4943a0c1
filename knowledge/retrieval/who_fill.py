"""Whether a sentence answers a "vem …?" question: it names a role, title, group or person.

The answer-type grammar (`retrieval.fillers`) reads a person filler at two strengths: a role word
("hälsocoach", "Introduktionsansvarig", "biträdande enhetschef", "Ansvar:") at full strength, and
weak hints at half ("medarbetarna", "ansvarar", any capitalised acronym such as "SDF" or "APT").
For "hur ofta" a vague filler ("regelbundet") still says something about the asked thing, but a
weak person hint does not say who: "… verksamhet inom Älvsjö SDF ska undersökas" names no one,
"Detta arbete … leds av den hälsocoach som arbetar på Kravatten" does. So a quote built for a
"who" question counts as answering it only when one of its sentences holds a full-strength
person filler; otherwise the quote reads on to the neighbour that names the role.
"""

from __future__ import annotations

from knowledge.retrieval.fillers import filler_strengths, type_match
from knowledge.understand.answer_types import AnswerType
from knowledge.understand.role_words import names_role

# A person filler from this strength on names who (a role word, a title, "Ansvarig:"); below it
# it is a hint only (an acronym, "medarbetarna", "ansvarar").
NAMES_WHO = 1.0
# Any other asked type is filled from this strength on, as in `retrieval.extract.FILLS`.
FILLS = 0.5


def names_who(sentence: str) -> bool:
    """Whether the sentence names a role, title, group or person at full strength.

    A full-strength person filler of the grammar, or a role word of `understand/role_words.tsv`
    the grammar lacks ("skuldrådgivare", "vräkningsförebyggare", "FUT- utredare").
    """
    return filler_strengths(sentence).get(AnswerType.PERSON, 0.0) >= NAMES_WHO or names_role(sentence)


def answers_asked(asked: frozenset[AnswerType], sentence: str) -> bool:
    """Whether the sentence holds what the question asks for, a "who" only by naming someone.

    Args:
        asked: The question's answer types (`understand.answer_types.asked_types`).
        sentence: One sentence of a candidate quote.

    Returns:
        True when the sentence names who (for a question asking PERSON) or fills another asked
        type at `FILLS` or more (a type close to it counting in part, `fillers.type_match`).
    """
    if AnswerType.PERSON in asked and names_who(sentence):
        return True
    others = asked - {AnswerType.PERSON}
    return bool(others) and type_match(frozenset(others), sentence) >= FILLS
