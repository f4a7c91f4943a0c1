"""List and count questions narrowed to their topic, counts stated in prose, prose lists.

Hand-built plans in a real SQLite catalog and snapshot, answered by the real Answerer (no
vector index): the rows a list shows are the rows the question is about, and a count the
document states beats the rows the parser could read.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from config import Settings
from indicators.models import GoalLevel
from knowledge.answer import Answer
from knowledge.answerer import Answerer
from knowledge.answers.list_filters import Item, read_list_question
from knowledge.answers.list_heads import asked_head, enumerates, names_members
from knowledge.answers.list_topic import topic_parts, topic_words
from knowledge.answers.prose_counts import counted_nouns
from knowledge.answers.stated_counts import document_count, stated_counts
from knowledge.models import AdminKey, Chunk, ChunkKind, DocFact, FactKind, Goal, ParsedDocument
from knowledge.retrieval.embedder import Embedder
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from tests.indicators.plans import OTHER_UNIT, UNIT, activity, chunks_for, ind, plan

TODAY = dt.date(2023, 6, 15)


def _goals() -> list[Goal]:
    return [
        Goal(key="k1", level=GoalLevel.KF_MAL, number="1.1", title="Alla ges möjlighet till ett eget jobb"),
        Goal(key="n1", level=GoalLevel.NAMNDMAL, title="Invånarna är självförsörjande", parent_key="k1"),
        Goal(key="k3", level=GoalLevel.KF_MAL, number="3.1", title="Stockholm har en budget i balans"),
        Goal(key="n3", level=GoalLevel.NAMNDMAL, title="Nämnden håller sin ram", parent_key="k3"),
        Goal(key="k5", level=GoalLevel.KF_MAL, number="3.5", title="Hög beredskap i alla verksamheter"),
        Goal(key="e5", level=GoalLevel.ENHETSMAL, title="Enheten har en hög beredskap", parent_key="k5"),
    ]


def _plan() -> ParsedDocument:
    indicators = [
        ind("Antal aspiranter som fått Stockholmsjobb", "19 st", goal_key="n1"),
        ind("Antal tillhandahållna platser för feriejobb", "360 st", goal_key="n1"),
        ind("Andel vuxna med långvarigt ekonomiskt bistånd", "1,0 %", goal_key="n1"),
        ind("Sjukfrånvaro dag 1-14", "3,5 %", goal_key="n3"),
    ]
    activities = [
        activity("Prognosuppföljning varje månad", "2023-01-01", "2023-12-31"),
        activity("Se över lokalutnyttjandet", "2023-01-01", "2023-12-31"),
        activity("Ta fram en beredskapspärm", "2023-01-01", "2023-12-31"),
        activity("Utbilda chefer i informationssäkerhet", "2023-01-01", "2023-12-31"),
        activity("Öka samverkan med jobbtorg", "2023-01-01", "2023-12-31"),
    ]
    for act, key in zip(activities, ("n3", "n3", "e5", "e5", "n1"), strict=True):
        act.goal_key = key
    return plan("eb-2023.txt", UNIT, 2023, indicators, goals=_goals(), activities=activities)


def _section(source: str, n: int, text: str) -> Chunk:
    return Chunk(id=f"{source}-s{n}", source=source, kind=ChunkKind.SECTION, text=text, breadcrumb=source)


def _answerer(tmp_path: Path, docs: list[tuple[ParsedDocument, list[str]]]) -> Answerer:
    """An Answerer over the plans, each with its prose chunks (sections) besides its rows."""
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    for parsed, prose in docs:
        src = parsed.meta.source
        chunks = chunks_for(parsed) + [_section(src, n, text) for n, text in enumerate(prose)]
        catalog.replace_document(parsed, chunks=chunks, path=None)
    snap = Snapshot.load(catalog)
    catalog.close()
    return Answerer(lambda: snap, Embedder(Settings().embedding_model), None, today=lambda: TODAY)


@pytest.fixture()
def answerer(tmp_path: Path) -> Answerer:
    other = plan("saa-2023.txt", OTHER_UNIT, 2023, [ind("Sjukfrånvaro dag 1-14", "2,5 %")])
    return _answerer(tmp_path, [(_plan(), []), (other, [])])


def _listed(answer: Answer) -> list[str]:
    """The numbered lines' texts (each line must end with its citation marker)."""
    lines = [line for line in answer.answer.split("\n") if line[:1].isdigit() and ". " in line[:4]]
    assert all(line.rstrip().endswith("]") for line in lines), lines
    return [re.sub(r" \[\d+\]$", "", line.split(". ", 1)[1].split(" (")[0]) for line in lines]


# --- reading the topic ----------------------------------------------------------------------


def test_topic_words_drop_item_and_goal_words_but_keep_a_compounds_first_part() -> None:
    assert topic_words("miljöindikatorer") == "miljö"
    assert topic_words("aktiviteterna budget balans") == "budget balans"
    assert topic_words("enhetsmålet hög beredskap") == "hög beredskap"
    assert topic_words("indikatorer") == ""


def test_topic_parts_split_at_the_questions_conjunctions() -> None:
    question = "vilka indikatorer har vi om feriejobb och stockholmsjobb"
    assert topic_parts(question, "feriejobb stockholmsjobb") == [
        "feriejobb stockholmsjobb",
        "feriejobb",
        "stockholmsjobb",
    ]
    assert topic_parts("vilka aktiviteter finns för hög beredskap", "hög beredskap") == ["hög beredskap"]
    # The pieces of a longer description are no topics of their own.
    long = "vilka aktiviteter har vi för att klienterna ska bli delaktiga och självförsörjande"
    assert topic_parts(long, "klienterna bli delaktiga självförsörjande") == [
        "klienterna bli delaktiga självförsörjande"
    ]


def test_compound_item_nouns_are_list_questions() -> None:
    query = read_list_question("vilka miljöindikatorer har vi?", None)
    assert query is not None and query.item is Item.INDICATOR
    counted = read_list_question("hur många arbetsmiljöaktiviteter finns det?", None)
    assert counted is not None and counted.item is Item.ACTIVITY


# --- narrowing rows ---------------------------------------------------------------------------


def test_indicators_about_a_topic_of_two_parts_are_the_rows_about_either(answerer: Answerer) -> None:
    answer = answerer.answer("vilka indikatorer har vi om feriejobb och stockholmsjobb?")
    assert answer.kind == "list"
    assert _listed(answer) == [
        "Antal aspiranter som fått Stockholmsjobb",
        "Antal tillhandahållna platser för feriejobb",
    ]
    assert all(c.source == "eb-2023.txt" for c in answer.citations)


def test_activities_for_a_goal_described_in_words_are_the_goals_rows(answerer: Answerer) -> None:
    answer = answerer.answer(f"vilka aktiviteter finns för budget i balans på {UNIT}?")
    assert answer.kind == "list"
    assert _listed(answer) == ["Prognosuppföljning varje månad", "Se över lokalutnyttjandet"]
    assert "Stockholm har en budget i balans" in answer.answer.split("\n")[0]


def test_count_under_a_goal_described_in_words(answerer: Answerer) -> None:
    answer = answerer.answer("hur många aktiviteter har enhetsmålet om hög beredskap?")
    assert answer.kind == "count"
    assert " har 2 aktiviteter under " in answer.answer.split("\n")[0]
    assert _listed(answer) == ["Ta fram en beredskapspärm", "Utbilda chefer i informationssäkerhet"]


def test_a_topic_that_matches_nothing_leaves_the_list_whole(answerer: Answerer) -> None:
    answer = answerer.answer(f"vilka indikatorer har {UNIT} om kattvård?")
    assert answer.kind == "list"
    assert len(_listed(answer)) == 4


# --- counts stated in prose ---------------------------------------------------------------------


def test_stated_counts_read_digits_and_number_words() -> None:
    chunks = [
        _section("a", 0, "Resultatet blev en verksamhetsplan med följande tio mål. Mål vi kan påverka."),
        _section("a", 1, "Eftersom vi har 10 enhetsmål, beskrivs de första fem målen närmare."),
        Chunk(id="a-g0", source="a", kind=ChunkKind.GOAL, text="3 mål i en tabell", breadcrumb="a"),
    ]
    found = stated_counts(chunks, ("enhetsmal", "mal"))
    assert [c.number for c in found] == [10, 10]  # 'de första fem målen' is no total
    best = document_count(found)
    assert best is not None and best.number == 10 and best.sentence.startswith("Resultatet blev")
    assert document_count(stated_counts(chunks, ("indikatorer",))) is None


def test_a_count_the_document_states_beats_the_rows_it_could_read(tmp_path: Path) -> None:
    goals = [
        Goal(key="e1", level=GoalLevel.ENHETSMAL, title="Fler försörjer sig själva"),
        Goal(key="e2", level=GoalLevel.ENHETSMAL, title="Hög tillgänglighet"),
    ]
    parsed = plan("ku-2019.txt", UNIT, 2019, [], goals=goals)
    prose = ["Resultatet blev en verksamhetsplan med följande tio mål."]
    answerer = _answerer(tmp_path, [(parsed, prose)])
    answer = answerer.answer(f"hur många enhetsmål har {UNIT}?")
    assert answer.kind == "count"
    assert "har 10 enhetsmål enligt texten [1]" in answer.answer
    assert answer.citations[0].quote == "Resultatet blev en verksamhetsplan med följande tio mål."
    assert len(_listed(answer)) == 2  # the rows found are shown under the stated figure


def test_rows_are_counted_when_the_text_states_no_more(tmp_path: Path) -> None:
    goals = [Goal(key=f"e{n}", level=GoalLevel.ENHETSMAL, title=f"Mål nummer {n}") for n in range(3)]
    parsed = plan("vp.txt", UNIT, 2023, [], goals=goals)
    answerer = _answerer(tmp_path, [(parsed, ["Enheten har tre mål som alla följs upp."])])
    answer = answerer.answer(f"hur många enhetsmål har {UNIT}?")
    assert "har 3 enhetsmål:" in answer.answer and "enligt texten" not in answer.answer


# --- prose lists ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("vilka lagar styr vårt arbete?", "lag"),
        ("Vilka insatser kan våldsutsatta få?", "insats"),
        ("vilka olika metoder använder vi?", "metod"),
        ("vad finns det för arbetsplatsträffar?", "arbetsplatstraff"),
        ("vilka indikatorer har vi?", None),
        ("vilka är våra mål?", None),
        ("vad är årsmålet?", None),
    ],
)
def test_asked_head(question: str, head: str | None) -> None:
    assert asked_head(question) == head


def test_enumerates_a_series_a_lead_with_items_and_a_series_named_after() -> None:
    laws = "Verksamheten styrs av socialtjänstlagen (SoL), förvaltningslagen, kommunallagen och OSL."
    assert enumerates(laws, "lag")
    lead = "Verksamhetsplanen är behandlad på nedanstående arbetsplatsträffar:\n- NP-teamet\n- Boendestödet\n"
    assert enumerates(lead, "arbetsplatstraff")
    after = "Enheten arbetar enligt MI-andan, återhämtningsinriktat och med lågaffektivt bemötande. " + (
        "Alla tre är evidensbaserade metoder."
    )
    assert enumerates(after, "metod")
    # The noun is there, but what follows it is a series of something else.
    other = "Medarbetarna får metoder för att stötta till självständighet, delaktighet och återhämtning."
    assert not enumerates(other, "metod")
    assert not enumerates("Insatser ges till den som behöver dem.", "insats")


# --- administrative and budget answers keep to their questions -----------------------------------------


def _admin_plan() -> ParsedDocument:
    parsed = plan("saa.txt", OTHER_UNIT, 2020, [])
    parsed.facts = [
        DocFact(
            kind=FactKind.ADMIN,
            key=AdminKey.EMPLOYEES.value,
            label="Antal medarbetare",
            value="55 medarbetare",
            value_num=55,
            quote="Enheten har totalt 55 medarbetare.",
        ),
        DocFact(
            kind=FactKind.ADMIN,
            key=AdminKey.MANAGER.value,
            label="Enhetschef",
            value="Karin Berg",
            quote="Enhetschef: Karin Berg",
        ),
        DocFact(
            kind=FactKind.BUDGET,
            key="Summa kostnader",
            label="Summa kostnader",
            value="27 310",
            columns={"Budget": "27 310"},
            year=2020,
            measure="tkr",
            quote="Summa kostnader\t27 310",
        ),
    ]
    return parsed


def test_a_named_place_inside_the_unit_is_not_the_units_staff(tmp_path: Path) -> None:
    prose = ["Träfflokalen **Kravatten** är en öppen mötesplats. Där arbetar tre medarbetare."]
    answerer = _answerer(tmp_path, [(_admin_plan(), prose)])
    assert answerer.answer("hur många jobbar på kravatten?").kind != "admin"
    unit = answerer.answer(f"hur många jobbar på {OTHER_UNIT}?")
    assert unit.kind == "admin" and "**55 medarbetare**" in unit.answer


def test_a_count_question_is_not_answered_with_the_managers_name(tmp_path: Path) -> None:
    answerer = _answerer(tmp_path, [(_admin_plan(), [])])
    answer = answerer.answer("hur många direkt underställda har enhetschefen?")
    assert "Karin Berg" not in answer.answer
    assert "**Karin Berg**" in answerer.answer("vem är enhetschef?").answer


def test_a_list_of_activities_about_the_budget_is_no_budget_answer(tmp_path: Path) -> None:
    parsed = _admin_plan()
    parsed.goals = [Goal(key="k3", level=GoalLevel.KF_MAL, number="3.1", title="En budget i balans")]
    parsed.activities = [activity("Prognosuppföljning", "2020-01-01", "2020-12-31")]
    parsed.activities[0].goal_key = "k3"
    answerer = _answerer(tmp_path, [(parsed, [])])
    answer = answerer.answer("vilka aktiviteter finns för budget i balans?")
    assert answer.kind != "budget"
    assert "Prognosuppföljning" in answer.answer


# --- counts written in prose ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "heads"),
    [
        ("hur många biträdande enhetschefer har vi?", ["bitradande", "enhetschefer"]),
        (
            "ungefär hur många deltagare besöker träfflokalen Tora?",
            ["deltagare", "besoker", "trafflokalen", "tora"],
        ),
        ("hur många olika handledare använder enheten?", ["handledare", "anvander", "enheten"]),
        ("hur många gånger träffades VP-gruppen?", []),
        ("hur många procent har ekonomiskt bistånd?", []),
        ("hur många jobbar på Kravatten?", ["medarbetare"]),
        ("hur många indikatorer har vi?", []),
    ],
)
def test_counted_nouns(question: str, heads: list[str]) -> None:
    assert [head for head, _ in counted_nouns(question)] == heads


def _prose_plans() -> list[tuple[ParsedDocument, list[str]]]:
    return [
        (
            plan("eb.txt", UNIT, 2023, []),
            [
                "Ansvarig biträdande enhetschef har möten en gång per månad.",
                "Enheten leds av en enhetschef med stöd av tre biträdande enhetschefer.",
            ],
        ),
        (
            plan("saa.txt", OTHER_UNIT, 2020, []),
            [
                "Enheten leds av enhetschef tillsammans med fyra biträdande enhetschefer.",
                "Triangelns profilboende består av tio lägenheter. Stadsdelen har 21 träningslägenheter.",
            ],
        ),
    ]


def test_a_count_in_prose_is_the_number_before_the_noun(tmp_path: Path) -> None:
    answerer = _answerer(tmp_path, _prose_plans())
    named = answerer.answer(f"hur många biträdande enhetschefer har {UNIT}?")
    assert "tre biträdande enhetschefer" in named.answer and "en gång per månad" not in named.answer
    assert (
        named.citations[0].quote == "Enheten leds av en enhetschef med stöd av tre biträdande enhetschefer."
    )
    place = answerer.answer("hur många lägenheter finns på Triangelns profilboende?")
    assert "tio lägenheter" in place.answer and "21" not in place.answer


def test_several_units_counting_the_same_thing_are_shown_and_asked(tmp_path: Path) -> None:
    answer = _answerer(tmp_path, _prose_plans()).answer("hur många biträdande enhetschefer har vi?")
    assert answer.kind == "clarify"
    assert "tre biträdande" in answer.answer and "fyra biträdande" in answer.answer
    assert {c.source for c in answer.citations} == {"eb.txt", "saa.txt"}


def test_staff_of_a_place_inside_the_unit_is_counted_in_prose(
    tmp_path: Path,
) -> None:
    parsed = _admin_plan()
    prose = [
        "Boendestödet består av 13 medarbetare. Kravatten ligger i Telefonplan. "
        "Där arbetar tre medarbetare, två kvinnor och en man."
    ]
    answer = _answerer(tmp_path, [(parsed, prose)]).answer("hur många jobbar på kravatten?")
    assert answer.kind != "admin" and "tre medarbetare" in answer.answer and "13" not in answer.answer
    assert answer.citations[0].quote.startswith("Kravatten ligger i Telefonplan.")


def test_a_count_of_a_list_the_text_does_not_number_is_its_items(tmp_path: Path) -> None:
    prose = [
        "Verksamhetsplanen är behandlad på nedanstående arbetsplatsträffar:\n\n"
        "- NP-teamet, 29 januari\n- Boendestödet, 17 februari\n- Träfflokalerna,\n"
        "sysselsättningen och caféet, 26 februari\n\nVi ses igen i höst."
    ]
    answer = _answerer(tmp_path, [(plan("saa.txt", OTHER_UNIT, 2020, []), prose)]).answer(
        "hur många arbetsplatsträffar har behandlat verksamhetsplanen?"
    )
    # A wrapped item is one item, and the count says what it counted, in the question's word.
    assert answer.answer.split("\n\n", 1)[1].startswith("**3** arbetsplatsträffar (räknat i texten nedan):")
    assert answer.citations[0].quote.endswith("caféet, 26 februari")


def test_goals_of_a_level_narrowed_by_their_title_or_by_the_goal_above(tmp_path: Path) -> None:
    goals = [
        *_goals(),
        Goal(key="e1", level=GoalLevel.ENHETSMAL, title="Fler klienter får ett jobb", parent_key="n1"),
        Goal(key="e2", level=GoalLevel.ENHETSMAL, title="Unga får feriejobb", parent_key="n1"),
        Goal(key="e3", level=GoalLevel.ENHETSMAL, title="Enheten har god arbetsmiljö", parent_key="n3"),
    ]
    answerer = _answerer(tmp_path, [(plan("eb.txt", UNIT, 2023, [], goals=goals), [])])
    about = answerer.answer("vilka enhetsmål handlar om arbetsmiljö?")
    assert _listed(about) == ["Enhetsmål: Enheten har god arbetsmiljö"]
    under = answerer.answer(
        "hur många enhetsmål finns under nämndmålet om att invånarna är självförsörjande?"
    )
    assert " har 2 enhetsmål under " in under.answer.split("\n")[0]
    assert _listed(under) == ["Enhetsmål: Fler klienter får ett jobb", "Enhetsmål: Unga får feriejobb"]


def test_names_members_wants_the_kinds_members_not_any_series() -> None:
    assert names_members(
        "Verksamheten styrs av socialtjänstlagen, förvaltningslagen och kommunallagen.", "lag"
    )
    assert names_members(
        "Insatser som beviljas är råd och stöd, samtalsstöd, skyddat boende samt boenden.", "insats"
    )
    assert names_members(
        "Vi arbetar med MI, återhämtning och lågaffektivt bemötande. Alla tre är metoder.", "metod"
    )
    staff = "Varje team har en målgrupp. Sammanlagt har teamen 36 handläggare, sju chefer, en kurator."
    assert not names_members(staff, "team")


def test_a_list_in_prose_answers_and_each_unit_is_shown_when_none_is_named(tmp_path: Path) -> None:
    docs = [
        (
            plan("eb.txt", UNIT, 2023, []),
            ["Verksamheten styrs av socialtjänstlagen (SoL), förvaltningslagen, OSL och LVM."],
        ),
        (
            plan("saa.txt", OTHER_UNIT, 2020, []),
            ["Enheten styrs av socialtjänstlagen, hälso- och sjukvårdslagen, arbetsmiljölagen."],
        ),
    ]
    answerer = _answerer(tmp_path, docs)
    named = answerer.answer(f"vilka lagar styr {OTHER_UNIT}?")
    assert "arbetsmiljölagen" in named.answer and named.citations[0].source == "saa.txt"
    unnamed = answerer.answer("vilka lagar styr vårt arbete?")
    assert unnamed.kind == "clarify" and {c.source for c in unnamed.citations} == {"eb.txt", "saa.txt"}


def test_each_part_of_an_enumerated_topic_keeps_its_own_rows(tmp_path: Path) -> None:
    acts = [
        activity("Verksamheterna ska minska användningen av plast.", "2020-01-01", "2020-12-31"),
        activity(
            "Verksamheterna ska arbeta aktivt för att minska energiförbrukningen.", "2020-01-01", "2020-12-31"
        ),
        activity("Prognosuppföljning", "2020-01-01", "2020-12-31"),
    ]
    answerer = _answerer(tmp_path, [(plan("saa.txt", OTHER_UNIT, 2020, [], activities=acts), [])])
    answer = answerer.answer("vilka aktiviteter har vi för att minska plast och energi?")
    assert _listed(answer) == [a.text for a in acts[:2]]


def test_the_levels_own_name_is_no_topic_of_a_goal_count(answerer: Answerer) -> None:
    # "verksamhetsområdet" is part of the level's name "KF:s mål för verksamhetsområdet", not a
    # topic: the goal titled "… i alla verksamheter" must not be the only one counted.
    answer = answerer.answer("hur manga kf-mal for verksamhetsomradet finns det?")
    assert " har 3 " in answer.answer.split("\n")[0]
