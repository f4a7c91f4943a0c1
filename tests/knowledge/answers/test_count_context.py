"""Which words of a count question choose the sentence that states the count (answers/count_context.py).

The pure parts are tested on hand-built word groups; the whole reading on a hand-built plan in
a real SQLite catalog and snapshot, answered by the real Answerer (no vector index), as in
test_counted_kinds.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config import Settings
from knowledge.answerer import Answerer
from knowledge.answers.count_context import (
    bound_to_noun,
    count_context,
    count_fit,
    deciding_groups,
    opens_name,
    plan_wordings,
    without_frame,
)
from knowledge.answers.prose_counts import stated_numbers
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.embedder import Embedder
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from tests.indicators.plans import UNIT, chunks_for, ind, plan

TODAY = dt.date(2021, 6, 15)

# --- the pure parts ---------------------------------------------------------------------------------


def test_a_word_no_chosen_document_holds_chooses_nothing() -> None:
    groups = [({"sitt"}, set()), ({"brukarrad"}, set())]
    assert deciding_groups(groups, frozenset({"brukarr", "brukarrad", "enhet"}), frozenset()) == [
        ({"brukarrad"}, set())
    ]


def test_a_word_held_through_a_synonym_or_its_family_still_chooses() -> None:
    groups = [({"personal"}, {"medarbet"}), ({"aterkoppl"}, set())]
    present = frozenset({"medarbet", "aterkoppling"})
    assert deciding_groups(groups, present, frozenset()) == groups


def test_a_word_opening_a_units_name_names_the_unit() -> None:
    names = frozenset({"boendestodsen", "bromm"})
    assert opens_name("boendestod", names)
    assert not opens_name("stod", frozenset({"stodenhet"}))  # too short to stand for a name
    groups = [({"boendestod"}, set()), ({"brukarrad"}, set())]
    present = frozenset({"boendestod", "brukarrad"})
    assert deciding_groups(groups, present, names) == [({"brukarrad"}, set())]


def test_framing_verbs_leave_the_topic_as_words_not_stems() -> None:
    assert without_frame("brukare sitter brukarrådet") == "brukare brukarrådet"
    # "jobbar" frames, but the noun "jobb" (same stem) is a topic.
    assert without_frame("fick jobb jobbar") == "fick jobb"


@pytest.mark.parametrize(
    ("phrase", "bound"),
    [
        ("tre bitradande enhetschefer", True),
        ("sex medarbetare ar utbildade mi-coacher", True),  # "ar" is the copula "är" too
        ("70 procent ensamkommande ungdomar", False),
        ("12 manader for brukare", False),
    ],
)
def test_a_measure_between_the_number_and_the_noun_unbinds_it(phrase: str, bound: bool) -> None:
    assert bound_to_noun(phrase) is bound


# --- on a snapshot ----------------------------------------------------------------------------------


def _section(source: str, n: int, text: str, breadcrumb: str) -> Chunk:
    return Chunk(id=f"{source}-s{n}", source=source, kind=ChunkKind.SECTION, text=text, breadcrumb=breadcrumb)


PROSE = [
    (
        "Så tar vi reda på brukarnas behov",
        "Enheten har ett brukarråd med fem brukare och en representant från RSMH. "
        "Brukarrådet träffades fyra gånger under året.",
    ),
    (
        "Organisation",
        "Enheten har i genomsnitt 212 brukare per månad. Ca 70 procent ensamkommande ungdomar.",
    ),
]


@pytest.fixture()
def snap(tmp_path: Path) -> Snapshot:
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    parsed = plan("bs-2021.txt", UNIT, 2021, [ind("Sjukfrånvaro", "7,5 %")])
    src = parsed.meta.source
    chunks = chunks_for(parsed) + [_section(src, n, text, crumb) for n, (crumb, text) in enumerate(PROSE)]
    catalog.replace_document(parsed, chunks=chunks, path=None)
    loaded = Snapshot.load(catalog)
    catalog.close()
    return loaded


def test_count_context_keeps_every_group_when_none_would_be_left(snap: Snapshot) -> None:
    groups = [({"arbetsgivarmal"}, set()), ({"punktlist"}, set())]
    assert count_context(snap, ["bs-2021.txt"], groups) == groups


def test_a_stem_two_letters_apart_is_the_questions_word(snap: Snapshot) -> None:
    # The stemmer gives "brukarråd" brukarr and "brukarrådet" brukarrad.
    groups = [({"brukarrad"}, set())]
    assert count_fit(snap, groups, "Enheten har ett brukarråd med fem brukare") == 1.0
    assert count_fit(snap, groups, "Enheten har 212 brukare per månad") == 0.0


def test_a_count_asked_with_a_framing_verb_is_read_from_its_sentence(snap: Snapshot) -> None:
    # "sitter" frames, "brukarrådet" is stemmed apart from "brukarråd": before, the sentence's
    # fit fell below the bar and no stated count was read.
    answerer = Answerer(lambda: snap, Embedder(Settings().embedding_model), None, today=lambda: TODAY)
    reading = answerer._read(snap, f"hur många brukare sitter i brukarrådet hos {UNIT}?")
    found = stated_numbers(snap, reading, ["bs-2021.txt"])
    assert [s.number for s in found] == ["fem"]
    assert found[0].sentence.startswith("Enheten har ett brukarråd med fem brukare")


def test_a_number_that_measures_states_no_count(snap: Snapshot) -> None:
    answerer = Answerer(lambda: snap, Embedder(Settings().embedding_model), None, today=lambda: TODAY)
    reading = answerer._read(snap, f"hur många ensamkommande ungdomar har {UNIT}?")
    assert stated_numbers(snap, reading, ["bs-2021.txt"]) == []


# --- staff's words for the counted noun -------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "wordings"),
    [
        (["vice", "chefer"], [("enhetschef", ["bitradande"])]),
        (["soc-sekr"], [("socialsekreterare", [])]),
        (["personal"], [("medarbetare", [])]),
        (["trygghetspunkter"], []),  # the plans' own word: nothing to read instead
        (["nya", "personal"], []),  # only a term the phrase opens with
    ],
)
def test_the_plans_wording_of_staffs_counted_noun(
    phrase: list[str], wordings: list[tuple[str, list[str]]]
) -> None:
    assert plan_wordings(phrase) == wordings


def test_a_count_in_staffs_word_is_read_in_the_plans_word(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    parsed = plan("eb-2023.txt", UNIT, 2023, [ind("Sjukfrånvaro", "7,5 %")])
    prose = (
        "Enheten leds av en enhetschef med stöd av tre biträdande enhetschefer, samt en verksamhetsplanerare."
    )
    chunks = [*chunks_for(parsed), _section("eb-2023.txt", 0, prose, "Organisationsbeskrivning")]
    catalog.replace_document(parsed, chunks=chunks, path=None)
    loaded = Snapshot.load(catalog)
    catalog.close()
    answerer = Answerer(lambda: loaded, Embedder(Settings().embedding_model), None, today=lambda: TODAY)
    reading = answerer._read(loaded, f"hur många vice chefer har {UNIT}?")
    found = stated_numbers(loaded, reading, ["eb-2023.txt"])
    assert [s.number for s in found] == ["tre"]
