"""Count questions about things the plans count in prose ("hur många biträdande enhetschefer …").

"Enheten leds av en enhetschef med stöd av tre biträdande enhetschefer", "Triangelns
profilboende består av tio lägenheter", "har vi anställt två stadsdelsmammor": the answer to
"hur många <noun> …" is the number written right before that noun. Ranking whole passages
finds the paragraph but often quotes a sentence with another number ("en gång per månad");
reading "<number> <noun>" finds the sentence itself. The rest of the question ("på
Triangeln", "i boendestödet") chooses among several such sentences; when no unit is named and
several units state their own number, each is shown and the user is asked which one is meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.cite import Citations
from knowledge.answers.count_context import (
    bound_to_noun,
    count_context,
    count_fit,
    plan_wordings,
    without_frame,
)
from knowledge.answers.phrasing import clarify_units, doc_label, document_context
from knowledge.answers.stated_counts import NUMBER_WORDS
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.extract import group_coverage, sentences, verbatim_span
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import expand_query, fold, query_groups, stem_tokens
from knowledge.understand.reading import QuestionReading

_ASKS = re.compile(r"\bhur manga\s+(?P<phrase>(?:[\w-]+\s*){1,4})")
# "beroendedelen har väl runt 200 klienter, vet nån exakt hur många?": a count asked with no
# noun after "hur många" counts the noun of the figure the user guesses.
_ASKS_BARE = re.compile(r"\bhur manga\s*(?:[?!.]|$)")
_GUESSED = re.compile(
    r"(?<![\w.,/-])(?:ca|cirka|runt|ungefar|omkring|drygt|knappt|nastan|typ)?\s*\d{1,5}\s+(?P<noun>[a-z][\w-]{2,})"
)
# Words that end the counted noun phrase ("hur många lägenheter *finns* på …").
_PHRASE_END = {
    *("har", "hade", "finns", "ar", "fanns", "ska", "kan", "brukar", "ingar"),
    *("bor", "tar", "far", "gar", "kommer", "sysselsatter", "erbjuds", "pa", "i", "inom", "hos"),
    *("vid", "for", "som", "till", "med", "under", "enligt", "totalt", "ungefar", "cirka", "ca"),
}
# Nouns that measure rather than count things ("hur många gånger/procent/timmar …"), and words
# the list answers count from table rows.
_NOT_COUNTED = {
    *("ganger", "gang", "procent", "timmar", "dagar", "veckor", "manader", "ar", "kronor", "tkr"),
    *("indikatorer", "aktiviteter", "mal", "malen", "enhetsmal", "namndmal", "nyckeltal"),
}
# "hur många jobbar på Kravatten?" counts the staff of a place inside the unit (the unit's own
# staff is an administrative fact, answered before this).
_STAFF_VERBS = {"jobbar", "arbetar"}
# A sentence opening with these leans on the one before ("Där arbetar tre medarbetare"):
# the quote takes both.
_REFERS_BACK = {"dar", "har", "de", "det", "dessa", "den", "dit"}
_FILLER = {"olika", "st", "stycken", "egentligen", "ungefar", "cirka", "ca"}
_ITEM_LINE = re.compile(r"^\s*(?:[-•*–]|\d{1,2}[.)])\s*\S")
_PLURAL = ("erna", "arna", "orna", "na", "er", "ar", "or", "n")
_NUMBER = r"(?P<n>\d{1,4}|" + "|".join(NUMBER_WORDS) + r")"
# "Sex medarbetare är utbildade MI-coacher": the number counts the noun through a copula, so
# "hur många MI-coacher" is answered by it as by "sex MI-coacher".
_IS = r"(?:ar|var|blir|blev|har blivit|har varit)"
# Remaining topic words must be this share of the sentence's context for the sentence to be
# about the same thing (the place or group the question names).
MIN_CONTEXT = 0.5


@dataclass(frozen=True)
class Stated:
    """A sentence that states how many of the asked things there are."""

    source: str
    chunk: Chunk
    sentence: str
    number: str
    fit: float
    listed: bool = False  # the number is the count of a list's items, not written in the text
    # What was counted, in the question's word ("organisationer"): a counted list says what its
    # number counts, as a row count says "har 8 indikatorer".
    what: str = ""

    def text(self) -> str:
        """The quote as shown: one line for a sentence, the count and a line per item for a list."""
        if self.listed:
            lines = [" ".join(line.split()) for line in self.sentence.split("\n") if line.strip()]
            counted = f"**{self.number}** {self.what}".rstrip()
            head = f"{counted} (räknat i texten nedan):\n" if self.number else ""
            return head + "\n".join(lines)
        return " ".join(self.sentence.split())


# Words between "hur många" and the counted noun that say nothing of what is counted.
_BEFORE_NOUN = {"olika", "slags", "sorters", "sorter", "sorts", "sort", "typer", "typ", "st", "stycken", "av"}


# Words of a count question that ask for precision, not what is counted ("vet nån exakt hur många?").
_PRECISION = {"vet", "exakt", "exakta", "precis", "egentligen"}
_APPROXIMATORS = {"ca", "cirka", "runt", "ungefar", "omkring", "drygt", "knappt", "nastan", "typ"}


def _guessed_noun(folded: str) -> str:
    """The noun of a figure the question guesses, when "hur många" ends the question, else ""."""
    if not _ASKS_BARE.search(folded):
        return ""
    match = _GUESSED.search(folded)
    noun = match.group("noun") if match else ""
    return "" if noun in _PHRASE_END or noun in _NOT_COUNTED or noun in _FILLER else noun


def counted_word(question: str) -> str:
    """The noun a "hur många …" question counts, as typed ("hur manga organisationer …" -> organisationer).

    Args:
        question: The question as typed.

    Returns:
        The word, or "" when the question names none (or asks no count).
    """
    words = re.findall(r"[^\W\d_][\w-]*", question)
    folded = [fold(w) for w in words]
    for i in range(len(folded) - 1):
        if folded[i] == "hur" and folded[i + 1] == "manga":
            for j in range(i + 2, len(words)):
                if folded[j] in _BEFORE_NOUN:
                    continue
                return "" if folded[j] in _PHRASE_END or folded[j] in _NOT_COUNTED else words[j]
    return _guessed_noun(fold(question))


def _stem(noun: str) -> str:
    for ending in _PLURAL:
        if noun.endswith(ending) and len(noun) - len(ending) >= 4:
            return noun[: -len(ending)]
    return noun


def counted_nouns(question: str) -> list[tuple[str, list[str]]]:
    """The nouns a "hur många …" question may count, each with the words before it.

    "hur många biträdande enhetschefer har vi" -> [("bitradande", []), ("enhetschefer",
    ["bitradande"])]; the first one a document writes after a number is the counted noun.

    Args:
        question: The question as typed.

    Returns:
        (folded head noun, folded modifiers) candidates in order; empty for questions that
        count measures or table rows (answered elsewhere).
    """
    match = _ASKS.search(fold(question))
    if match is None:
        guessed = _guessed_noun(fold(question))
        return [(guessed, [])] if guessed else []
    words: list[str] = []
    for word in re.findall(r"[\w-]+", match.group("phrase")):
        if word in _PHRASE_END:
            break
        words.append(word)
    words = [w for w in words if w not in _FILLER]
    if words and words[0] in _STAFF_VERBS:
        return [("medarbetare", [])]
    if not words or words[0] in _NOT_COUNTED:
        return []  # "hur många gånger/anställda/indikatorer …"
    out: list[tuple[str, list[str]]] = []
    for j, head in enumerate(words):
        if head in _NOT_COUNTED or len(head) < 3 or head.isdigit():
            continue
        out.append((head, words[:j]))
    return out


Groups = list[tuple[set[str], set[str]]]


def context_fit(snap: Snapshot, rest: Groups, text: str) -> float:
    """Share of the question's other words (with their synonyms: VP ~ verksamhetsplan) in the text."""
    return group_coverage(rest, text, snap.lexical.idf) if rest else 1.0


def stated_numbers(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> list[Stated]:
    """Sentences of the documents that write a number right before the counted noun.

    Args:
        snap: The knowledge snapshot.
        reading: The read question.
        sources: The documents chosen for the question.

    Returns:
        The sentences whose context holds at least `MIN_CONTEXT` of the question's other
        topic words, best fit first.
    """
    for head, modifiers in counted_nouns(reading.text):
        found = _stated_for(snap, reading, sources, head, modifiers)
        if found:
            return found
    for head, modifiers in counted_nouns(reading.text):
        found = _listed_for(snap, reading, sources, head, modifiers)
        if found:
            return found
    wordings = plan_wordings(_counted_phrase(reading.text)) if counted_nouns(reading.text) else []
    for head, modifiers in wordings:
        # Staff's word for it ("vice chefer") stated nowhere: the plans' word ("biträdande enhetschef").
        found = _stated_for(snap, reading, sources, head, modifiers)
        if found:
            return found
    return []


def _counted_phrase(question: str) -> list[str]:
    """The folded words of the counted phrase, from "hur många" to the first word that ends it."""
    match = _ASKS.search(fold(question))
    words: list[str] = []
    for word in re.findall(r"[\w-]+", match.group("phrase")) if match else []:
        if word in _PHRASE_END:
            break
        words.append(word)
    return [w for w in words if w not in _FILLER]


def rest_groups(snap: Snapshot, reading: QuestionReading, head: str, modifiers: list[str]) -> Groups:
    """The question's topic words that are neither the counted noun phrase nor a unit's name."""
    names = {w for m in snap.metas for w in stem_tokens(f"{m.unit or ''} {m.district or ''}")}
    asked = set(stem_tokens(" ".join([head, *modifiers, *_STAFF_VERBS])))
    guessed = bool(_guessed_noun(fold(reading.text)))
    words = [
        w
        for w in re.findall(r"[\w-]+", reading.topic)
        if len(w) > 1
        and not (set(stem_tokens(w)) <= names | asked)
        # The figure the user guesses ("runt 200 klienter") and how exact they want it are
        # no topic a stated sentence must hold.
        and not (guessed and (w.isdigit() or fold(w) in _APPROXIMATORS | _PRECISION))
    ]
    return query_groups(expand_query(" ".join(words))) if words else []


def _framed(reading: QuestionReading) -> QuestionReading:
    """The reading with its topic's framing verbs left out ("sitter i brukarrådet")."""
    return reading.model_copy(update={"topic": without_frame(reading.topic)})


def _listed_for(
    snap: Snapshot, reading: QuestionReading, sources: list[str], head: str, modifiers: list[str]
) -> list[Stated]:
    """Lists whose lead line names the noun and ends in ":"; the count is their items.

    "Verksamhetsplanen är behandlad på nedanstående arbetsplatsträffar:" and four bullets
    answer "hur många arbetsplatsträffar …" with 4, quoting the lead and the items.
    """
    stem = _stem(head)
    rest = count_context(snap, sources, rest_groups(snap, _framed(reading), head, modifiers))
    found: list[Stated] = []
    for source in sources:
        for chunk in snap.chunks_of(source):
            if chunk.kind is not ChunkKind.SECTION or stem not in snap.folded(chunk):
                continue
            lines = chunk.text.split("\n")
            for i, line in enumerate(lines):
                folded = fold(line)
                if not folded.rstrip().endswith(":") or stem not in folded:
                    continue
                items: list[str] = []
                last = ""
                for after in lines[i + 1 :]:
                    if not after.strip():
                        continue
                    if _ITEM_LINE.match(fold(after)):
                        items.append(after)
                    elif not (items and after.strip()[:1].islower()):
                        break  # a lower-case line after an item is its wrapped rest
                    last = after
                if len(items) < 2:
                    continue
                quote = verbatim_span(chunk.text, [line.strip(), last.strip()])
                fit = count_fit(snap, rest, f"{chunk.breadcrumb} {quote}")
                if fit >= MIN_CONTEXT:
                    found.append(
                        Stated(
                            source,
                            chunk,
                            quote,
                            str(len(items)),
                            fit,
                            listed=True,
                            what=counted_word(reading.text),
                        )
                    )
    found.sort(key=lambda s: -s.fit)
    return found


def _stated_for(
    snap: Snapshot, reading: QuestionReading, sources: list[str], head: str, modifiers: list[str]
) -> list[Stated]:
    stem = _stem(head)
    pattern = re.compile(
        r"(?<![\w.,-])"
        + _NUMBER
        + r"\s+(?:(?:[\w-]+\s+){0,2}?|[\w-]+\s+"
        + _IS
        + r"\s+(?:[\w-]+\s+)?)[\w-]*"
        + re.escape(stem)
        + r"\w*"
    )
    # Words no chosen document holds, or that name the unit, choose no sentence (count_context).
    rest = count_context(snap, sources, rest_groups(snap, _framed(reading), head, modifiers))
    found: list[Stated] = []
    for source in sources:
        for chunk in snap.chunks_of(source):
            if chunk.kind is not ChunkKind.SECTION or stem not in snap.folded(chunk):
                continue
            parts = sentences(chunk.text)
            for i, sentence in enumerate(parts):
                folded = fold(sentence)
                # The first number that counts the noun, not one that measures before it.
                match = next((m for m in pattern.finditer(folded) if bound_to_noun(m.group(0))), None)
                if match is None or not all(m in folded for m in modifiers):
                    continue
                # The sentence and the one before it: "Träfflokalen Kravatten … Där arbetar tre …".
                context = " ".join([chunk.breadcrumb, *parts[max(i - 1, 0) : i + 1]])
                fit = count_fit(snap, rest, context)
                if fit >= MIN_CONTEXT:
                    if i > 0 and folded.split(maxsplit=1)[0] in _REFERS_BACK:
                        sentence = verbatim_span(chunk.text, [parts[i - 1], sentence])
                    found.append(Stated(source, chunk, sentence, match.group("n"), fit))
    found.sort(key=lambda s: -s.fit)
    return found


def prose_count_answer(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """Answer "hur många <noun> …" with the sentence that writes the number before the noun.

    Args:
        snap: The knowledge snapshot.
        reading: The read question.
        sources: The documents chosen for the question.

    Returns:
        The cited sentence (one per unit, as a clarification, when no unit is named and
        several state their own number), or None when no document states such a count.
    """
    found = stated_numbers(snap, reading, sources)
    return render_stated(snap, reading, found) if found else None


def render_stated(snap: Snapshot, reading: QuestionReading, found: list[Stated]) -> Answer:
    """The best stated sentence, cited; one per unit as a clarification when none is named.

    Args:
        snap: The knowledge snapshot.
        reading: The read question.
        found: Candidate sentences, best fit first (not empty).

    Returns:
        A passages answer, or a clarify answer listing each unit's sentence.
    """
    best = found[0].fit
    per_source: dict[str, Stated] = {}
    for stated in found:
        if stated.fit >= best and stated.source not in per_source:
            per_source[stated.source] = stated
    cites = Citations(snap)
    units = {snap.meta(s).unit or snap.meta(s).district for s in per_source}
    if len(units) > 1 and not reading.names_one:
        lines = [
            (source, f"{stated.text()} {cites.cite(stated.chunk, stated.sentence)}")
            for source, stated in per_source.items()
        ]
        return clarify_units(snap, reading, cites, lines)
    stated = found[0]
    marker = cites.cite(stated.chunk, stated.sentence)
    return Answer(
        answer=f"Enligt {doc_label(snap, stated.source)}:\n\n{stated.text()} {marker}",
        kind=AnswerKind.PASSAGES,
        citations=cites.items,
        # The document and the question stay with the conversation: "och i Spånga?" asks the
        # same list of another unit, "vilka deltar?" asks on about this one.
        context=document_context(snap, stated.source, reading),
    )


# Words right before a noun that count it: a number, a number word, or the article "en"/"ett"
# that counts one ("en biträdande enhetschef").
_COUNTS_ONE = {"en", "ett"}
# How many words may stand between the number and the counted noun ("tre *biträdande* enhetschefer",
# "ca 25 *aktiva* deltagare").
_NOUN_REACH = 3
_WORD = re.compile(r"[^\W_][\w-]*")
# A number counting a thing: a number or number word before a lower-case word ("13 medarbetare",
# "tre team"); not a list's numbering ("1. Brukardelaktighet") or a number inside a word ("T1").
_COUNTS_SOMETHING = re.compile(r"(?<![\w.,/-])(?:\d{1,4}|" + "|".join(NUMBER_WORDS) + r")\s+[a-z]")


def uncounted(question: str, quotes: list[str]) -> bool:
    """Whether quotes name the noun a "hur många <noun>" question counts but never count it.

    A plan that knows how many states the number with the noun ("Enheten har tre
    skyddsombud"); a quote that names the noun only in passing ("mellan chefsgrupp,
    skyddsombud och medarbetare") says the count is not written, even when it holds numbers
    that count nothing (a numbered list, "T1"). Quotes that never name the noun itself, table
    rows and quotes that count something else are left to the other checks (a compound such
    as "gruppboende" is not the noun "boende").

    Args:
        question: The question as read.
        quotes: The answer's quotes.

    Returns:
        True when the noun is named and never counted; False otherwise (also for no noun).
    """
    noun = counted_word(question)
    stems = stem_tokens(noun) if noun else []
    if len(stems) != 1:
        return False
    if any("\t" in quote or _COUNTS_SOMETHING.search(fold(quote)) for quote in quotes):
        # A table row states its value in another column; a quote counting something else
        # ("13 medarbetare" for "hur många personer …") may count what was asked in its own word.
        return False
    mentioned = False
    for quote in quotes:
        words = [fold(w) for w in _WORD.findall(quote)]
        for i, word in enumerate(words):
            if stem_tokens(word) != stems:
                continue
            mentioned = True
            before = words[max(0, i - _NOUN_REACH) : i]
            if any(w.isdigit() or w in NUMBER_WORDS or w in _COUNTS_ONE for w in before):
                return False
    return mentioned
