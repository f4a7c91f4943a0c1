"""Clauses of a chat message: which carry the question and which only tell about the asker.

Staff write long messages in Teams: "Hej! Jag har precis börjat på ek bistånd och min chef sa att
jag skulle kolla VP:n 😅 vad har vi för årsmål för …?", "vad pratar man om i trepartssamtalen?
min handledare nämnde det", "vi ska på hembesök långt bort, vad är det för bil enheten har?". The
clauses that tell about the asker or the situation ("jag har precis börjat …", "min handledare
nämnde det", "vi ska på hembesök …") add words that no passage of the answer holds, and a
passage is chosen by how many of the question's words it covers. `context_tokens` finds those
clauses so that the reader can leave their words out of the topic and the intent cues (unit,
district and year detection still see every word).

The rule is about how Swedish chat messages are built, not about any question:

- a message is cut into clauses at sentence punctuation, commas, dashes and emojis (chat users
  end a sentence with an emoji as often as with a full stop);
- a clause asks when it ends with "?" or starts (after greetings and other chatter) with an
  interrogative word ("vad", "vilka", "hur", "när", "var", "vem", "varför" …);
- a clause tells when it does not ask and starts with the asker or the asker's surroundings: a
  first-person pronoun ("jag", "vi", "min", "mina" …), or a subjectless chat verb ("har hört …",
  "känns som …", "funderar på …"), as chat Swedish drops "jag".

A clause that starts with anything else ("om nån berättar att …, vart slussar vi dem?", "en
brukare bor i en annan stadsdel men …, får hon det?") is kept: it may be the question's
condition or its subject. The caller drops telling clauses only when the asking clauses still
name enough on their own (see `reading.read_question`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.openers import Opener, opener_at, opens_subordinate
from knowledge.understand.part_types import new_detail
from knowledge.understand.role_words import names_role


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


# Punctuation that ends a clause in chat: sentence ends, commas, colons, dashes between words.
_CLAUSE_PUNCT = re.compile(r"[.!?:;,–—…]|\s-\s|\s/")
# Interrogative words that open a question (folded). "var" is also the folded "vår" ("our"): a
# clause starting with "vår …" is then read as asking, which only keeps its words (the safe side).
INTERROGATIVES = _folded(
    "vad vilka vilken vilket vilkas hur när var vart varifrån varför vem vems vemdera hurdan hurdana"
)
# Words that join a second question to the first ("vad är målet och när följs det upp?", "finns
# det sl-kort eller har vi en bil?"): the question starts after them. "o" is folded to "och" by
# the tokenizer.
JOINERS = _folded("och samt plus men eller")
# Words that open a clause about the asker: first-person pronouns and the asker's own people.
SPEAKER_STARTS = _folded(
    "jag vi min mitt mina chefen kollegan kollegorna handledaren mentorn jobbar arbetar "
    "sitter försöker funderar känns kändes hörde läste såg tänkte"
)
# Verbs that also open yes/no questions ("har vi …", "ska vi …", "behöver man …") are not among
# them: a yes/no question typed without its question mark must not be taken for a telling clause.


def _is_emoji(ch: str) -> bool:
    return unicodedata.category(ch) == "So" or 0x1F000 <= ord(ch) <= 0x1FAFF


def _breaks(gap: str) -> bool:
    return bool(_CLAUSE_PUNCT.search(gap)) or any(_is_emoji(c) for c in gap)


def clauses(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Cut a message into clauses.

    Args:
        text: The message.
        spans: (start, end) character offsets of its tokens, in order.

    Returns:
        (first token, last token + 1, ends with "?") for each clause, in order.
    """
    out: list[tuple[int, int, bool]] = []
    lo = 0
    for k in range(1, len(spans) + 1):
        gap = text[spans[k - 1][1] : spans[k][0] if k < len(spans) else len(text)]
        # "3,5 %", "1.3": a decimal comma or a goal number, not a clause break.
        number = (
            k < len(spans)
            and gap in {",", "."}
            and text[spans[k - 1][1] - 1].isdigit()
            and text[spans[k][0]].isdigit()
        )
        if k == len(spans) or (_breaks(gap) and not number):
            out.append((lo, k, "?" in gap))
            lo = k
    return out


def is_asking(words: Sequence[str], question_mark: bool) -> bool:
    """Whether a clause (its folded words, chatter left out) asks something.

    "när vi …" opens a condition, not a question (`openers.opens_subordinate`).
    """
    return question_mark or (bool(words) and words[0] in INTERROGATIVES and not opens_subordinate(words, 0))


# Pronouns in an asking clause that point at something named before ("vi har enhetsdagar, hur många
# blir de?", "jag kan inget om ipads, hur hjälper jag brukarna med sånt?"): the telling clause then
# names what is asked about and is kept. "det" is not listed: it
# points back only after a verb that does not make it formal (`points_back`).
POINTING = _folded(
    "den de dem dom dessa denna dit där han hon hen honom henne hans hennes deras sånt sådant sådana såna"
)
# "det" after these verbs is formal ("vad är det för bil", "finns det", "hur blir det", "vad står det");
# after any other verb it is an object pointing back ("när tar jag upp det med chefen?").
_FORMAL_IT_AFTER = _folded("är var finns fanns blir blev gäller står stod")


def points_back(words: Sequence[str]) -> bool:
    return any(
        w in POINTING or (w in ("det", "detta") and k > 0 and words[k - 1] not in _FORMAL_IT_AFTER)
        for k, w in enumerate(words)
    )


# Verbs of reported speech: "min chef sa att vi har enhetsdagar" passes on content (what was said);
# only its framing is chatter (`chatter.tsv`), so such a clause is not dropped as telling.
SPEECH_VERBS = _folded("sa sade säger sagt nämnde nämner berättade berättar tipsade pratade pratar skrev")
# What may follow a speech verb without being content ("min handledare nämnde det").
_EMPTY_AFTER_SPEECH = _folded("att det detta om den de dem dom så")


def _reports_content(words: Sequence[str]) -> bool:
    for k, w in enumerate(words):
        if w in SPEECH_VERBS:
            return any(x not in _EMPTY_AFTER_SPEECH for x in words[k + 1 :])
    return False


def is_condition(words: Sequence[str]) -> bool:
    """Whether a clause (its folded words, chatter left out) is the question's condition.

    "om nån vill lämna kriminaliteten, hur snabbt …?", "när vi måste placera nån, vilka avtal …?":
    a conjunction before its subject (`openers.opens_subordinate`) opens a clause that belongs to
    the question, whose words are asked as much as the asking clause's (`asking_tokens`), though
    no question starts there (`question_starts`).
    """
    return bool(words) and opens_subordinate(words, 0)


def is_telling(words: Sequence[str], question_mark: bool) -> bool:
    """Whether a clause tells about the asker or the situation instead of asking.

    A clause that reports what someone said ("min chef sa att vi har enhetsdagar") is not
    telling: what was said is content.
    """
    return (
        bool(words)
        and not is_asking(words, question_mark)
        and words[0] in SPEAKER_STARTS
        and not _reports_content(words)
    )


# Verbs after which an interrogative opens an embedded question ("jag behöver veta vad målet är …",
# "vet inte vilka …"): the words before it tell, the words from it ask.
KNOW_VERBS = _folded("veta vet undrar undrade förstår fattar förstå fatta kolla kollar fråga frågar minns")


def _embedded_question(words: Sequence[str]) -> int | None:
    """Where an embedded question starts in a telling clause, or None."""
    for p in range(1, len(words)):
        if words[p] in INTERROGATIVES:
            before = words[p - 1] if words[p - 1] != "inte" or p < 2 else words[p - 2]
            if before in KNOW_VERBS:
                return p
    return None


def _parts(
    text: str, spans: Sequence[tuple[int, int]], folded: Sequence[str], chatter: set[int]
) -> list[tuple[list[int], bool, bool]]:
    """`_cut_parts`, remembered: the reader asks for the telling and the asking clauses of one message."""
    return _parts_memo(text, tuple(spans), tuple(folded), frozenset(chatter))


@lru_cache(maxsize=64)
def _parts_memo(
    text: str, spans: tuple[tuple[int, int], ...], folded: tuple[str, ...], chatter: frozenset[int]
) -> list[tuple[list[int], bool, bool]]:
    return _cut_parts(text, spans, folded, set(chatter))


def _cut_parts(
    text: str, spans: Sequence[tuple[int, int]], folded: Sequence[str], chatter: set[int]
) -> list[tuple[list[int], bool, bool]]:
    """The clauses as (token indexes without chatter, asks?, starts with the asker?), telling-start
    clauses with an embedded question cut in two.

    A clause starts with the asker when its first kept word does ("jag har en ny klient") or its
    first word does although it is chatter ("jag jobbar på boendestödet sen en månad och undrar
    vad …": "jag jobbar på" is chatter, the clause still tells about the asker). The know-verb of
    an embedded question may be chatter too ("undrar"): it is looked for among all the clause's
    words, and the cut falls on the first kept word from the interrogative on.
    """
    out: list[tuple[list[int], bool, bool]] = []
    for lo, hi, mark in clauses(text, spans):
        idx = [k for k in range(lo, hi) if k not in chatter]
        words = [folded[k] for k in idx]
        speaker = bool(words) and (words[0] in SPEAKER_STARTS or folded[lo] in SPEAKER_STARTS)
        at = _embedded_question(folded[lo:hi]) if speaker else None
        cut = None if at is None else next((n for n, k in enumerate(idx) if k >= lo + at), None)
        if cut and not is_asking(words, False):
            out += [(idx[:cut], False, True), (idx[cut:], True, False)]
        else:
            out.append((idx, is_asking(words, mark), speaker))
    return out


def context_tokens(
    text: str, spans: Sequence[tuple[int, int]], folded: Sequence[str], chatter: set[int]
) -> set[int]:
    """Indexes of the tokens of clauses that tell about the asker, when another clause asks.

    Args:
        text: The message.
        spans: (start, end) character offsets of its tokens.
        folded: The tokens, folded.
        chatter: Indexes of chatter tokens (greetings, "tack" …), skipped when a clause's first
            word is looked at.

    Returns:
        Token indexes of the telling clauses, without the names in them (a capitalised word
        inside the clause: "jag ska jobba natt på Kyrkogatan"); empty when no clause asks (the
        whole message is then the question), or when an asking clause right after a telling one
        points back with a pronoun ("vi har enhetsdagar, hur många blir de?": the telling clause
        names what is asked about).
    """
    parts = _parts(text, spans, folded, chatter)
    asking, telling = False, set()
    before: bool | None = None  # whether the part before was telling
    for idx, asks, speaker in parts:
        words = [folded[k] for k in idx]
        if asks:
            asking = True
            if before and points_back(words):
                # The pronoun points at the situation told, never at who the asker is: a clause
                # that only says the asker's role stays context ("Jag började nyss som
                # boendestödjare 🙂 … Blir det nåt tillfälle där vi pratar om det?").
                return set().union(
                    *(set(i) for i, a, sp in parts if not a and sp and _describes_asker(i, folded, chatter))
                )
            before = False
        elif speaker and not _reports_content(words):
            telling |= {k for n, k in enumerate(idx) if n == 0 or not text[spans[k][0]].isupper()}
            before = True
        else:
            before = False if words else before
    return telling if asking else set()


# Words before a role noun that make a first-person clause say what the asker is: "jag jobbar som
# handläggare", "jag är ny socialsekreterare", "nyanställd gruppledare här".
_ROLE_INTRODUCERS = _folded("som ny nya nye nyanställd nyanställda nybliven nyblivna vikarierande är")
# The asker as subject: "jag", or a first-person verb that chat Swedish says without it.
_FIRST_PERSON = _folded("jag")
# The asker named in the asking clause: the question is about what the asker (in that role) does.
_ASKER_IN_QUESTION = _folded("jag mig min mitt mina")
_SUBJECTLESS_WORK = _folded("jobbar jobbat arbetar arbetat började börjat nyanställd ny")


def _describes_asker(idx: Sequence[int], folded: Sequence[str], chatter: set[int]) -> bool:
    """Whether a clause (its token indexes) tells what the asker is: the asker as subject and a
    role noun after "som", "ny", "är" … (`asker_roles` gives the role words)."""
    return bool(_asker_role_positions(idx, folded, chatter))


def _asker_role_positions(idx: Sequence[int], folded: Sequence[str], chatter: set[int]) -> list[int]:
    if not idx:
        return []
    # The chatter the clause opens with counts here: "jag är ny" is chatter (a newcomer's
    # framing), and it is what says that the role after it is the asker's.
    start = idx[0]
    while start - 1 in chatter:
        start -= 1
    span = list(range(start, idx[-1] + 1))
    words = [folded[k] for k in span]
    if not (_FIRST_PERSON & set(words) or words[0] in _SUBJECTLESS_WORK):
        return []
    return [
        span[n] for n, w in enumerate(words) if n > 0 and words[n - 1] in _ROLE_INTRODUCERS and names_role(w)
    ]


def asker_roles(
    text: str, spans: Sequence[tuple[int, int]], folded: Sequence[str], chatter: set[int]
) -> set[int]:
    """Indexes of the role nouns by which the asker says who they are, when another clause asks.

    "Jag började nyss som boendestödjare, …?", "hej, jag är ny socialsekreterare på …, …?",
    "jobbar som handläggare sen i måndags, …?": the role is about the asker, not the topic. A
    role noun that an asking clause also names stays the question's ("jag är ny
    boendestödjare, vad gör en boendestödjare?", in any form), and so does a role in a clause that asks
    ("vad gör en boendestödjare?", "vem är samordnare?").

    Args:
        text: The message.
        spans: (start, end) character offsets of its tokens.
        folded: The tokens, folded.
        chatter: Indexes of chatter tokens.

    Returns:
        Token indexes of those role nouns; empty when no clause asks.
    """
    parts = _parts(text, spans, folded, chatter)
    asked = {folded[k] for idx, asks, _ in parts if asks for k in idx}
    if not asked or asked & _ASKER_IN_QUESTION:
        # No question, or one about the asker ("hur ofta förväntas jag stämma av med …?"): then
        # the role is whose duties are asked about.
        return set()
    # In any form: "jag är nybliven chef, finns det utvecklingsprogram för chefer?".
    asked_stems = {s for w in asked for s in stem_tokens(w)}
    return {
        k
        for idx, asks, speaker in parts
        if not asks and speaker
        for k in _asker_role_positions(idx, folded, chatter)
        if not set(stem_tokens(folded[k])) & asked_stems
    }


def asking_tokens(
    text: str, spans: Sequence[tuple[int, int]], folded: Sequence[str], chatter: set[int]
) -> set[int]:
    """Indexes of the tokens of the clauses that ask (see `is_asking`) and of the question's
    conditions (`is_condition`: "om nån vill lämna kriminaliteten, hur snabbt …?"), whose words
    are the question's, not words beside it; empty when no clause asks.
    """
    parts = _parts(text, spans, folded, chatter)
    if not any(asks for _, asks, _ in parts):
        return set()
    return {k for idx, asks, _ in parts if asks or is_condition([folded[j] for j in idx]) for k in idx}


# Verbs after which an interrogative opens the asker's own question ("behöver veta vad …").
ASK_VERBS = _folded("undrar undrade veta kolla kollar fråga frågar")
# A part must hold this many words (the interrogative included, chatter and joiners not) to be a
# question of its own: "vad och när …" or "vilka aktiviteter och vilka indikatorer finns?" are one
# question with a coordinated interrogative or subject, not two.
MIN_QUESTION_WORDS = 3


def _opens_question(folded: Sequence[str], k: int, chatter: set[int]) -> Opener | None:
    """The question that opens at token k (after chatter and a joiner), or None (`openers.opener_at`)."""
    while k < len(folded) and k in chatter:
        k += 1
    if k < len(folded) and folded[k] in JOINERS:
        k += 1
    return opener_at(folded, k, INTERROGATIVES)


def question_starts(
    text: str, spans: Sequence[tuple[int, int]], folded: Sequence[str], chatter: set[int]
) -> list[int]:
    """Token indexes where each question of a message starts, when it holds several.

    Chat messages often ask two things at once: "vad är målet för sjukfrånvaron och när följs det
    upp?", "hur många bor på Kyrkogatan? och hur många våningar är det?", "finns det sl-kort eller
    har vi en bil?". A second question starts where, after a clause break ("?", ",", an emoji …)
    or a joining "och"/"o"/"samt"/"eller", a question opens (`openers.opener_at`: an interrogative,
    a preposition before one, or a yes/no question's verb before its subject). A split is kept
    only when every part is a question of its own: it opens so and holds at least
    `MIN_QUESTION_WORDS` words besides chatter, or, a later part, asks another kind of detail
    than the part before it ("när tar man fram sin utvecklingsplan, och med vem?"). A yes/no
    question on a copula ("är det en elbil, eller?") only narrows the first and is not split off.
    The first part keeps whatever stands before its question (greetings, who the asker is).

    Args:
        text: The message.
        spans: (start, end) character offsets of its tokens.
        folded: The tokens, folded ("o" read as "och").
        chatter: Indexes of chatter tokens.

    Returns:
        The first token of each question after the first (a joiner included), in order; empty
        when the message asks one question.
    """
    bounds = {lo for lo, _, _ in clauses(text, spans)}
    # The first question: its interrogative may come after context ("jag är ny här, vad …") but
    # must open a question: at a clause start, after chatter ("jag undrar vad …") or after a verb
    # of asking ("behöver veta vad …"); "har en idé om hur vi …" and "jag vet vad som …" tell.
    first = next(
        (
            k
            for k, w in enumerate(folded)
            if k not in chatter
            and opener_at(folded, k, INTERROGATIVES) is not None
            and (
                k in bounds
                or k == 0
                or k - 1 in chatter
                or (w in INTERROGATIVES and folded[k - 1] in ASK_VERBS)
            )
        ),
        None,
    )
    if first is None:
        return []
    candidates: list[int] = []
    for k in range(first + 1, len(folded)):
        after_break = k in bounds
        joined = folded[k] in JOINERS and opener_at(folded, k + 1, INTERROGATIVES) is not None
        if (after_break or joined) and _opens_question(folded, k, chatter) is not None:
            candidates.append(k)
    if not candidates:
        return []
    starts: list[int] = []
    edges = [first, *candidates, len(folded)]
    before: list[str] = []
    for lo, hi in itertools.pairwise(edges):
        q = _opens_question(folded, lo, chatter)
        words = [folded[k] for k in range(lo, hi) if k not in chatter and folded[k] not in JOINERS]
        if q is None:
            return []
        # "…, och med vem?", "… samt när?": a short later question that asks another kind of
        # detail than the one before is a question of its own (`part_types.new_detail`).
        if len(words) < MIN_QUESTION_WORDS and (lo == first or not new_detail(words, before)):
            return []
        if lo != first:
            starts.append(lo)
        before = words
    return starts


def asks_back(text: str, spans: Sequence[tuple[int, int]], folded: Sequence[str], chatter: set[int]) -> bool:
    """Whether a clause that asks points back at something named before it (`points_back`).

    "klienter som gått på bistånd länge – nåt nytt vi ska testa med dom?": the clause before
    the question names what it asks about.
    """
    return any(
        asks and points_back([folded[k] for k in idx])
        for idx, asks, _ in _parts(text, spans, folded, chatter)
    )
