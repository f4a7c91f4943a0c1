"""A routine answered from the section its heading names (knowledge/answers/procedure.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.answer import AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.procedure import routine_answer, routine_topic
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.selection import select_documents
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, plan

TODAY = dt.date(2024, 5, 2)
ROUTINE = (
    "Rutinen gäller personer som blir bostadslösa på kvällar, nätter och helger.\n\n"
    "1. Socialjouren tar emot ärendet och gör en första bedömning.\n"
    "2. Socialjouren ordnar vid behov akut boende för högst tre nätter.\n"
    "3. Mottagningen kontaktar personen nästa vardag.\n"
    "4. Boendegruppen gör en boendeutredning inom 14 dagar.\n"
    "Ansvar: Biträdande enhetschef för Boendegruppen ansvarar för att rutinen följs."
)
THREAT = (
    "Innan ett första hembesök hos en ny brukare gör boendestödjaren en riskbedömning. "
    "Om det finns en känd risk görs besöket alltid av två medarbetare. "
    "Boendestödjaren meddelar teamet när hembesöket börjar och när det är slut. "
    "Om en medarbetare blir hotad avbryts besöket och samordnaren kontaktas direkt.\n"
    "SKARPNÄCKS STADSDELSFÖRVALTNING VERKSAMHETSPLAN 2024"
)
RISKS = (
    "I samband med att verksamhetsplanen tas fram görs också en analys av risker.\n"
    "I workshopform vid APT bidrar alla medarbetare utifrån sin kunskap och sina erfarenheter\n"
    "med att:\n\n"
    "1. Identifiera, undersöka och kartlägga riskerna som förändringen kan medföra.\n\n"
    "2. Bedöma hur allvarliga de identifierade riskerna är, vi utgår från en matris.\n"
    "3. Gå igenom risknivåerna, åtgärder som behöver vidtas och vem som ansvarar för dem.\n"
    "Exempel på när vi senast använde modellen var under våren kring lokalplanering: en\n"
    "ombyggnad av receptionen för att skapa fler besöksrum.\n"
)
REPORT = (
    "När en handläggare får kännedom om att ett barn kan fara illa görs en orosanmälan samma dag. "
    "Anmälan görs skriftligt i Paraplyet och handläggaren informerar vårdnadshavaren."
)


def _section(cid: str, source: str, heading: str, text: str) -> Chunk:
    crumb = f"Plan › 4 Rutiner › {heading}"
    return Chunk(id=cid, source=source, kind=ChunkKind.SECTION, text=text, breadcrumb=crumb)


def _snapshot(tmp_path_factory: pytest.TempPathFactory, other_report: bool) -> Snapshot:
    catalog = Catalog(tmp_path_factory.mktemp("procedure") / "planbot.sqlite3")
    own = plan("vux-2024.txt", UNIT, 2024, [])
    catalog.replace_document(
        own,
        chunks=[
            _section("a1", "vux-2024.txt", "4.1 Rutin för akut hemlöshet utanför kontorstid", ROUTINE),
            _section("a2", "vux-2024.txt", "4.2 Rutin för orosanmälan när barn finns i hushållet", REPORT),
            _section("a3", "vux-2024.txt", "3 Ekonomi", "Kostnaderna följs upp varje månad av enhetschef."),
            _section("a4", "vux-2024.txt", "4.3 Rutin vid hot och våld vid hembesök", THREAT),
            _section("a5", "vux-2024.txt", "Beskriv hur ni minimerar risker i verksamheten", RISKS),
        ],
        path=None,
    )
    other = plan("saa-2024.txt", OTHER_UNIT, 2024, [], district="Farsta")
    chunks = [_section("b1", "saa-2024.txt", "Rutin för orosanmälan", REPORT)] if other_report else []
    catalog.replace_document(other, chunks=chunks, path=None)
    return Snapshot.load(catalog)


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    return _snapshot(tmp_path_factory, other_report=False)


def _answer(snap: Snapshot, question: str):  # type: ignore[no-untyped-def]
    reading = read_question(question, snap.metas, TODAY)
    sources = select_documents(snap, reading).sources
    return routine_answer(Ask(snap, reading, sources, TODAY, lambda kind: {}))


def test_routine_headings() -> None:
    assert routine_topic(_section("x", "s", "4.2 Rutin för lex Sarah", "")) == "for lex sarah"
    assert routine_topic(_section("x", "s", "Rutiner vid hot och våld", "")) == "vid hot och vald"
    assert routine_topic(_section("x", "s", "Rutinerad personal", "")) is None
    assert routine_topic(_section("x", "s", "3 Ekonomi", "")) is None


def test_the_heading_names_the_routine_and_its_steps_are_quoted_in_order(snap: Snapshot) -> None:
    # The question's words ("skriver", "nånstans", "ringa") are not in the routine's text, and
    # the passage search declined it; its heading names "orosanmälan" and "barn".
    question = "orosanmälan på ett barn, skriver vi den nånstans särskilt eller räcker det att ringa?"
    answer = _answer(snap, question)
    assert answer is not None and answer.kind is AnswerKind.ROUTINE
    assert "skriftligt i Paraplyet" in answer.answer
    assert answer.citations[0].section.endswith("4.2 Rutin för orosanmälan när barn finns i hushållet")


def test_a_whole_procedure_question_gets_every_step(snap: Snapshot) -> None:
    answer = _answer(snap, "akut hemlöshet på kvällen, hur går det till steg för steg?")
    assert answer is not None
    for step in ("högst tre nätter", "nästa vardag", "inom 14 dagar", "Ansvar: Biträdande enhetschef"):
        assert step in answer.answer


def test_a_question_about_no_routine_heading_is_left_to_the_others(snap: Snapshot) -> None:
    assert _answer(snap, "hur ofta följs kostnaderna upp?") is None
    assert _answer(snap, "hur gör vi med utskrifter?") is None


def test_two_units_routines_alike_without_a_unit_named_are_not_answered_here(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    both = _snapshot(tmp_path_factory, other_report=True)
    assert _answer(both, "hur gör vi en orosanmälan för ett barn?") is None


def test_a_short_routine_asked_about_as_such_is_quoted_whole(snap: Snapshot) -> None:
    # "hotfull" names the heading's "hot" (the adjective is made from the noun); the step that
    # answers is the routine's fourth sentence, which three sentences read in order cut off.
    answer = _answer(snap, "om en brukare blir hotfull på hembesöket, vad ska man göra?")
    assert answer is not None
    assert "avbryts besöket och samordnaren kontaktas direkt" in answer.answer
    assert "riskbedömning" in answer.answer
    assert "STADSDELSFÖRVALTNING" not in answer.answer  # a page header left in the section


def test_a_detail_question_about_a_short_routine_gets_the_whole_routine(snap: Snapshot) -> None:
    # "när" asks for one detail, but every line of the routine shares its topic: the routine is
    # quoted whole, so the detail comes with the steps around it and who owns them.
    answer = _answer(snap, "vid akut hemlöshet, när kontaktar mottagningen personen?")
    assert answer is not None
    assert "nästa vardag" in answer.answer
    assert "högst tre nätter" in answer.answer and "Ansvar: Biträdande enhetschef" in answer.answer


def test_who_and_how_soon_of_a_short_routine_are_both_quoted(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # The question's words ("lex sarah", "rapport") are in the last line, which the sentence
    # model prefers; who receives it and how soon it is decided are in the line before.
    catalog = Catalog(tmp_path_factory.mktemp("lexsarah") / "planbot.sqlite3")
    text = (
        "Alla medarbetare är skyldiga att rapportera missförhållanden i verksamheten. "
        "Rapporten lämnas till enhetschefen, som utreder och inom två veckor beslutar "
        "om händelsen ska anmälas. "
        "Allvarliga missförhållanden anmäls till IVO av förvaltningen. "
        "Enheten går igenom alla lex Sarah-rapporter på APT för att lära av dem."
    )
    catalog.replace_document(
        plan("sp-2022.txt", UNIT, 2022, []),
        chunks=[_section("c1", "sp-2022.txt", "4.3 Rutin för lex Sarah", text)],
        path=None,
    )
    answer = _answer(Snapshot.load(catalog), "vem ska ha min lex sarah rapport och hur snabbt bestäms det?")
    assert answer is not None
    assert "inom två veckor" in answer.answer and "lämnas till enhetschefen" in answer.answer


def test_a_detail_question_about_a_long_routine_gets_its_best_lines(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # A routine longer than a list may be is not quoted whole for one detail.
    catalog = Catalog(tmp_path_factory.mktemp("long") / "planbot.sqlite3")
    steps = [
        f"{n}. Introduktionsansvarig {task} tillsammans med den nyanställda och dokumenterar det i pärmen."
        for n, task in enumerate(
            (
                "visar lokalerna och larmet",
                "går igenom verksamhetsplanen",
                "bokar in utbildning i Paraplyet",
                "ordnar passerkort och dator",
                "presenterar teamen och gruppledarna",
                "planerar bredvidgång",
                "går igenom rutinen för hot och våld",
                "bokar uppföljningssamtal efter sex veckor",
                "går igenom sekretess och dokumentation",
                "lämnar över till gruppledaren",
                "samlar in synpunkter på introduktionen",
            ),
            start=1,
        )
    ]
    catalog.replace_document(
        plan("intro-2024.txt", UNIT, 2024, []),
        chunks=[_section("d1", "intro-2024.txt", "Rutin för introduktion av nyanställda", "\n".join(steps))],
        path=None,
    )
    answer = _answer(
        Snapshot.load(catalog), "vid introduktion av nyanställda, när bokas uppföljningssamtalet?"
    )
    assert answer is not None
    assert "efter sex veckor" in answer.answer
    assert "visar lokalerna" not in answer.answer or "samlar in synpunkter" not in answer.answer


WORRY = (
    "Om familjebehandlaren under en pågående insats får veta något som tyder på att ett barn kan fara "
    "illa gäller följande steg:\n"
    "1. Diskutera oron med samordnaren samma dag.\n"
    "2. Gör en orosanmälan till mottagningsgruppen senast nästa arbetsdag via e-tjänsten.\n"
    "3. Informera vårdnadshavarna om anmälan, om det inte riskerar barnets säkerhet.\n"
    "4. Dokumentera händelsen i journalen inom tre arbetsdagar.\n"
    "Ansvarig: den familjebehandlare som har insatsen."
)
ENDING = (
    "1. Håll ett avslutningssamtal med familjen där målen i genomförandeplanen gås igenom.\n"
    "2. Låt föräldrarna och barnet fylla i en enkät om hur de har upplevt stödet.\n"
    "3. Skicka slutrapporten till handläggaren inom två veckor efter den sista träffen."
)


def test_the_routine_that_holds_the_situation_wins_over_a_heading_matched_by_one_word(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # "insats" is half of the heading "Rutin för avslut av insats"; the worry about a child, the
    # insats and the steps are the other routine's, whose heading the question words otherwise.
    catalog = Catalog(tmp_path_factory.mktemp("two_routines") / "planbot.sqlite3")
    catalog.replace_document(
        plan("fam-2025.txt", UNIT, 2025, []),
        chunks=[
            _section("f1", "fam-2025.txt", "4.1 Rutin när oro uppstår under en pågående insats", WORRY),
            _section("f2", "fam-2025.txt", "4.2 Rutin för avslut av insats", ENDING),
            _section("f3", "fam-2025.txt", "3 Ekonomi", "Kostnaderna följs upp varje månad."),
            _section("f4", "fam-2025.txt", "2 Uppföljning", "Ärendet avslutas när målen är nådda."),
            _section("f5", "fam-2025.txt", "2.1 Journal", "Avslut registreras i journalen samma vecka."),
        ],
        path=None,
    )
    snap = Snapshot.load(catalog)
    question = (
        "familjebehandlare här, mitt i en insats dyker det upp nåt som gör mig orolig för ett av barnen, "
        "vad gör jag?"
    )
    answer = _answer(snap, question)
    assert answer is not None
    assert answer.citations[0].section.endswith("4.1 Rutin när oro uppstår under en pågående insats")
    assert "senast nästa arbetsdag" in answer.answer
    # A question about the ending is still answered by its heading.
    ending = _answer(snap, "hur gör vi vid avslut av en insats?")
    assert ending is not None and "avslutningssamtal" in ending.answer
