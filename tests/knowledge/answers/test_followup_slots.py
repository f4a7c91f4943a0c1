"""Follow-ups that change one typed slot: another year of the series just shown
(answers/followup_year.py), another row named after a row was shown (answers/followup_item.py),
the row a passage answer led with (answers/followup.py `remember`), and the document under
discussion itself (answers/followup_document.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.answer import Answer, AnswerKind, Citation, ConversationContext
from knowledge.answers.followup import remember
from knowledge.answers.followup_document import document_fact
from knowledge.answers.followup_item import carried_item
from knowledge.answers.followup_year import year_in_series
from knowledge.models import AdminKey, Chunk, ChunkKind, DocFact, FactKind
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import apply_context, read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, chunks_for, goal, ind, plan

TODAY = dt.date(2020, 6, 15)
SOURCE, OTHER = "fse-2019.txt", "eb-2020.txt"
RESULT = f"{SOURCE} › Ekonomiskt resultat"
HOMES = f"{SOURCE} › Förväntat resultat"
TABLE = (
    "Enhetens resultat visas nedan.\n\nÅr Budget (mnkr) Utfall (mnkr) Differens\n2016 115 111 +4\n\n"
    "2017 114 106 +8\n\n2018 129 133 +4\nEkonomiskt resultat vs budget 2016-2018"
)
CEILING = (
    "Kostnaderna för tillfälligt boende väntas minska.\n\n"
    "Målvärde: Kostnader för härbärge och hotell uppgår till max 625 000 kr per\nmånad (2018: 675 000 kr)."
)


def _section(source: str, n: int, breadcrumb: str, text: str) -> Chunk:
    return Chunk(id=f"{source}-s{n}", source=source, kind=ChunkKind.SECTION, text=text, breadcrumb=breadcrumb)


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("followup-year")) / "planbot.sqlite3")
    fse = plan(
        SOURCE,
        OTHER_UNIT,
        2019,
        [
            ind("Antal utförda SIP", "140", goal_key="g1"),
            ind("Antal vuxna", "Max 975"),
            ind("Antal barn", "560"),
            ind("Unga vuxna 18-24 år", "Max 91"),
            ind("Barnkonsekvensanalyser har genomförts i 80% av besluten", "80 %"),
        ],
        district="Hässelby-Vällingby",
        goals=[goal("g1", "Individer uppnår självförsörjning")],
    )
    fse.facts = [
        DocFact(
            kind=FactKind.ADMIN,
            key=AdminKey.MANAGER.value,
            label="Enhetschef",
            value="Lisa Wallin",
            quote="Lisa Wallin",
        ),
        DocFact(
            kind=FactKind.ADMIN,
            key=AdminKey.EMPLOYEES.value,
            label="Antal medarbetare",
            value="59 anställda",
            quote="59 anställda",
        ),
        DocFact(
            kind=FactKind.ADMIN,
            key=AdminKey.ADDRESS.value,
            label="Adress",
            value="Hässelby torg 20",
            quote="Hässelby torg 20",
        ),
    ]
    sections = [_section(SOURCE, 0, RESULT, TABLE), _section(SOURCE, 1, HOMES, CEILING)]
    catalog.replace_document(fse, chunks=chunks_for(fse) + sections, path=None)
    eb = plan(OTHER, UNIT, 2020, [ind("Sjukfrånvaro", "5 %")], district="Spånga-Tensta")
    catalog.replace_document(eb, chunks=chunks_for(eb), path=None)
    return Snapshot.load(catalog)


def _after(question: str, quoted: list[str], section: str = RESULT) -> ConversationContext:
    return ConversationContext(
        unit=OTHER_UNIT,
        district="Hässelby-Vällingby",
        year=2019,
        source=SOURCE,
        topic=question,
        intent="outcome",
        question=question,
        section=section,
        quoted=quoted,
        unit_named=True,
    )


def _year(snap: Snapshot, question: str, context: ConversationContext) -> Answer | None:
    asked = read_question(question, snap.metas, TODAY)
    return year_in_series(snap, asked, apply_context(asked, context), context)


def test_another_year_of_a_year_table_just_shown_is_its_line(snap: Snapshot) -> None:
    context = _after("hur gick budgeten 2018?", ["2018 129 133 +4\nEkonomiskt resultat vs budget 2016-2018"])
    for question in ("hur såg det ut 2017?", "och 2017?"):
        answer = _year(snap, question, context)
        assert answer is not None and answer.kind is AnswerKind.PASSAGES, question
        assert "2017 114 106 +8" in answer.answer and "2016 115" not in answer.answer
        assert answer.citations[0].source == SOURCE and "2017 114 106 +8" in answer.citations[0].quote
        assert "Utfall" in answer.answer  # the table's header says what the figures are


def test_the_year_before_a_figure_given_beside_it_is_read_from_the_sentence(snap: Snapshot) -> None:
    # "året innan" counts from the document's year (2019): the figure given for 2018 beside the target.
    context = _after("vad är taket för kostnader för härbärge?", [CEILING.split("\n\n")[1]], section=HOMES)
    answer = _year(snap, "vad låg det på året innan?", context)
    assert answer is not None and "2018: **675 000 kr**" in answer.answer
    assert "675 000 kr" in answer.citations[0].quote


def test_no_year_line_unless_only_the_year_changes_and_a_series_was_shown(snap: Snapshot) -> None:
    table = _after("hur gick budgeten 2018?", ["2018 129 133 +4\nEkonomiskt resultat vs budget 2016-2018"])
    assert _year(snap, "och 2015?", table) is None  # no line for that year
    assert _year(snap, "och i spånga-tensta 2017?", table) is None  # another district: the routes answer
    assert (
        _year(snap, "vilka aktiviteter om feriejobb hade enheten 2017?", table) is None
    )  # a question of its own
    prose = _after("vad gör enheten?", ["Kostnaderna för tillfälligt boende väntas minska."], section=HOMES)
    assert _year(snap, "och 2018?", prose) is None  # the text shown is no year series


def test_a_passage_answer_leading_with_an_indicator_row_leaves_that_row_under_discussion(
    snap: Snapshot,
) -> None:
    row = snap.parsed[SOURCE].indicators[0]
    citation = Citation(n=1, source=SOURCE, title="KU", section=f"{SOURCE} › Indikatorer", quote=row.row_text)
    answer = Answer(
        answer="…",
        kind=AnswerKind.PASSAGES,
        citations=[citation],
        context=ConversationContext(source=SOURCE, unit=OTHER_UNIT, intent="general"),
    )
    reading = read_question("hur många SIP ska vi göra?", snap.metas, TODAY)
    context = remember(answer, reading, ConversationContext(), snap).context
    assert (context.indicator, context.goal_key) == ("Antal utförda SIP", "g1")
    follow_up = apply_context(read_question("hur ofta mäts det?", snap.metas, TODAY), context)
    assert follow_up.sub_intent == "periodicity" and follow_up.topic == "Antal utförda SIP"


def test_another_row_named_after_a_target_read_as_a_result_replaces_the_row_shown(snap: Snapshot) -> None:
    # "vad är målvärdet för unga vuxna?" in an award application is read as asking a result (outcome),
    # but the answer showed an indicator row (the typed slot): "och för barn?" names another row, and
    # "barn" is a word of "Antal barn", only the start of "Barnkonsekvensanalyser …".
    context = _after("vad är målvärdet för unga vuxna 18-24?", [], section=HOMES).model_copy(
        update={"indicator": "Unga vuxna 18-24 år", "topic": "unga vuxna 18 24", "intent": "outcome"}
    )
    asked = read_question("och för barn?", snap.metas, TODAY)
    assert carried_item(snap, asked, apply_context(asked, context), context).topic == "Antal barn"
    bare = read_question("vad ska den ligga på?", snap.metas, TODAY)
    assert carried_item(snap, bare, apply_context(bare, context), context).topic == "Unga vuxna 18-24 år"


def test_a_follow_up_about_the_unit_behind_the_answer_gets_the_documents_own_fact(snap: Snapshot) -> None:
    context = _after("vad är taket för kostnader för härbärge?", [CEILING], section=HOMES)

    def fact(question: str, ctx: ConversationContext = context) -> Answer | None:
        return document_fact(snap, apply_context(read_question(question, snap.metas, TODAY), ctx), ctx)

    chief = fact("vem är enhetschef där?")
    assert chief is not None and chief.kind is AnswerKind.ADMIN and "**Lisa Wallin**" in chief.answer
    staff = fact("hur många anställda har dom?")
    assert staff is not None and "59 anställda" in staff.answer
    address = fact("vilken adress har dom?")
    assert address is not None and "Hässelby torg 20" in address.answer
    # "var ligger dom?" after a passage asks where the thing just read about is, not the postal address.
    assert fact("var ligger dom?") is None
    assert fact("vad är årsmålet för sjukfrånvaro där?") is None  # not an administrative field
    assert fact("vem är enhetschef på ekonomiskt bistånd i spånga-tensta?") is None  # another unit named
