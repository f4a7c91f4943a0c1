"""A short quote reads on through its paragraph (knowledge/retrieval/extract.py `read_on`).

Hand-written passages; the shipped sentence model scores. The detail a staff member asks for
("vad gav det för effekt", "hur gör vi") often stands in the sentence after the one that names
the topic, and that sentence repeats none of the question's words.
"""

from __future__ import annotations

from knowledge.retrieval.extract import best_sentences, paragraph_starts, read_on, sentences
from knowledge.retrieval.joint_quote import joint_picks

PLANS = (
    "Genomförandeplaner.\n\n"
    "Vi har gått igenom alla genomförandeplaner och infört en påminnelse i verksamhetssystemet "
    "när en plan är äldre än sex månader. "
    "Resultatet blev att andelen aktuella planer ökade från 71 procent till 93 procent på ett år.\n\n"
    "Planering av besök.\n\n"
    "Sedan hösten 2020 planeras alla besök i ett gemensamt schemaverktyg."
)
QUESTION = "vad gav påminnelsen om gamla genomförandeplaner för effekt?"
TOPIC = "påminnelsen gamla genomförandeplaner effekt"


def test_the_sentence_after_the_topic_sentence_is_quoted_with_it() -> None:
    picked = best_sentences(PLANS, TOPIC, question=QUESTION)
    assert any("påminnelse" in p for p in picked)
    assert (
        "Resultatet blev att andelen aktuella planer ökade från 71 procent till 93 procent på ett år."
        in picked
    )
    # The next paragraph is another unit of the text: the quote stops at its end.
    assert not any("schemaverktyg" in p or p == "Planering av besök." for p in picked)


def test_the_joint_quote_reads_on_too() -> None:
    other = "Brukarna får stöd i hemmet. Stödet planeras tillsammans med brukaren."
    picks = joint_picks([PLANS, other], [1.0, 0.5], TOPIC, QUESTION, second_within=0)
    assert picks[0].chunk == 0
    assert any("93 procent" in s for s in picks[0].sentences)


def test_reading_on_stops_at_the_limit_a_paragraph_a_heading_and_a_list() -> None:
    parts = ["Mål bryts ner varje höst.", "Målen diskuteras i grupperna.", "Förslagen samlas.", "Sista."]
    chosen = [0]
    read_on(parts, chosen, 3, lambda i: i not in chosen, frozenset())
    assert chosen == [0, 1, 2]  # three sentences at most
    chosen = [0]
    read_on(parts, chosen, 3, lambda i: i not in chosen, frozenset({2}))
    assert chosen == [0, 1]  # sentence 2 opens a new paragraph
    chosen = [0]
    read_on(["Topic sentence.", "Uppföljning", "Later."], chosen, 3, lambda i: i not in chosen, frozenset())
    assert chosen == [0]  # a heading-like line starts another unit
    chosen = [0]
    read_on(["Topic sentence.", "- ett listat steg"], chosen, 3, lambda i: i not in chosen, frozenset())
    assert chosen == [0]  # so does a list item after prose
    chosen = [0]
    read_on(parts, chosen, 3, lambda i: i == 1, frozenset())
    assert chosen == [0, 1]  # the length limit (`fits`) still holds


def test_a_quote_that_holds_the_asked_type_does_not_read_on() -> None:
    passage = (
        "Brukarrådet på boendena är ett viktigt forum för brukarnas inflytande över boendet. "
        "Mötena hålls varje månad i det gemensamma vardagsrummet. "
        "Personalen bjuder på kaffe."
    )
    picked = best_sentences(passage, "brukarrådet boendena", question="hur ofta har boendena brukarråd?")
    assert "Personalen bjuder på kaffe." not in picked


def test_paragraph_starts_are_the_sentences_after_a_blank_line() -> None:
    parts = sentences(PLANS)
    starts = paragraph_starts(PLANS, parts)
    assert [parts[i] for i in sorted(starts)] == [
        parts[1],
        "Planering av besök.",
        "Sedan hösten 2020 planeras alla besök i ett gemensamt schemaverktyg.",
    ]
    assert paragraph_starts("En mening. En till.", ["En mening.", "En till."]) == frozenset()
