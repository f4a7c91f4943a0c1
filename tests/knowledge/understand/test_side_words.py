"""Everyday words in the clauses around a chat question leave its topic (issue 10, session 9)."""

from __future__ import annotations

from pathlib import Path

from knowledge.store.snapshot import Snapshot
from knowledge.understand.clauses import asking_tokens
from knowledge.understand.mentions import tokenize
from knowledge.understand.reading import QuestionReading
from knowledge.understand.side_words import asking_names_something, side_words
from tests.support.chat_corpus import chat_snapshot, read_chat

# Enough plan text that the counts can tell an everyday word from a word of the plans.
TEXT = "Klagomål från klienter återkopplas av chef och redovisas i verksamhetsberättelsen."


def snapshot(tmp_path: Path) -> Snapshot:
    return chat_snapshot(tmp_path, TEXT)


def read(snap: Snapshot, question: str) -> QuestionReading:
    return read_chat(snap, question)


class Everyday:
    """Usage that calls the listed stems everyday Swedish."""

    def __init__(self, stems: set[str]) -> None:
        self.stems = stems

    def everyday_word(self, stem: str) -> bool:
        return stem in self.stems


def test_only_words_outside_the_asking_clause_leave() -> None:
    text = "En klient ringde idag och var arg 😬 vem återkopplar idag på klagomålet?"
    toks = tokenize(text)
    gone = side_words(text, toks, set(), Everyday({"idag", "ring"}))
    assert sorted(toks[k].raw for k in gone) == ["idag", "ringde"]  # not the asking clause's "idag"
    # A message that asks nothing in a clause of its own is all question.
    assert side_words("klagomål idag", tokenize("klagomål idag"), set(), Everyday({"idag"})) == set()
    assert side_words(text, toks, set(), None) == set()


def test_asking_tokens_are_the_clauses_that_ask() -> None:
    text = "jag är ny här. vem återkopplar på klagomålet?"
    toks = tokenize(text)
    asking = asking_tokens(text, [(t.start, t.end) for t in toks], [t.f for t in toks], set())
    assert [toks[k].raw for k in sorted(asking)] == ["vem", "återkopplar", "på", "klagomålet"]


def test_everyday_words_around_the_question_leave_the_topic(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    reading = read(
        snap, "En klient ringde idag och ville klaga 😬 vem återkopplar till klienten på klagomålet?"
    )
    topic = reading.topic.split()
    assert "idag" not in topic and "ringde" not in topic
    assert "klient" in topic and "klagomålet" in topic  # the plans' words stay, wherever they stand


def test_the_question_condition_is_asked_with_it() -> None:
    # "om nån …" before the asking clause is its condition: its everyday words stay in the topic.
    text = "om en boende vill ha hjälp direkt, vad gör vi?"
    toks = tokenize(text)
    asking = asking_tokens(text, [(t.start, t.end) for t in toks], [t.f for t in toks], set())
    assert [toks[k].raw for k in sorted(asking)] == [
        "om",
        "en",
        "boende",
        "vill",
        "ha",
        "hjälp",
        "direkt",
        "vad",
        "gör",
        "vi",
    ]
    assert side_words(text, toks, set(), Everyday({"direkt", "hjälp"})) == set()
    # "om" before no subject is a preposition: "om budgeten" tells, it is no condition.
    text = "jag läste om budgeten idag, vem återkopplar?"
    toks = tokenize(text)
    gone = side_words(text, toks, set(), Everyday({"idag"}))
    assert [toks[k].raw for k in gone] == ["idag"]
    # A condition alone asks nothing: the whole message is the question.
    text = "om en boende vill ha hjälp direkt"
    toks = tokenize(text)
    assert asking_tokens(text, [(t.start, t.end) for t in toks], [t.f for t in toks], set()) == set()


def test_a_bare_asking_clause_keeps_the_situation() -> None:
    # "vad gör vi?" holds no word of the documents: the other clause tells what is asked about,
    # and its everyday words ("slagen", "partner") are the situation, not chat around it.
    text = "vi misstänker att en brukare blir slagen av sin partner, vad gör vi?"
    toks = tokenize(text)
    usage = Everyday({"slag", "partn", "henn", "ring", "idag"})
    assert side_words(text, toks, set(), usage) == set()
    # The same situation with an asking clause that names a word of the documents: the
    # everyday words around it leave, as before.
    asked = "en brukare blir slagen av sin partner, vem återkopplar på klagomålet?"
    asked_toks = tokenize(asked)
    gone = side_words(asked, asked_toks, set(), usage)
    assert sorted(asked_toks[k].raw for k in gone) == ["partner", "slagen"]


def test_names_and_everyday_words_in_the_asking_clause_name_nothing() -> None:
    usage = Everyday({"slag", "partn", "henn"})
    text = "en brukare blir slagen av sin partner, vart skickar vi henne på boendestödet?"
    toks = tokenize(text)
    asking = asking_tokens(text, [(t.start, t.end) for t in toks], [t.f for t in toks], set())
    unit = {k for k, t in enumerate(toks) if t.f == "boendestodet"}
    # "skickar" is a word of the documents, "henne" is everyday, the unit's name is a name.
    verb = {k for k, t in enumerate(toks) if t.f == "skickar"}
    assert asking_names_something(asking, toks, unit, usage)
    assert not asking_names_something(asking - verb, toks, unit, usage)
    assert not asking_names_something(asking, toks, unit | verb, usage)
    # "gör", "hanterar" and the frame "hur går det till" only ask.
    bare = "en brukare blir slagen, hur går det till och vad gör vi och hur hanterar vi det?"
    bare_toks = tokenize(bare)
    bare_asking = asking_tokens(bare, [(t.start, t.end) for t in bare_toks], [t.f for t in bare_toks], set())
    assert bare_asking and not asking_names_something(bare_asking, bare_toks, set(), usage)


def test_the_situation_stays_in_the_topic(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    told = read(snap, "En klient ringde idag och ville klaga 😬 vad gör vi?").topic.split()
    assert "ringde" in told  # nothing asked by name: the telling clause is the question
    asked = read(snap, "En klient ringde idag och ville klaga 😬 vem återkopplar på klagomålet?")
    assert "ringde" not in asked.topic.split()
