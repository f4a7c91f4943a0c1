"""Which of a count question's other words choose among the sentences that state the count.

"hur många brukare sitter i brukarrådet hos boendestödet?" is answered by "Enheten har ett
brukarråd med fem brukare …": the number bound to the counted noun, in a sentence about the
rest of the question (`prose_counts.context_fit`). But not every other word of the question
can be asked of that sentence:

- a word that no chosen document holds at all ("sitter", "egentligen") says how the user
  phrases the question, not which of the documents' sentences is meant; it would only lower
  every candidate's fit alike, below the bar, and the stated count would be lost;
- a framing verb ("sitter i brukarrådet", "jobbar mot", `counted_kinds.tsv` kind `frame`)
  says how the counted relate to the topic, not what the topic is;
- a word that opens the name of a chosen document's unit ("boendestödet" for
  "Boendestödsenheten") names the unit, as its full name does, which the document selection
  already used.

The stemmer also parts some forms of one word ("brukarråd" → brukarr, "brukarrådet" →
brukarrad): `count_fit` takes a stem that differs from the question's by an ending of two
letters as the question's word.

A number counts the noun only when nothing between them measures: in "ca 70 procent
ensamkommande ungdomar" the 70 is a share, not a count of ungdomar (`bound_to_noun`).

Staff count in their own words ("vice chefer", "personal", "soc-sekr"); the plans write
"tre biträdande enhetschefer", "13 medarbetare". When the question's own noun is stated
nowhere, the thesaurus's wording of it is read instead (`plan_wordings`).

The first three kinds are left out of the words a stated count's sentence must cover. Words the documents
do hold still choose: "hur många medarbetare har team 2 rehab?" keeps "team", "rehab".
"""

from __future__ import annotations

from knowledge.retrieval.extract import stem_coverage
from knowledge.retrieval.quote_features import same_family, same_word
from knowledge.retrieval.ranker import chunk_stems
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.counted_kinds import table
from knowledge.understand.thesaurus import thesaurus

Groups = list[tuple[set[str], set[str]]]

# Folded words that are a measure and a common word at once: "ar" is "år" and the copula "är"
# ("Sex medarbetare är utbildade MI-coacher" counts the coaches).
_FOLDED_TWICE = {"ar"}
# A question word must have this many letters to be read as the opening of a unit's name
# ("boendestöd" in "Boendestödsenheten"); shorter stems ("stöd") open too many names.
MIN_NAME_PART = 6


def source_stems(snap: Snapshot, sources: list[str]) -> frozenset[str]:
    """Every stem the chosen documents hold, in their texts and headings.

    Args:
        snap: The knowledge snapshot.
        sources: The documents chosen for the question.

    Returns:
        The union of the documents' chunk stems.
    """
    present: set[str] = set()
    for source in sources:
        for chunk in snap.chunks_of(source):
            present |= chunk_stems(chunk)
    return frozenset(present)


def unit_name_stems(snap: Snapshot, sources: list[str]) -> frozenset[str]:
    """The stems of the chosen documents' unit and district names."""
    names: set[str] = set()
    for source in sources:
        meta = snap.meta(source)
        names |= set(stem_tokens(f"{meta.unit or ''} {meta.district or ''}"))
    return frozenset(names)


def opens_name(stem: str, names: frozenset[str]) -> bool:
    """Whether a question stem is the opening of a unit's name ("boendestod" of "boendestodsenhet").

    Args:
        stem: A stem of the question.
        names: The stems of the chosen documents' unit and district names.
    """
    return len(stem) >= MIN_NAME_PART and any(name != stem and name.startswith(stem) for name in names)


def without_frame(topic: str) -> str:
    """The topic without its framing verbs (`counted_kinds.tsv`), compared as folded words.

    Words, not stems: the stem of "jobbar" is the noun "jobb" too ("fick jobb" is a topic).
    """
    frame = table().frame
    return " ".join(word for word in topic.split() if fold(word) not in frame)


def deciding_groups(groups: Groups, present: frozenset[str], names: frozenset[str]) -> Groups:
    """The question's word groups that can choose among the documents' sentences.

    A group stays when the documents hold one of its words (its own stems, a synonym, or a
    word of the same family) and it does not open a
    unit's name.

    Args:
        groups: The question's other words (`prose_counts.rest_groups`).
        present: Every stem of the chosen documents (`source_stems`).
        names: The chosen documents' unit and district name stems (`unit_name_stems`).

    Returns:
        The groups kept, in order.
    """
    kept: Groups = []
    for own, synonyms in groups:
        if any(opens_name(stem, names) for stem in own):
            continue
        held = own & present or synonyms & present or any(same_family(stem, present) for stem in own)
        if held:
            kept.append((own, synonyms))
    return kept


def count_context(snap: Snapshot, sources: list[str], groups: Groups) -> Groups:
    """`deciding_groups` for the chosen documents.

    Args:
        snap: The knowledge snapshot.
        sources: The documents chosen for the question.
        groups: The question's other words.

    Returns:
        The groups a stated count's sentence must cover: all of them when none would be left.
    """
    if not groups:
        return groups
    kept = deciding_groups(groups, source_stems(snap, sources), unit_name_stems(snap, sources))
    # Nothing left: none of the question's words is the documents' (a topic they lack), and
    # no sentence may then pass for being about it.
    return kept or groups


def count_fit(snap: Snapshot, groups: Groups, text: str) -> float:
    """Share of the question's deciding words in a stated count's context (`context_fit`'s measure).

    A stem of the text that is the question's stem but for an ending of at most two letters
    (`same_word`) counts as the word itself.

    Args:
        snap: The knowledge snapshot (for the words' idf).
        groups: The deciding groups (`count_context`).
        text: The sentence, the one before it and the section's headings.

    Returns:
        The idf-weighted share, 1.0 when there are no groups.
    """
    if not groups:
        return 1.0
    present = set(stem_tokens(text))
    present |= {stem for own, _ in groups for stem in own if stem not in present and same_word(stem, present)}
    return stem_coverage(groups, present, snap.lexical.idf)


def bound_to_noun(phrase: str) -> bool:
    """Whether the number opening a "<number> … <noun>" phrase counts the noun closing it.

    A measure word between them ("70 procent ensamkommande ungdomar", "12 månader för
    brukare") makes the number a share, a time or an amount; `counted_kinds.tsv` kind
    `measure` lists those words.

    Args:
        phrase: The folded phrase, from the number to the counted noun.

    Returns:
        False when a word between the number and the noun is a measure word.
    """
    between = phrase.split()[1:-1]
    measures = table().measures
    return not any(word in measures and word not in _FOLDED_TWICE for word in between)


def plan_wordings(phrase: list[str]) -> list[tuple[str, list[str]]]:
    """The plans' wordings of a counted noun phrase that the thesaurus knows in staff's words.

    "vice chefer" -> [("enhetschef", ["bitradande"])]: the head noun and the words before it,
    folded, as `prose_counts.counted_nouns` gives them.

    Args:
        phrase: The folded words of the counted phrase ("hur många *vice chefer* har vi").

    Returns:
        (head, modifiers) for each expansion of a term the phrase opens with; empty when the
        thesaurus knows none.
    """
    out: list[tuple[str, list[str]]] = []
    for hit in thesaurus().find(phrase):
        if hit.start != 0:
            break  # only the counted noun itself, not a word of the rest of the question
        for expansion in hit.entry.expansions:
            words = fold(expansion).split()
            if words and (words[-1], words[:-1]) not in out:
                out.append((words[-1], words[:-1]))
    return out
