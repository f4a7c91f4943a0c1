"""Which sentence of a found passage states the rule for the situation a question describes.

A plan's Arbetssätt or a rutin states its rules inside long prose: "Målet nås genom … Nämnden
arbetar aktivt med att förebygga felaktiga utbetalningar … Om det framkommer misstanke om
bidragsbrott, görs polisanmälan." A question that describes a situation ("vad gör vi om vi tror
att nån fuskar med soc-pengarna?") is answered by the sentence whose *condition* holds that
situation, though its consequence ("görs polisanmälan") shares no word with the question and the
opening sentences share more (the common "ekonomiskt bistånd" of a "soc-pengarna" synonym).

`condition_fit` counts the question's topic stems found in a rule sentence's condition part
(`understand.conditions.condition_part`), full at `FULL_FIT_STEMS`; sentences that open with no
condition get 0. It counts stems rather than taking their share of the topic: a situation is
named by one or two words ("bidragsbrott", "långvarigt beroende"), and a topic widened by
synonyms ("soc-pengarna" → "ekonomiskt bistånd") would dilute a share.
`rule_bonus` adds it, weighted, to every sentence score of a passage when the question states a
condition (`understand.conditions.states_condition`), so among the sentences that name the
question's words, the one that states the rule for its situation is quoted; questions that
describe no situation score as before. `rule_chunks` offers the document's passages whose rule
sentence names the situation fully, when retrieval left them out (answers/passage.with_rules).

A question opening with "när" reads as a condition too ("när vi rekryterar chefer, …" and
"när samlade vi in förslagen?" alike): a sentence opening "Vid planeringsdagar …" or "När …"
states the occasion a when-question asks for as well, so the two need not be told apart here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from knowledge.retrieval.quote_features import PREFIX_CREDIT, same_family
from knowledge.textnorm import stem_tokens
from knowledge.understand.conditions import condition_part, states_condition


class _HasText(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def text(self) -> str: ...


ChunkT = TypeVar("ChunkT", bound=_HasText)

# Added to a sentence's model log-odds per unit of condition fit (a rule sentence whose condition
# holds the whole topic gains this much). Chosen on the tune split.
RULE_WEIGHT = 1.0
# The same on the routine path's raw stem coverage (`extract._procedure`, a 0..1 share).
RULE_COVERAGE_WEIGHT = 0.5
# Topic stems in a condition for a full fit: the situation's noun and what is said of it.
FULL_FIT_STEMS = 2


def sentences(text: str) -> list[str]:
    """The text's sentences (`extract.sentences`, imported late: extract imports this module)."""
    from knowledge.retrieval.extract import sentences as split

    return split(text)


def condition_fit(query_stems: set[str], sentence: str) -> float:
    """How fully the sentence's condition part names the question's topic; 0 for a sentence with none.

    Args:
        query_stems: The question's topic stems (synonym expansions included).
        sentence: One sentence of a passage.

    Returns:
        The topic stems in the condition over `FULL_FIT_STEMS`, at most 1; a stem of the same
        word family counts `PREFIX_CREDIT`.
    """
    if not query_stems:
        return 0.0
    condition = condition_part(sentence)
    if condition is None:
        return 0.0
    present = set(stem_tokens(condition))
    exact = query_stems & present
    family = sum(1 for s in query_stems - exact if same_family(s, present))
    return min(1.0, (len(exact) + PREFIX_CREDIT * family) / FULL_FIT_STEMS)


def rule_bonus(parts: list[str], query: str, question: str, weight: float = RULE_WEIGHT) -> list[float]:
    """Each sentence's bonus for stating the rule of the question's situation.

    Args:
        parts: The passage's sentences.
        query: The question's topic words (expanded).
        question: The whole question (whether it states a condition).
        weight: The bonus of a full fit.

    Returns:
        One bonus per sentence; all 0 when the question states no condition.
    """
    if not states_condition(question or query):
        return [0.0] * len(parts)
    stems = set(stem_tokens(query))
    return [weight * condition_fit(stems, p) for p in parts]


# Most chunks of a document added for their rule sentences (`rule_chunks`).
RULE_CHUNKS = 2


def rule_chunks(
    sections: Sequence[ChunkT], have: set[str], query: str, question: str, count: int = RULE_CHUNKS
) -> list[ChunkT]:
    """Section chunks not yet offered whose rule sentence's condition fully holds the situation.

    Retrieval ranks a long Arbetssätt passage by all its words, so the one rule sentence that
    answers "om brukarens behov ändras, …" ("Vid förändring av brukarens önskan eller förändring
    av behov uppdateras planen") may leave its passage out of the chunks offered. A chunk whose
    rule sentence names the question's situation fully (`condition_fit` 1) is offered too; the
    sentence scores, not a new weight, then choose between the chunks.

    Args:
        sections: The document's section chunks, in document order.
        have: Ids of the chunks already offered.
        query: The question's topic words (expanded).
        question: The whole question (whether it states a condition).
        count: Most chunks added.

    Returns:
        Up to `count` chunks, best fit first (document order among equals); none when the
        question states no condition.
    """
    if count <= 0 or not states_condition(question or query):
        return []
    stems = set(stem_tokens(query))
    found: list[tuple[float, int, ChunkT]] = []
    for i, chunk in enumerate(sections):
        if chunk.id in have:
            continue
        fit = max((condition_fit(stems, s) for s in sentences(chunk.text)), default=0.0)
        if fit >= 1.0:
            found.append((-fit, i, chunk))
    return [c for _, _, c in sorted(found, key=lambda t: (t[0], t[1]))[:count]]


def states_rule(text: str, query: str, question: str) -> bool:
    """The passage holds a rule sentence whose condition fully names the question's situation.

    Args:
        text: A passage.
        query: The question's topic words (expanded).
        question: The whole question (whether it states a condition).
    """
    if not states_condition(question or query):
        return False
    stems = set(stem_tokens(query))
    return any(condition_fit(stems, s) >= 1.0 for s in sentences(text))
