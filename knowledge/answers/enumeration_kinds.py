"""What kind of thing an enumeration lists, and which kind a list or count question asks for.

A list in prose is led by the words that say what it lists: "Externa *samarbetspartners* är …",
"Upplysning via *myndigheter* t.ex. Försäkringskassan, CSN och Pensionsmyndigheten", "Några av
de *styrdokument* som enheten styrs av är …", a lead line "… följande *aktörer*:" or the heading
right above the bullets ("Arbetssätt", "Resursanvändning"). Staff ask by that kind ("vilka
myndigheter …", "hur många slags insatser …", "vad har vi för metoder …") and wrap it in chat
words no list repeats ("står det", "egentligen", "använder vi"). So a list whose lead names the
asked kind is the answer's strongest candidate, and the question's other words only need to
place it (the bar prose_counts.MIN_CONTEXT sets for the words around a counted noun), not cover
two thirds of a chatty question.

A kind matches as Swedish compounds work: the compound names a kind of its last part, so
"arbetsmarknadsinsatser" are "insatser" and "samarbetspartners" are "partners"; and a question
compound ("årskortet") finds the lead's head word ("Kortet") the same way round.

The sentence a series stands in is kept whole across the abbreviations that introduce a
series ("t.ex.", "bl.a."): the sentence splitter ends a sentence at their full stop when a
capital follows, which cut "Upplysning via myndigheter t.ex." from the series it leads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from core.sentence_stops import ends_with_abbreviation
from knowledge.retrieval.extract import sentences
from knowledge.textnorm import fold, stem_tokens

# A part of a sentence ending in an abbreviation's stop goes on in the next part: the table's
# forms (core/sentence_stops.py, which the splitter already keeps whole) and their spaced
# spellings ("bl. a.", "fr. o. m."), which the splitter cuts.
_SPACED_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:bl\.\sa|s\.\sk|d\.\sv\.\ss|fr\.\so\.\sm|t\.\so\.\sm)\.$",
    re.IGNORECASE,
)
# "vilka X", "hur många (olika) X", "vad har vi för X", "vad använder vi för X", "räkna upp X".
_ASKED = re.compile(
    r"\b(?:vilka|vilken|vilket|hur manga|lista|rakna upp|exempel pa|vad (?:[\w-]+ ){1,3}?for)\s+"
    r"(?:(?:olika|slags|sorters?|sorts|typer|typ|av|st|stycken|fler|alla|de|dom)\s+)*(?P<noun>[a-z][\w-]{2,})"
)
# "vad gör vi för barnen", "vad ska vi göra för miljön": "för" gives whom or what the doing is
# for, and the answer is what is done; "vad har vi för metoder" asks which kind of thing.
_DOING = re.compile(r"^vad\b.*\b(?:gor|gora|gjorde|gjort|gors)\b")
# Words after the asking words that name no kind: verbs, pronouns, function words.
_NOT_KINDS = {
    *("ar", "som", "har", "hade", "kan", "ska", "skall", "finns", "fanns", "galler", "brukar", "behover"),
    *("man", "vi", "ni", "de", "dom", "den", "det", "dem", "du", "jag", "han", "hon", "att", "en", "ett"),
    *("var", "vara", "vart", "era", "er", "oss", "sig", "sin", "sina", "far", "ger", "gor", "blir", "sa"),
    *("manga", "mycket", "ofta", "lange", "dar", "har", "nar", "hur", "vad", "vem", "vilka", "ju", "nu"),
    # Units of measure: "inom hur många dagar …", "hur många procent …" ask a figure, not a list.
    *("dagar", "arbetsdagar", "veckor", "manader", "timmar", "minuter", "ar", "ganger", "procent", "kronor"),
    # Placeholder nouns: "hur många saker ska vi verka för …" counts whatever the list holds.
    *("sak", "saker", "grej", "grejer", "grejor", "punkter", "delar", "exempel"),
}
# A kind word of this many letters may be a compound's last part ("insats" in
# "arbetsmarknadsinsats", "lag" in "socialtjänstlagen"); the part before it must be a word.
MIN_KIND_PART = 3
# Items that must name the kind themselves for a list without a lead naming it to be of it.
MIN_MEMBERS = 2


def _cut_at_abbreviation(part: str) -> bool:
    return ends_with_abbreviation(part) or _SPACED_ABBREVIATION.search(part) is not None


def whole_sentences(text: str) -> list[str]:
    """The text's sentences (`extract.sentences`), rejoined where an abbreviation's stop cut one.

    Each returned sentence is an exact substring of the text.

    Args:
        text: A passage.

    Returns:
        Its sentences, "… myndigheter t.ex. Försäkringskassan, CSN och …" kept as one.
    """
    out: list[tuple[int, int]] = []
    cursor = 0
    for part in sentences(text):
        start = text.find(part, cursor)
        if start < 0:
            continue
        end = start + len(part)
        cursor = end
        previous = text[out[-1][0] : out[-1][1]] if out else ""
        joined = text[out[-1][1] : start] if out else ""
        if previous and _cut_at_abbreviation(previous) and "\n\n" not in joined:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return [text[s:e] for s, e in out]


def asked_kind(question: str) -> str | None:
    """The stem of the kind a list or count question asks for ("hur många slags myndigheter …" -> mynd).

    Args:
        question: The question as typed (or as the reader normalised it).

    Returns:
        The stem, or None when the question names no kind after its asking words.
    """
    for match in _ASKED.finditer(fold(question)):
        noun = match.group("noun")
        if noun in _NOT_KINDS or _DOING.search(match.group(0)):
            continue
        stems = stem_tokens(noun)
        if stems:
            return stems[0]
    return None


def kind_stems(lead: str, heading: str) -> frozenset[str]:
    """The stems that can name what a list is: its lead and its own heading.

    A series' lead runs to its second item, so it holds the first item too ("Kortet gäller för
    bad"): a short first comma part is both the lead and the first item, and cutting the item
    off would leave no lead.

    Args:
        lead: The list's lead (a lead line, or a series' sentence up to its second item).
        heading: The nearest heading above the list (not the goals further up, whose titles
            name the goal's topic rather than the list).
    """
    return frozenset(stem_tokens(f"{heading} {lead}"))


def names_kind(asked: str, stems: Iterable[str], known: Callable[[str], bool]) -> bool:
    """Whether one of a list's kind stems names the asked kind.

    Equal stems; or a compound of the corpus ending in the asked stem ("arbetsmarknadsinsats" for
    "insats"); or the asked stem a compound ending in a kind word the corpus holds ("arskortet"
    for "kortet").

    Args:
        asked: The stem from `asked_kind`.
        stems: The list's `kind_stems`.
        known: Whether a stem is a word of the corpus (the rest of a compound must be one).
    """
    for stem in stems:
        if stem == asked:
            return True
        if len(asked) >= MIN_KIND_PART and stem.endswith(asked) and _modifier(stem[: -len(asked)], known):
            return True
        if len(stem) >= MIN_KIND_PART and asked.endswith(stem) and _modifier(asked[: -len(stem)], known):
            return True
    return False


def members_of_kind(asked: str, items: Sequence[frozenset[str]], known: Callable[[str], bool]) -> bool:
    """Whether the items say they are of the asked kind: at least two of them, and half, name it.

    "socialtjänstlagen (SoL), förvaltningslagen, sekretesslagen …" are lagar though no lead
    says so; one "Pensionsmyndigheten" among "Försäkringskassan, CSN" does not make a list of
    myndigheter by itself (its lead may).

    Args:
        asked: The stem from `asked_kind`.
        items: Each item's stems.
        known: Whether a stem is a word of the corpus.
    """
    naming = sum(1 for stems in items if names_kind(asked, stems, known))
    return naming >= MIN_MEMBERS and naming * 2 >= len(items)


def _modifier(rest: str, known: Callable[[str], bool]) -> bool:
    # The first part of a compound, with or without its linking -s- ("samarbet|s|partner").
    return len(rest) >= 3 and (known(rest) or (rest.endswith("s") and known(rest[:-1])))


# The words that introduce examples or members: a pair after one is a list of two
# ("… bland annat genom psykosociala stödsamtal och förebyggande aktiviteter").
_INTRODUCED_PAIR = re.compile(
    r"\b(?:bland annat|bl\.\s?a\.|till exempel|t\.\s?ex\.|exempelvis|såsom|sasom|i form av)\s+"
    r"(?:genom\s+|att\s+)?(?P<a>[^,.;:]+?)\s+(?:och|samt|och/eller|eller)\s+(?P<b>[^,.;:]+?)\s*[.!?]?$",
    re.IGNORECASE,
)
# Each of the pair is a short noun phrase, as a series' items are (enumerations._MAX_SERIES_WORDS).
MAX_PAIR_WORDS = 6


def introduced_pair(sentence: str) -> list[str]:
    """The two items an introducer leads at a sentence's end ("såsom AST och ADHD"), or [].

    A series needs three items to tell it from a clause joined by "och"; after "bland annat",
    "t.ex.", "såsom" or "i form av" two are a list too: the word says examples follow.

    Args:
        sentence: One sentence (see `whole_sentences`).
    """
    match = _INTRODUCED_PAIR.search(sentence.strip())
    if match is None:
        return []
    pair = [match.group("a").strip(), match.group("b").strip()]
    if any(not item or len(item.split()) > MAX_PAIR_WORDS for item in pair):
        return []
    return pair


# Pronouns that open a sentence about what the sentence before named.
_POINTERS = {"det", "den", "de", "dessa", "detta", "denna", "dar", "har", "dom"}
_DEFINITE = ("erna", "arna", "orna", "en", "et", "na", "n")


def refers_back(sentence: str, previous: str) -> bool:
    """Whether a sentence opens with a word for something the previous sentence named.

    "Alla anställda kan köpa ett årskort … *Kortet* gäller för bad, gym och gruppträning.":
    the definite noun ("Kortet") or pronoun ("Det", "Dessa") that opens the sentence points
    back, so the previous sentence says what the list is about. A definite noun points back
    when its base ends or begins a word of the previous sentence ("årskort", "arbetar").

    Args:
        sentence: The sentence holding a list.
        previous: The sentence before it in the same paragraph.
    """
    first = re.match(r"[^\W\d_]+", sentence.strip())
    if first is None:
        return False
    word = fold(first.group(0))
    if word in _POINTERS:
        return True
    bases = [word[: -len(e)] for e in _DEFINITE if word.endswith(e) and len(word) - len(e) >= 4]
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", previous)]
    return any(w.endswith(base) or w.startswith(base) for base in bases for w in words)
