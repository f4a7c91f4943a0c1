"""One reply to a message that asks several questions: each question's answer, each cited.

The whole message is answered first, as a single question (what Planbot always did; for many
two-part messages that answer already holds both: an indicator row shows its target and how
often it is followed up). Then each question of the message is answered on its own, a later one
as a follow-up of the one before ("… och när följs det upp?" points back). An answer that cites
something the reply does not yet quote is added under its question; its `[n]` markers are
renumbered after the citations already there, and a citation of a quote already there (or of part
of one) is shared. A part answered only by the closest match ("Närmast i …") is added only when the
reply so far is no more than passages or a closest match itself: a guess does not dilute an answer
the routes trust. For the same reason the first question's own answer is added after the answer
to the whole message (which was read for that question) only when the latter was not trusted or
quotes nothing of the kind of detail the first question asks (`holds_asked`: "hur ofta har ni
brukarråd och vilka får vara med?" read as one question is answered by who takes part), and
when the whole message found nothing, the closest match found for one question alone is no
answer either ("hur många dagar semester får vi spara? och …": "Närmast i …") and the decline
stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.answer import Answer, AnswerKind, Citation
from knowledge.answers.closest import CLOSEST_LEAD
from knowledge.retrieval.fillers import fills
from knowledge.understand.answer_types import SPECIFIC, asked_types

# Kinds that do not answer the question (a decline, a request to name the unit, bad input).
NOT_ANSWERS = frozenset(
    (AnswerKind.NOT_FOUND, AnswerKind.CLARIFY, AnswerKind.INVALID, AnswerKind.HELP, AnswerKind.COMMAND)
)
_MARKER = re.compile(r"\[(\d{1,3})\]")


def answers_it(answer: Answer) -> bool:
    """Whether an answer answers (cites something and is not a decline or a clarification)."""
    return answer.kind not in NOT_ANSWERS and bool(answer.citations)


def _plain(quote: str) -> str:
    return " ".join(quote.replace("…", " ").split()).lower()


def _quoted_in(c: Citation, citations: Sequence[Citation]) -> int | None:
    """`n` of a citation that quotes the same text as c or text that holds it, or None."""
    mine = _plain(c.quote)
    for other in citations:
        theirs = _plain(other.quote)
        if other.source == c.source and mine and (mine in theirs or theirs in mine):
            return other.n
    return None


def _hedged(answer: Answer) -> bool:
    """Only the closest match ("Närmast i … är:"), not an answer the routes or the model trust."""
    return answer.answer.startswith(CLOSEST_LEAD)


def stands(answer: Answer) -> bool:
    """Whether an answer answers (`answers_it`) and is more than the closest match.

    A question of a message that names nothing of its own or points back ("och med vem?", "och
    var ligger det?") is asked about what the question before it found: only about an answer,
    not about a guess.
    """
    return answers_it(answer) and not _hedged(answer)


def _renumbered(text: str, renumber: dict[int, int]) -> str:
    """The text with its `[n]` markers renumbered (a marker of no citation is left as it is)."""

    def marker(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return f"[{renumber.get(n, n)}]"

    return _MARKER.sub(marker, text)


def _unsure(answer: Answer) -> bool:
    """Passages (no route trusted them) or only the closest match."""
    return answer.kind is AnswerKind.PASSAGES or _hedged(answer)


def holds_asked(answer: Answer, question: str) -> bool:
    """Whether an answer's quotes hold what a question asks for (`answer_types`), when it asks it.

    "hur ofta har ni brukarråd och vilka får vara med?": read as one question, the message is
    answered by a list of who takes part ("På brukarrådet deltar enhetschef, …"), which says
    nothing of how often; the first question is then not answered by it. A question that asks
    no specific kind of detail ("vad är målet …") is taken as answered (only a type can be
    checked). The quotes are read, not the answer text: its lead names the plan's year.
    """
    asked = asked_types(question) & SPECIFIC
    return not asked or any(fills(asked, c.quote) for c in answer.citations)


def _first_paragraph(text: str) -> str:
    return text.split("\n\n", 1)[0]


def join_answers(whole: Answer, parts: Sequence[tuple[str, Answer]]) -> Answer:
    """The reply to a message of several questions.

    Args:
        whole: The answer to the whole message read as one question.
        parts: Each question of the message (as cut by `understand.several.split_message`) with
            its own answer, in order.

    Returns:
        `whole` when it clarified or no part answers, or when no part adds a citation; otherwise
        a reply that starts with the first question's answer when the parts quote all that
        `whole` quoted (the questions in the order asked) or when `whole` is only passages or a
        closest match and the first question's answer is neither, else with `whole` (or, when
        it declined, the first answering part), followed by every other part answer that cites
        something new, each under its question in bold (the first question's only when `whole`
        is unsure or does not hold what it asks, `holds_asked`). Kind and
        suggestions are the first answer's, the conversation context the last added answer's;
        a reply of several answers has no table and no card facts (each would show one answer).
    """
    answering = [a for _, a in parts if answers_it(a)]
    if _hedged(whole) and parts and all(a.kind is AnswerKind.NOT_FOUND for _, a in parts):
        # Read as one question the message is only guessed at, and read question by question
        # nothing is found: the guess is no answer either ("hur många dagar får man jobba
        # hemifrån, och vem godkänner det?" is not in the plans).
        return parts[0][1]
    if not answers_it(whole):
        # Read as one question the message found nothing: the closest match found for one of its
        # questions alone is a guess, not an answer the reply may stand on.
        answering = [a for a in answering if not _hedged(a)]
    if whole.kind is AnswerKind.CLARIFY or not answering:
        return whole
    quoted = [c for a in answering for c in a.citations]
    first = parts[0][1]
    first_answers = any(first is a for a in answering)
    if first_answers and all(_quoted_in(c, quoted) is not None for c in whole.citations):
        base = first  # the questions answer all the whole message did: in the order asked
    elif first_answers and _unsure(whole) and not _unsure(first):
        base = first  # an answer the routes trust beats a passage found for the whole message
    else:
        base = whole if answers_it(whole) else answering[0]
    text = base.answer
    citations = list(base.citations)
    context = base.context
    added = False
    unsure = _unsure(base)
    for k, (question, answer) in enumerate(parts):
        if answer is base or not any(answer is a for a in answering):
            continue
        if _hedged(answer) and not unsure:
            continue  # a guess does not dilute an answer the reply trusts
        if k == 0 and base is whole and not unsure and holds_asked(whole, question):
            continue  # the whole message was read for its first question and answered it
        held = {c.n: _quoted_in(c, citations) for c in answer.citations}
        if all(n is not None for n in held.values()):
            continue  # answered already by what the reply quotes
        renumber: dict[int, int] = {}
        for c in answer.citations:
            same = held[c.n]
            if same is not None:
                renumber[c.n] = same
            else:
                renumber[c.n] = len(citations) + 1
                citations.append(c.model_copy(update={"n": renumber[c.n]}))
        body = answer.answer
        if _first_paragraph(body) == _first_paragraph(text) and "\n\n" in body:
            body = body.split("\n\n", 1)[1]  # "Jag utgår från din enhet …" said once
        body = _renumbered(body, renumber)
        text = f"{text}\n\n**{question}**\n{body}"
        context = answer.context
        added = True
    if not added:
        return base
    # A table or a card's facts would show one question's answer alone; the text holds them all.
    return base.model_copy(
        update={"answer": text, "citations": citations, "facts": [], "context": context, "table": None}
    )
