"""A section chunk as a cited quote (knowledge/answers/passage.py) on hand-written passages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from knowledge.answers.cite import Citations
from knowledge.answers.passage import Quote, join_lines, joint_quotes, pick_quote, render_passage, widened
from knowledge.models import Chunk, ChunkKind
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading, read_question
from tests.indicators.plans import UNIT, make_catalog, plan

TODAY = dt.date(2023, 6, 15)
SOURCE = "eb-2023.txt"
TEXT = (
    "Verksamheten omfattar en mottagningsgrupp och tre team. Enheten består av följande verksamheter:\n"
    "- Mottagningen tar emot nya ansökningar.\n"
    "- Team 1 arbetar med unga vuxna.\n"
    "- Team 2 arbetar med sjukskrivna klienter.\n\n"
    "Alla nyanställda får en mentor. Mentorn ger stöd under de första sex månaderna. "
    "Introduktionen följs upp av enhetschefen."
)


def _chunk(text: str = TEXT) -> Chunk:
    return Chunk(id="c1", source=SOURCE, kind=ChunkKind.SECTION, text=text, breadcrumb="Plan › Inledning")


def _read(question: str) -> QuestionReading:
    return read_question(question, [], TODAY)


def test_a_list_question_quotes_the_lead_and_every_item_one_line_each() -> None:
    quote = pick_quote(_chunk(), _read("vilka verksamheter ingår i enheten?"))
    assert quote is not None
    assert quote.text.splitlines() == [
        "Enheten består av följande verksamheter:",
        "- Mottagningen tar emot nya ansökningar.",
        "- Team 1 arbetar med unga vuxna.",
        "- Team 2 arbetar med sjukskrivna klienter.",
    ]
    # The citation's span is the exact chunk text from the lead to the last item.
    assert quote.span in TEXT
    assert quote.span.startswith("Enheten består av") and quote.span.endswith("sjukskrivna klienter.")


def test_a_duration_question_quotes_the_sentence_with_the_duration() -> None:
    quote = pick_quote(_chunk(), _read("hur länge får jag stöd av en mentor?"), limit=1)
    assert quote == Quote(
        "Mentorn ger stöd under de första sex månaderna.", "Mentorn ger stöd under de första sex månaderna."
    )


def test_the_old_call_forms_still_work() -> None:
    reading = _read("hur länge får jag stöd av en mentor?")
    positional = pick_quote(_chunk(), reading, 2)
    keyword = pick_quote(_chunk(), reading, limit=2)
    assert positional == keyword
    assert positional is not None and "sex månaderna" in positional.text
    assert pick_quote(_chunk(""), reading) is None


def test_render_passage_cites_the_quoted_span(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path, plan(SOURCE, UNIT, 2023, []))
    try:
        snap = Snapshot.load(catalog)
    finally:
        catalog.close()
    cites = Citations(snap)
    line = render_passage(cites, _read("hur länge får jag stöd av en mentor?"), _chunk(), limit=1)
    assert line == "Mentorn ger stöd under de första sex månaderna. [1]"
    assert cites.items[0].quote == "Mentorn ger stöd under de första sex månaderna."
    # No matching sentence: the whole chunk is quoted, whitespace collapsed.
    other = render_passage(cites, _read("vad kostar parkeringen?"), _chunk("Lokalerna ligger\ni Farsta."))
    assert other == "Lokalerna ligger i Farsta. [2]"


def test_join_lines_keeps_items_on_their_own_lines() -> None:
    assert join_lines(["Lead:", "- a\n  b", "- c", "Efter."]) == "Lead:\n- a b\n- c Efter."


ROUTINE = (
    "Rutinen gäller personer som blir bostadslösa på kvällar, nätter och helger. "
    "Socialjouren tar emot ärendet och gör en första bedömning. "
    "Socialjouren ordnar vid behov akut boende för högst tre nätter. "
    "Boendegruppen gör en boendeutredning inom 14 dagar. "
    "Ansvar: Biträdande enhetschef för Boendegruppen ansvarar för att rutinen följs."
)


def test_who_is_responsible_for_a_routine_quotes_its_responsibility_line() -> None:
    quote = pick_quote(_chunk(ROUTINE), _read("vem ansvarar för rutinen vid akut hemlöshet?"))
    assert quote is not None
    assert "Biträdande enhetschef för Boendegruppen" in quote.text


def test_an_address_question_quotes_the_address_even_when_the_scan_misspelt_the_word() -> None:
    text = "lisa.wallin@stockholm.se\nPostadress och besdksadress Hésselby torg 20-22, 2 tr\nAnställda 59"
    quote = pick_quote(_chunk(text), _read("vad är besöksadressen till enheten?"))
    assert quote is not None
    assert "torg 20-22" in quote.text


def test_the_sentence_after_the_best_one_that_leans_on_it_is_quoted_with_it() -> None:
    text = (
        "Droppen ligger i Västertorp och säljer olika varor beroende på årstid. "
        "Det kan vara marmelader, blomsterarrangemang och olika inläggningar. "
        "Under sommarhalvåret förläggs verksamheten till odlingar i Mariefred. "
        "Hägergruppen arbetar med hantverk och keramik."
    )
    quote = pick_quote(_chunk(text), _read("vad säljer droppen?"))
    assert quote is not None
    assert "säljer olika varor" in quote.text and "marmelader" in quote.text


def test_a_list_keeps_its_items_past_an_items_second_paragraph() -> None:
    text = (
        "Enheten är indelad i följande team:\n"
        "- Mottagningsgrupp\n"
        "- Team 1 arbetar med unga vuxna.\n"
        "- Team 2 arbetar med sjukskrivna klienter.\n"
        "Teamet samverkar främst med landstinget och Jobbtorg.\n"
        "- Team 4 arbetar vräkningsförebyggande.\n\n"
        "Verksamheten styrs av socialtjänstlagen."
    )
    quote = pick_quote(_chunk(text), _read("vilka team finns på enheten?"))
    assert quote is not None
    assert "Team 1" in quote.text and "Team 4" in quote.text
    assert "socialtjänstlagen" not in quote.text


# -- one document's best chunks, chosen together (joint_quotes) --

NAMES_MENTOR = "Alla nyanställda får en mentor. Mentorskapet är uppskattat av nya medarbetare."
STATES_DURATION = "Lokalerna byggs om. Mentorn ger stöd under de första sex månaderna. Budgeten följs upp."


def test_the_chunk_quoted_is_the_one_whose_sentence_answers() -> None:
    first = Chunk(id="c1", source=SOURCE, kind=ChunkKind.SECTION, text=NAMES_MENTOR, breadcrumb="Plan")
    second = Chunk(id="c2", source=SOURCE, kind=ChunkKind.SECTION, text=STATES_DURATION, breadcrumb="Plan")
    reading = _read("hur länge får jag stöd av en mentor?")
    # The best chunk alone quotes a sentence without the duration.
    alone = pick_quote(first, reading)
    assert alone is not None and "sex månader" not in alone.text
    quotes = joint_quotes([(first, 1.0), (second, 0.9)], reading)
    assert quotes[0][0].id == "c2"
    assert "sex månaderna" in quotes[0][1].text and quotes[0][1].span in STATES_DURATION


def test_a_routine_asked_as_a_whole_keeps_its_first_chunk_read_in_order() -> None:
    routine = Chunk(
        id="r1",
        source=SOURCE,
        kind=ChunkKind.SECTION,
        text="Rutin för klagomål. Klagomål tas emot av handläggaren. Klagomål diarieförs. Chefen följer upp.",
        breadcrumb="Plan",
    )
    other = Chunk(
        id="r2", source=SOURCE, kind=ChunkKind.SECTION, text="Klagomål diarieförs alltid.", breadcrumb="P"
    )
    reading = _read("hur hanterar vi klagomål?")
    quotes = joint_quotes([(routine, 1.0), (other, 1.0)], reading)
    assert [c.id for c, _ in quotes] == ["r1"]
    assert quotes == [(routine, pick_quote(routine, reading))]


def _snapshot_with(tmp_path: Path, chunks: list[Chunk]) -> Snapshot:
    catalog = make_catalog(tmp_path)
    try:
        catalog.replace_document(plan(SOURCE, UNIT, 2023, []), chunks=chunks, path=None)
        return Snapshot.load(catalog)
    finally:
        catalog.close()


def test_a_chunk_retrieval_missed_joins_when_it_holds_the_topic_in_another_form(tmp_path: Path) -> None:
    offered = Chunk(
        id="c1",
        source=SOURCE,
        kind=ChunkKind.SECTION,
        breadcrumb="Plan › Samverkan",
        text="Enheten samverkar med Jobbtorg och Arbetsförmedlingen kring unga vuxna.",
    )
    other = Chunk(
        id="c2",
        source=SOURCE,
        kind=ChunkKind.SECTION,
        breadcrumb="Plan › Ekonomi",
        text="Budgeten följs upp av enhetschefen tillsammans med controller.",
    )
    answer = Chunk(
        id="c3",
        source=SOURCE,
        kind=ChunkKind.SECTION,
        breadcrumb="Plan › Aktiviteter",
        text="Lokalerna byggs om under våren. "
        "En gång per kvartal säkerställs att samverkansöverenskommelsen med Jobbtorg följs.",
    )
    snap = _snapshot_with(tmp_path, [offered, other, answer])
    reading = _read("hur ofta kollar vi att det vi kommit överens om med jobbtorg hålls?")
    # Only the chunk retrieval offered: its sentence names Jobbtorg but not how often.
    alone = joint_quotes([(snap.chunks_of(SOURCE)[0], 1.0)], reading)
    assert alone and alone[0][0].id == "c1"
    # With the snapshot, the chunk holding "överens" inside "samverkansöverenskommelsen" joins,
    # and its sentence (the frequency) is quoted.
    widened_quotes = joint_quotes([(snap.chunks_of(SOURCE)[0], 1.0)], reading, snap=snap, widen=1)
    assert widened_quotes[0][0].id == "c3"
    assert "En gång per kvartal" in widened_quotes[0][1].text


def test_a_chunk_holding_less_of_the_topic_than_the_offered_one_does_not_join(tmp_path: Path) -> None:
    offered = Chunk(
        id="c1",
        source=SOURCE,
        kind=ChunkKind.SECTION,
        breadcrumb="Plan › Brukarinflytande",
        text="Brukarrådet träffas fyra gånger per år tillsammans med enhetschefen.",
    )
    weaker = Chunk(
        id="c2",
        source=SOURCE,
        kind=ChunkKind.SECTION,
        breadcrumb="Plan › Information",
        text="Brukarna får information om verksamheten på anslagstavlan.",
    )
    snap = _snapshot_with(tmp_path, [offered, weaker])
    first = snap.chunks_of(SOURCE)[0]
    query = "brukarrådet träffas ofta"
    # The weaker chunk shares pieces of "brukar…" but retrieval's own chunk holds more of the
    # topic: retrieval did not miss anything, so nothing joins to dilute the choice.
    assert [c.id for c, _ in widened(snap, [(first, 1.0)], query)] == ["c1"]
    # Offered only the weaker chunk, the one holding the topic joins (at the weakest score).
    second = snap.chunks_of(SOURCE)[1]
    assert [(c.id, s) for c, s in widened(snap, [(second, 0.4)], query)] == [("c2", 0.4), ("c1", 0.4)]
