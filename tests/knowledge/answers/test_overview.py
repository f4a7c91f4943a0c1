"""Overview answers (answers/overview.py) and the vocabulary (answers/vocabulary.py) on hand-built plans.

Two plans of two units with an introduction and a goal chain, in a real SQLite catalog; no model.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indicators.models import GoalLevel
from knowledge.answer import AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.overview import intro_chunks, overview_answer
from knowledge.answers.roles import asked_role, role_answer, same_role
from knowledge.answers.vocabulary import asks_vocabulary, vocabulary_answer
from knowledge.models import Chunk, ChunkKind, GlossaryEntry, Goal
from knowledge.retrieval.selection import select_documents
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, chunks_for, plan

TODAY = dt.date(2023, 6, 15)
EB, SAA = "eb-2023.txt", "saa-2020.txt"


def _section(source: str, n: int, heading: str, text: str) -> Chunk:
    return Chunk(
        id=f"{source}-s{n}",
        source=source,
        kind=ChunkKind.SECTION,
        text=text,
        breadcrumb=f"{source} › {heading}",
    )


def _chain(prefix: str) -> list[Goal]:
    return [
        Goal(
            key="g1",
            level=GoalLevel.KF_INRIKTNINGSMAL,
            number="1",
            title=f"{prefix} Ett Stockholm som håller samman",
        ),
        Goal(
            key="g2",
            level=GoalLevel.KF_MAL,
            number="1.3",
            title="Stöd och omsorg där behoven är störst",
            parent_key="g1",
        ),
        Goal(
            key="g3",
            level=GoalLevel.NAMNDMAL,
            title="Vuxna invånare lever ett självständigt liv",
            parent_key="g2",
        ),
        Goal(
            key="g4", level=GoalLevel.ENHETSMAL, title="Enheten erbjuder rättssäkert bistånd", parent_key="g3"
        ),
    ]


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("overview")) / "planbot.sqlite3")
    eb = plan(EB, UNIT, 2023, [], goals=_chain("EB"))
    saa = plan(SAA, OTHER_UNIT, 2020, [], district="Farsta")
    saa.glossary = [GlossaryEntry(term="TD", expansion="tjänstedesign", quote="tjänstedesign (TD)")]
    catalog.replace_document(
        eb,
        chunks=[
            _section(EB, 0, "Handläggare", "Anna Andersson\nTelefon: 08-123"),
            _section(
                EB,
                1,
                "Inledning › Enhetens uppdrag",
                "Enheten är en sammanslagen enhet av Ekonomiskt bistånd och Beroende. Enhetens primära "
                "målgrupper är invånare med beroendeproblematik eller som saknar egen försörjning.",
            ),
            _section(
                EB,
                2,
                "Inledning › Organisationsbeskrivning",
                "Enheten leds av en enhetschef med stöd av tre biträdande enhetschefer. "
                "Lokalerna ligger centralt.",
            ),
            _section(
                EB,
                3,
                "Inledning › Utvecklingsområden 2023",
                "Barnrätt är fortsatt viktigt. Under 2023 kommer enheten att se över alla rutiner.",
            ),
            Chunk(
                id=f"{EB}-s3b",
                source=EB,
                kind=ChunkKind.SECTION,
                text="- Barnrätt i alla ärenden. Det gäller alla hushåll.\n- Minskad hemlöshet i stadsdelen.",
                breadcrumb=f"{EB} › Inledning › Utvecklingsområden 2023",
            ),
            _section(
                EB,
                4,
                "Inledning",
                "Planen bygger på stadsdelens nämndmål som i sin tur utgår från "
                "kommunfullmäktiges inriktningsmål.",
            ),
            _section(
                EB,
                5,
                "Inledning › Roller",
                "Roller:\n\ne Case- managers: ansvarar för stadsdelens arbetsmarknadsinsatser.\n"
                "Enhetschef: Anna Andersson\n\nEnheten har även en FUT-handläggare som arbetar med "
                "felaktiga utbetalningar och internkontroller.",
            ),
            _section(
                EB,
                6,
                "Inledning › Arbetsgrupper",
                "Enheten har tre team.\n\n- Team 1 (mottagning)\n- Team 2 (rehab)\n- Team 3 (unga vuxna)",
            ),
            *chunks_for(eb),
        ],
        path=None,
    )
    catalog.replace_document(
        saa,
        chunks=[
            _section(
                SAA,
                0,
                "Verksamhetside",
                "Stöd- och aktivitetsenheten utför insatser till personer med psykisk funktionsnedsättning. "
                "Vi arbetar med tjänstedesign (TD).",
            ),
            *chunks_for(saa),
        ],
        path=None,
    )
    return Snapshot.load(catalog)


def _ask(snap: Snapshot, question: str) -> Ask:
    reading = read_question(question, snap.metas, TODAY)
    return Ask(snap, reading, select_documents(snap, reading).sources, TODAY, lambda kind: {})


def test_a_named_unit_gets_the_sentence_of_its_introduction(snap: Snapshot) -> None:
    answer = overview_answer(_ask(snap, f"jag är ny på {UNIT}, hur är enheten organiserad?"))
    assert answer is not None and answer.kind is AnswerKind.OVERVIEW
    assert "tre biträdande enhetschefer" in answer.answer
    assert answer.citations[0].source == EB and "Organisationsbeskrivning" in answer.citations[0].section


def test_the_plans_own_year_tells_what_matters_now(snap: Snapshot) -> None:
    answer = overview_answer(_ask(snap, f"vad är viktigast för {UNIT} i år?"))
    assert answer is not None and "se över alla rutiner" in answer.answer


def test_no_unit_named_lists_each_units_sentence_and_asks(snap: Snapshot) -> None:
    answer = overview_answer(_ask(snap, "har precis börjat – vilka målgrupper har vi?"))
    assert answer is not None and answer.kind is AnswerKind.CLARIFY
    assert "beroendeproblematik" in answer.answer and "psykisk funktionsnedsättning" in answer.answer
    assert {c.source for c in answer.citations} == {EB, SAA} and len(answer.suggestions) == 2


def test_a_document_without_an_inledning_heading_uses_its_prose_before_the_goals(snap: Snapshot) -> None:
    assert [c.id for c in intro_chunks(snap, SAA)] == [f"{SAA}-s0"]
    assert f"{EB}-s0" not in [c.id for c in intro_chunks(snap, EB)], "the cover page is no introduction"


def test_a_vocabulary_term_is_defined_and_shown_in_use(snap: Snapshot) -> None:
    ask = _ask(snap, "vad betyder KF?")
    assert asks_vocabulary(snap, ask.reading)
    answer = vocabulary_answer(ask)
    assert answer is not None and answer.kind is AnswerKind.GLOSSARY
    assert answer.answer.startswith("**KF**: Kommunfullmäktige")
    assert answer.citations and "kommunfullmäktiges inriktningsmål" in answer.citations[0].quote


def test_a_goal_level_gets_an_example_goal_of_the_plan(snap: Snapshot) -> None:
    answer = vocabulary_answer(_ask(snap, f"vad är ett nämndmål på {UNIT}?"))
    assert answer is not None and "Vuxna invånare lever ett självständigt liv" in answer.answer
    assert any(c.source == EB for c in answer.citations)


def test_the_goal_chain_is_outlined_with_one_cited_chain(snap: Snapshot) -> None:
    answer = vocabulary_answer(_ask(snap, f"hur hänger målen ihop på {UNIT}?"))
    assert answer is not None and answer.kind is AnswerKind.GOAL
    text = answer.answer
    order = [
        text.index(label)
        for label in ("KF:s inriktningsmål", "KF:s mål för verksamhetsområdet", "Nämndmål", "Enhetsmål")
    ]
    assert order == sorted(order)
    assert "Enheten erbjuder rättssäkert bistånd" in text and "1.3" in text
    assert len(answer.citations) >= 4, "each goal of the example chain is cited"


def test_a_documents_own_definition_goes_first(snap: Snapshot) -> None:
    # "TD" is defined by a document's glossary: the glossary route answers, not the vocabulary.
    assert not asks_vocabulary(snap, read_question("vad betyder TD?", snap.metas, TODAY))


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("vad gör en FUT-handläggare?", "fut-handlaggare"),
        ("vad gör case managers hos oss i Farsta?", "case managers"),
        ("vad har en samordnare för roll?", "samordnare"),
        ("vad ansvarar enhetschefen för?", "enhetschefen"),
        ("vad gör vi på enheten?", None),  # the unit itself: an overview question
        ("vad gör man om en klient hotar?", None),
    ],
)
def test_role_questions(question: str, role: str | None) -> None:
    assert asked_role(read_question(question, [], TODAY)) == role


def test_role_names_meet_across_spacing_number_and_form() -> None:
    assert same_role("case manager", "Case- managers")
    assert same_role("fut-utredare", "FUT- utredare")
    assert same_role("socialsekreterarna", "Socialsekreterare")
    assert not same_role("enhetschef", "biträdande enhetschef")
    assert not same_role("mentor", "mentorskap för nyexaminerade förskollärare")


def test_a_role_is_answered_from_its_labelled_line_or_its_sentence(snap: Snapshot) -> None:
    listed = role_answer(_ask(snap, f"vad gör case managers på {UNIT}?"))
    assert listed is not None and listed.kind is AnswerKind.OVERVIEW
    assert listed.citations[0].quote == "Case- managers: ansvarar för stadsdelens arbetsmarknadsinsatser."
    said = role_answer(_ask(snap, "vad gör en FUT-handläggare?"))
    assert said is not None and "som arbetar med felaktiga utbetalningar" in said.answer
    assert said.citations[0].quote.startswith("Enheten har även en FUT-handläggare")


def test_a_label_line_that_names_a_person_says_nothing_about_the_role(snap: Snapshot) -> None:
    assert role_answer(_ask(snap, f"vad gör enhetschef på {UNIT}?")) is None


def test_a_list_question_also_gets_the_documents_own_list(snap: Snapshot) -> None:
    answer = overview_answer(_ask(snap, f"vilka team finns på {UNIT}?"))
    assert answer is not None and "- Team 2 (rehab)\n- Team 3 (unga vuxna)" in answer.answer
    assert len(answer.citations) == 2 and answer.citations[1].quote.startswith("- Team 1")


def test_a_list_question_gets_the_items_its_lead_sentence_opens(snap: Snapshot) -> None:
    answer = overview_answer(_ask(snap, f"vilka utvecklingsområden har {UNIT} i år?"))
    assert answer is not None and "se över alla rutiner" in answer.answer
    assert "- Barnrätt i alla ärenden.\n- Minskad hemlöshet i stadsdelen." in answer.answer
    assert "Det gäller alla hushåll" not in answer.answer, "an item is shown by its first sentence"
    items = answer.citations[-1]
    assert items.quote.startswith("- Barnrätt") and items.quote.endswith("Minskad hemlöshet i stadsdelen.")
