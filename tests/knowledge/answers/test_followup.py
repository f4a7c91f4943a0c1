"""Follow-ups about the passage just quoted (knowledge/answers/followup.py) on hand-built plans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indicators.models import GoalLevel
from knowledge.answer import Answer, AnswerKind, Citation, ConversationContext
from knowledge.answers.followup import goal_items, in_context, remember, starts_afresh
from knowledge.answers.followup_quoted import from_quoted
from knowledge.models import Chunk, ChunkKind
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import apply_context, read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, activity, chunks_for, goal, ind, plan

TODAY = dt.date(2020, 6, 15)
SOURCE, OTHER = "saa-2020.txt", "eb-2020.txt"
PLACES = f"{SOURCE} › Inledning › Verksamhetsbeskrivning"
FOLLOW_UP = f"{SOURCE} › Mål › Uppföljning"


def _section(source: str, n: int, breadcrumb: str, text: str) -> Chunk:
    return Chunk(id=f"{source}-s{n}", source=source, kind=ChunkKind.SECTION, text=text, breadcrumb=breadcrumb)


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("followup")) / "planbot.sqlite3")
    goals = [
        goal("g1", "Medarbetare ges goda förutsättningar", GoalLevel.KF_MAL),
        goal("g2", "Enheten är en god arbetsgivare").model_copy(update={"parent_key": "g1"}),
        goal("g3", "Brukarna lever ett självständigt liv"),
    ]
    activities = [
        activity("Enheten identifierar friskfaktorer", "2020-01-01", "2020-12-31").model_copy(
            update={"goal_key": "g2"}
        ),
        activity("Uppdatera kunskapen om hjälpmedel", "2020-01-01", "2020-12-31").model_copy(
            update={"goal_key": "g3"}
        ),
    ]
    saa = plan(
        SOURCE,
        OTHER_UNIT,
        2020,
        [ind("Sjukfrånvaro", "7,5 %", goal_key="g1"), ind("Andel nöjda brukare", "90 %", goal_key="g3")],
        district="Hägersten-Liljeholmen",
        goals=goals,
        activities=activities,
    )
    sections = [
        _section(
            SOURCE,
            0,
            PLACES,
            "Droppen/Bruket, som ligger i Västertorp, producerar och säljer olika varor. "
            "Café Droppen är ett café som sköts av brukarna.\n\n"
            "Hägergruppen, som ligger i Fruängen, arbetar med hantverk och keramik. "
            "Hägergruppen gör utflykter varje månad.",
        ),
        _section(
            SOURCE, 1, FOLLOW_UP, "Budgeten följs upp månadsvis av enhetschefen. Prognosen läggs i april."
        ),
    ]
    catalog.replace_document(saa, chunks=chunks_for(saa) + sections, path=None)
    eb = plan(OTHER, UNIT, 2020, [ind("Sjukfrånvaro", "5 %")], district="Spånga-Tensta")
    other = [_section(OTHER, 0, f"{OTHER} › Lokaler", "Enheten ligger i Tensta centrum och har ett café.")]
    catalog.replace_document(eb, chunks=chunks_for(eb) + other, path=None)
    return Snapshot.load(catalog)


def _after(question: str, section: str = PLACES) -> ConversationContext:
    return ConversationContext(
        unit=OTHER_UNIT,
        district="Hägersten-Liljeholmen",
        year=2020,
        source=SOURCE,
        topic=question,
        intent="general",
        question=question,
        section=section,
    )


def _follow(snap: Snapshot, question: str, context: ConversationContext) -> Answer | None:
    reading = apply_context(read_question(question, snap.metas, TODAY), context)
    return in_context(snap, reading, context)


def test_an_attribute_of_the_subject_just_quoted_is_found_in_its_paragraph(snap: Snapshot) -> None:
    answer = _follow(snap, "och var ligger de?", _after("vad gör Droppen/Bruket?"))
    assert answer is not None and answer.kind is AnswerKind.PASSAGES
    assert "ligger i Västertorp" in answer.answer and "Fruängen" not in answer.answer
    assert [c.source for c in answer.citations] == [SOURCE]
    assert "ligger i Västertorp" in answer.citations[0].quote


def test_a_new_subject_gets_the_detail_the_previous_question_asked(snap: Snapshot) -> None:
    answer = _follow(snap, "och Hägergruppen då?", _after("var ligger Droppen/Bruket?"))
    assert answer is not None and "ligger i Fruängen" in answer.answer


def test_a_how_followed_question_finds_the_follow_up_of_the_subject(snap: Snapshot) -> None:
    answer = _follow(snap, "och hur följs det upp?", _after("hur stor är budgeten?", section=PLACES))
    assert answer is not None and "månadsvis" in answer.answer


def test_the_other_unit_is_never_searched(snap: Snapshot) -> None:
    # "café" occurs in both plans; the conversation is about the first one.
    answer = _follow(snap, "finns det ett café där?", _after("vad gör Droppen/Bruket?"))
    assert answer is not None and "Café Droppen" in answer.answer and "Tensta" not in answer.answer


def test_no_answer_when_it_is_not_such_a_follow_up(snap: Snapshot) -> None:
    context = _after("vad gör Droppen/Bruket?")
    assert _follow(snap, "och för Spånga-Tensta?", context) is None  # another district: the routes answer
    assert _follow(snap, "vad är årsmålet för sjukfrånvaro?", context) is None  # a full question
    assert _follow(snap, "och var ligger de?", context.model_copy(update={"section": None})) is None
    assert _follow(snap, "och hur många medarbetare har de?", context) is None  # not in the paragraph


def _answer(kind: AnswerKind, section: str) -> Answer:
    citation = Citation(n=1, source=SOURCE, title="VP", section=section, quote="x")
    return Answer(
        answer="…",
        kind=kind,
        citations=[citation],
        context=ConversationContext(source=SOURCE, unit=OTHER_UNIT),
    )


def test_remember_keeps_the_question_and_the_quoted_prose_section(snap: Snapshot) -> None:
    reading = read_question("var ligger Hägergruppen?", snap.metas, TODAY)
    answer = remember(_answer(AnswerKind.PASSAGES, PLACES), reading, ConversationContext())
    assert answer.context.question == "var ligger Hägergruppen?" and answer.context.section == PLACES
    table = remember(_answer(AnswerKind.INDICATOR, f"{SOURCE} › Indikatorer"), reading, ConversationContext())
    assert table.context.question == "var ligger Hägergruppen?" and table.context.section is None
    # What the user just read: the prose quoted, not a table row (answers/followup_quoted.py).
    assert answer.context.quoted == ["x"] and table.context.quoted == []


def test_an_administrative_fact_is_prose_a_follow_up_looks_in(snap: Snapshot) -> None:
    # "hur många medarbetare har enheten?" quotes the sentence that also says how many are men:
    # "och hur många av dom är män?" is looked up where the fact was quoted.
    reading = read_question("vad gör Droppen/Bruket?", snap.metas, TODAY)
    admin = remember(_answer(AnswerKind.ADMIN, PLACES), reading, ConversationContext())
    assert admin.context.section == PLACES and admin.context.question == "vad gör Droppen/Bruket?"
    answer = _follow(snap, "och var ligger de?", admin.context.model_copy(update={"intent": "organisation"}))
    assert answer is not None and "ligger i Västertorp" in answer.answer


def test_remember_keeps_the_earlier_question_after_a_follow_up_without_a_subject(snap: Snapshot) -> None:
    before = _after("var ligger Hägergruppen?")
    reading = apply_context(read_question("hur följs det upp?", snap.metas, TODAY), before)
    answer = remember(_answer(AnswerKind.PASSAGES, FOLLOW_UP), reading, before)
    assert answer.context.question == "var ligger Hägergruppen?"
    reading = apply_context(read_question("och Tora då?", snap.metas, TODAY), before)
    assert remember(_answer(AnswerKind.PASSAGES, PLACES), reading, before).context.question == "och Tora då?"


def test_a_decline_leaves_the_conversation_where_it_was(snap: Snapshot) -> None:
    # The user rephrases or asks on about the same unit: a turn that found nothing keeps the context.
    reading = read_question("var ligger Hägergruppen?", snap.metas, TODAY)
    answer = Answer(answer="Jag hittar inget svar", kind=AnswerKind.NOT_FOUND)
    assert remember(answer, reading, _after("x")).context == _after("x")
    # Nothing to keep at the start of a conversation, and other answers without a document keep nothing.
    answer = Answer(answer="Jag hittar inget svar", kind=AnswerKind.NOT_FOUND)
    assert remember(answer, reading, ConversationContext()).context == ConversationContext()
    invalid = Answer(answer="Skriv en fråga", kind=AnswerKind.INVALID)
    assert remember(invalid, reading, _after("x")).context == ConversationContext()


def test_remember_keeps_the_table_row_an_answer_cites_whichever_route_found_it(snap: Snapshot) -> None:
    # The ranked pool's answers name no indicator in their context: the cited row does.
    row = snap.parsed[SOURCE].indicators[0]
    citation = Citation(n=1, source=SOURCE, title="VP", section=f"{SOURCE} › Indikatorer", quote=row.row_text)
    answer = Answer(
        answer="…",
        kind=AnswerKind.INDICATOR,
        citations=[citation],
        context=ConversationContext(source=SOURCE, unit=OTHER_UNIT, intent="general"),
    )
    reading = read_question("hur ser det ut med sjukfrånvaron?", snap.metas, TODAY)
    context = remember(answer, reading, ConversationContext(), snap).context
    assert (context.indicator, context.goal_key, context.section) == ("Sjukfrånvaro", "g1", None)
    follow_up = apply_context(read_question("hur ofta mäts den?", snap.metas, TODAY), context)
    assert follow_up.sub_intent == "periodicity" and follow_up.topic == "Sjukfrånvaro"


def test_the_items_of_the_goal_under_discussion_are_listed(snap: Snapshot) -> None:
    # After the sick-leave indicator (goal g1, a KF goal): its goal's activities, those of the
    # goals under it included, and not another goal's.
    after = ConversationContext(
        unit=OTHER_UNIT, year=2020, source=SOURCE, indicator="Sjukfrånvaro", goal_key="g1", intent="indicator"
    )
    reading = apply_context(read_question("vilka aktiviteter hör till samma mål?", snap.metas, TODAY), after)
    answer = goal_items(snap, reading, after)
    assert answer is not None and answer.kind is AnswerKind.ACTIVITY
    assert "friskfaktorer" in answer.answer and "hjälpmedel" not in answer.answer
    assert answer.context.goal_key == "g1"
    reading = apply_context(read_question("och vilka indikatorer har det målet?", snap.metas, TODAY), after)
    listed = goal_items(snap, reading, after)
    assert listed is not None and "Sjukfrånvaro" in listed.answer and "nöjda brukare" not in listed.answer


def test_no_goal_items_without_a_goal_carried_over(snap: Snapshot) -> None:
    after = ConversationContext(unit=OTHER_UNIT, year=2020, source=SOURCE, goal_key="g1", intent="indicator")
    reading = apply_context(read_question("vilka aktiviteter har ni?", snap.metas, TODAY), after)
    assert goal_items(snap, reading, after) is None  # all of the unit's activities: the routes answer


# -- session 5: what an answer leaves behind, and prose follow-ups by synonym, subject and section

MEALS = f"{SOURCE} › Inledning › Verksamhetsbeskrivning"
TERMS, TERMS_AGAIN = (
    f"{SOURCE} › Vanligt förekommande termer",
    f"{SOURCE} › Inledning › Vanligt förekommande termer",
)
WAYS = f"{SOURCE} › Enhetsmål: Hög tillgänglighet › Arbetssätt"
CHECKS = f"{SOURCE} › Enhetsmål: Hög tillgänglighet › Uppföljning"
RESOURCES = f"{SOURCE} › Enhetsmål: Hög tillgänglighet › Resursanvändning"
SALES = f"{SOURCE} › Sysselsättning"


@pytest.fixture(scope="module")
def prose(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("followup-prose")) / "planbot.sqlite3")
    saa = plan(
        SOURCE,
        OTHER_UNIT,
        2020,
        [ind("Sjukfrånvaro", "7,5 %"), ind("Andel nöjda brukare", "90 %")],
        district="Hägersten-Liljeholmen",
        activities=[activity("Tora och Kravatten samordnas i en lokal", "2020-01-01", "2020-03-31")],
    )
    sections = [
        _section(
            SOURCE,
            0,
            MEALS,
            "Tora är en kombinerad aktivitets- och träfflokal. På Tora erbjuds även gemensam frukost och "
            "lunch. Tora ligger i Örnberg.\n\n"
            "Kyrkogatans gruppboende är ett trivsamt ställe med lunch varje dag. Det finns 22 lägenheter.\n\n"
            "Hägergruppen, som ligger i Fruängen, arbetar med hantverk och keramik. Hägergruppen gör "
            "utflykter varje månad.",
        ),
        _section(SOURCE, 1, TERMS, "IB: initial bedömning"),
        _section(SOURCE, 2, TERMS_AGAIN, "SHIS: stiftelsen hotellhem i Stockholms stad"),
        _section(
            SOURCE,
            3,
            f"{SOURCE} › Resultat",
            "Många fick bostad genom SHIS i Hässelby. Resultatet i Hässelby var gott.",
        ),
        _section(SOURCE, 4, WAYS, "Väntetiderna för nybesök är korta. Klagomål följs upp och åtgärdas."),
        _section(SOURCE, 5, CHECKS, "Väntetiderna för nybesök följs upp veckovis av chefen."),
        _section(SOURCE, 6, f"{SOURCE} › Samverkan", "Fler fick bostad genom samverkan med hyresvärdar."),
        _section(SOURCE, 7, f"{SOURCE} › Utfall", "Många fick bostad med stöd av hyresvärdar i år."),
        _section(
            SOURCE,
            10,
            SALES,
            "Droppen säljer marmelad i sitt café.\n\n"
            "Kravatten är en träfflokal i Telefonplan. Försäljning av varorna från Kravatten sker i "
            "Gröna Liljans affär.",
        ),
        _section(SOURCE, 8, RESOURCES, "Ansvarig är biträdande enhetschef. Uppföljning månadsvis."),
        _section(
            SOURCE,
            9,
            f"{SOURCE} › Ekonomi",
            "Enheten visade ett överskott om fyra miljoner kronor. En anledning till överskottet var "
            "statsbidrag för nyanlända. Budgeten för året är 129 miljoner.",
        ),
    ]
    catalog.replace_document(saa, chunks=chunks_for(saa) + sections, path=None)
    return Snapshot.load(catalog)


def _prose_after(question: str, section: str, sections: list[str] | None = None) -> ConversationContext:
    return _after(question, section).model_copy(update={"sections": sections or []})


def test_a_synonym_of_the_asked_word_counts_and_the_named_subject_decides(prose: Snapshot) -> None:
    # "äta" is in the thesaurus as frukost/lunch/middag; the paragraph must be about Tora, not the
    # one that says "äter" about another house.
    answer = _follow(prose, "kan man äta där?", _after("vad är Tora för trivsamt ställe?", MEALS))
    assert answer is not None and "frukost och lunch" in answer.answer and "Kyrkogatans" not in answer.answer


def test_a_follow_up_without_words_of_its_own_gets_the_opening_about_the_subject(prose: Snapshot) -> None:
    answer = _follow(prose, "och vad gör de där?", _after("var ligger Hägergruppen?", MEALS))
    assert answer is not None and "hantverk och keramik" in answer.answer
    # Without a subject named by name there is nothing to tell more about.
    assert _follow(prose, "och vad gör de där?", _after("var ligger det?", MEALS)) is None


def test_the_same_heading_under_another_path_is_the_section_just_quoted(prose: Snapshot) -> None:
    answer = _follow(prose, "och SHIS?", _after("vad betyder IB i Hässelbys kvalitetsutmärkelse?", TERMS))
    assert answer is not None and "stiftelsen hotellhem" in answer.answer


def test_hur_följs_det_upp_is_answered_from_the_goals_uppföljning(prose: Snapshot) -> None:
    answer = _follow(prose, "hur följs det upp?", _after("vad är målet för nybesök?", WAYS))
    assert answer is not None and "veckovis" in answer.answer


def test_every_quoted_section_is_looked_in_the_first_most(prose: Snapshot) -> None:
    # Two paragraphs hold the asked word and the subject alike; the one in the section the answer
    # quoted second wins over one it did not quote.
    context = _prose_after("hur många fick bostad?", MEALS, [f"{SOURCE} › Utfall"])
    answer = _follow(prose, "och hyresvärdarna?", context)
    assert answer is not None and "Många fick bostad" in answer.answer


def _cite(row_text: str, section: str, n: int) -> Citation:
    return Citation(n=n, source=SOURCE, title="VP", section=section, quote=row_text)


def test_remember_keeps_the_listed_items_in_order_and_the_activity_cited(prose: Snapshot) -> None:
    rows = prose.parsed[SOURCE].indicators
    listed = Answer(
        answer="1. … 2. …",
        kind=AnswerKind.LIST,
        citations=[_cite(r.row_text, f"{SOURCE} › Indikatorer", k + 1) for k, r in enumerate(rows)],
        context=ConversationContext(source=SOURCE, unit=OTHER_UNIT, intent="indicator"),
    )
    reading = read_question("vilka indikatorer har vi?", prose.metas, TODAY)
    context = remember(listed, reading, ConversationContext(), prose).context
    assert context.items == ["Sjukfrånvaro", "Andel nöjda brukare"]
    follow_up = apply_context(read_question("vad är årsmålet för den andra?", prose.metas, TODAY), context)
    assert follow_up.topic == "Andel nöjda brukare"
    # A passage answer that quoted an activity row leaves the activity for "när?".
    act = prose.parsed[SOURCE].activities[0]
    quoted = Answer(
        answer="…",
        kind=AnswerKind.PASSAGES,
        citations=[_cite(act.row_text, f"{SOURCE} › Aktiviteter", 1), _cite("Tora", MEALS, 2)],
        context=ConversationContext(source=SOURCE, unit=OTHER_UNIT, intent="general"),
    )
    context = remember(quoted, reading, ConversationContext(), prose).context
    assert context.activity == act.text and context.items == []
    assert context.section == f"{SOURCE} › Aktiviteter" and context.sections == [MEALS]
    assert apply_context(read_question("när?", prose.metas, TODAY), context).topic == act.text


def test_a_declined_full_question_on_the_conversations_unit_starts_afresh(prose: Snapshot) -> None:
    declined = Answer(answer="Jag hittar inget svar", kind=AnswerKind.NOT_FOUND)
    after = _after("vad är årsmålet för sjukfrånvaro?").model_copy(update={"intent": "indicator"})
    full = apply_context(read_question("hur många deltagare har Kravatten?", prose.metas, TODAY), after)
    assert "units" in full.from_context and starts_afresh(declined, full)
    elliptic = apply_context(read_question("och 2019?", prose.metas, TODAY), after)
    assert not starts_afresh(declined, elliptic)  # nothing to stand on without the context
    assert not starts_afresh(_answer(AnswerKind.PASSAGES, MEALS), full)  # it was answered


def test_remember_notes_whether_the_user_named_the_unit(snap: Snapshot) -> None:
    answer = _answer(AnswerKind.PASSAGES, PLACES)
    named = read_question("var ligger Hägergruppen på Stöd- och aktivitetsenheten?", snap.metas, TODAY)
    assert named.units and remember(answer, named, ConversationContext()).context.unit_named
    answer = _answer(AnswerKind.PASSAGES, PLACES)
    unnamed = read_question("var ligger Hägergruppen?", snap.metas, TODAY)
    assert not remember(answer, unnamed, ConversationContext()).context.unit_named
    # A follow-up that kept the named unit keeps the note.
    before = _after("var ligger Hägergruppen?").model_copy(update={"unit_named": True})
    kept = apply_context(read_question("och vad gör de?", snap.metas, TODAY), before)
    assert remember(_answer(AnswerKind.PASSAGES, PLACES), kept, before).context.unit_named


# -- session 6: follow-ups with nothing of their own, other parts of the same goal, lists kept


def test_hur_många_är_de_gets_the_number_stated_about_the_subject(prose: Snapshot) -> None:
    answer = _follow(prose, "hur många är de?", _after("vad är kyrkogatans gruppboende?", MEALS))
    assert answer is not None and "22 lägenheter" in answer.answer and "Tora" not in answer.answer


def test_varför_gets_the_sentence_that_gives_a_reason(prose: Snapshot) -> None:
    answer = _follow(prose, "varför?", _after("hur stort överskott hade enheten?", f"{SOURCE} › Ekonomi"))
    assert answer is not None and "statsbidrag" in answer.answer and "129" not in answer.answer


def test_another_part_of_the_goal_just_quoted_answers_and_a_fragment_finishes_its_sentence(
    prose: Snapshot,
) -> None:
    # "vem ansvarar?" after the goal's Arbetssätt: its Resursanvändning says who; the short
    # "Uppföljning månadsvis." after it is part of the answer.
    answer = _follow(prose, "vem ansvarar?", _after("hur korta är väntetiderna för nybesök?", WAYS))
    assert answer is not None and "Ansvarig är biträdande enhetschef. Uppföljning månadsvis." in answer.answer


def test_remember_keeps_the_list_after_one_item_was_picked_by_its_place(prose: Snapshot) -> None:
    context = ConversationContext(source=SOURCE, unit=OTHER_UNIT, intent="indicator", items=["A", "B", "C"])
    reading = apply_context(read_question("vad är årsmålet för den andra?", prose.metas, TODAY), context)
    assert reading.topic == "B"
    row = prose.parsed[SOURCE].indicators[1]
    one = Answer(
        answer="…",
        kind=AnswerKind.INDICATOR,
        citations=[_cite(row.row_text, f"{SOURCE} › Indikatorer", 1)],
        context=ConversationContext(source=SOURCE, unit=OTHER_UNIT, intent="indicator"),
    )
    after = remember(one, reading, context, prose).context
    assert after.items == ["A", "B", "C"]  # "och den tredje?" still points into the list
    third = apply_context(read_question("och den tredje?", prose.metas, TODAY), after)
    assert third.topic == "C"


def test_remember_takes_the_activity_cited_behind_a_passage(prose: Snapshot) -> None:
    act = prose.parsed[SOURCE].activities[0]
    quoted = Answer(
        answer="…",
        kind=AnswerKind.PASSAGES,
        citations=[_cite("Tora", MEALS, 1), _cite(act.row_text, f"{SOURCE} › Aktiviteter", 2)],
        context=ConversationContext(source=SOURCE, unit=OTHER_UNIT, intent="general"),
    )
    reading = read_question("ska Tora och Kravatten samordnas?", prose.metas, TODAY)
    context = remember(quoted, reading, ConversationContext(), prose).context
    assert context.activity == act.text


def test_a_name_typed_in_lower_case_is_the_subject_and_a_compound_holds_the_word(prose: Snapshot) -> None:
    # The plan writes "Kravatten" as a name inside its sentences, so "kravatten" typed in lower case
    # is the subject; "säljer" is found in "Försäljning".
    answer = _follow(prose, "var säljer dom sakerna?", _after("vad gör kravatten?", SALES))
    assert answer is not None and "Gröna Liljans affär" in answer.answer and "marmelad" not in answer.answer
    # "kostar" is not "frukost": a compound that only ends in the asked word does not hold it.
    assert _follow(prose, "vad kostar det?", _after("vad är Tora för ställe?", MEALS)) is None


def test_a_goal_answer_leaves_the_goal_and_its_fields_are_looked_up_by_their_heading(prose: Snapshot) -> None:
    goal_section = f"{SOURCE} › Enhetsmål: Hög tillgänglighet"
    answered = Answer(
        answer="Enhetsmål: Hög tillgänglighet [1]",
        kind=AnswerKind.GOAL,
        citations=[_cite("Hög tillgänglighet", goal_section, 1)],
        context=ConversationContext(source=SOURCE, unit=OTHER_UNIT, intent="goal"),
    )
    reading = read_question("vilket enhetsmål har vi om tillgänglighet?", prose.metas, TODAY)
    context = remember(answered, reading, ConversationContext(), prose).context
    assert context.section == goal_section
    # "vilka resurser …?": the goal's Resursanvändning, though its lines do not say "resurser",
    # quoted whole as the list it is.
    answer = _follow(prose, "vilka resurser använder de?", context)
    assert answer is not None
    assert "Ansvarig är biträdande enhetschef. Uppföljning månadsvis." in answer.answer


def _quoted(snap: Snapshot, question: str, quoted: list[str]) -> Answer | None:
    context = _after("vad gör Hägergruppen?").model_copy(update={"quoted": quoted})
    asked = read_question(question, snap.metas, TODAY)
    return from_quoted(snap, asked, apply_context(asked, context), context)


HAGER = (
    "Hägergruppen, som ligger i Fruängen, arbetar med hantverk och keramik. "
    "Hägergruppen gör utflykter varje månad."
)


def test_a_pronoun_follow_up_is_answered_by_the_sentence_just_quoted_that_states_the_detail(
    snap: Snapshot,
) -> None:
    where = _quoted(snap, "var ligger den?", [HAGER])
    assert where is not None and "ligger i Fruängen" in where.answer and "utflykter" not in where.answer
    assert where.citations[0].source == SOURCE and "Fruängen" in where.citations[0].quote
    often = _quoted(snap, "hur ofta gör dom det?", [HAGER])
    assert often is not None and "varje månad" in often.answer and "Fruängen" not in often.answer


def test_no_answer_from_the_quoted_text_when_it_does_not_state_the_asked_detail(snap: Snapshot) -> None:
    assert _quoted(snap, "var ligger den?", []) is None  # nothing was quoted
    assert _quoted(snap, "vem leder den?", [HAGER]) is None  # no person in the text shown
    assert _quoted(snap, "hur många är dom?", [HAGER]) is None  # counts are not looked for there
    assert _quoted(snap, "var ligger Tora och Kravatten då?", [HAGER]) is None  # words of its own
    # The place the text states is another thing's, not the subject's (the question was about Hägergruppen).
    other = "Droppen/Bruket, som ligger i Västertorp, producerar och säljer olika varor."
    assert _quoted(snap, "var ligger den?", [other]) is None


@pytest.fixture(scope="module")
def yearly(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("followup-yearly")) / "planbot.sqlite3")
    saa = plan(SOURCE, OTHER_UNIT, 2019, [ind("Sjukfrånvaro", "7,5 %")], district="Hässelby-Vällingby")
    sections = [
        _section(
            SOURCE,
            0,
            f"{SOURCE} › Ekonomiskt resultat",
            "Enhetens resultat visas nedan.\n\nÅr Budget (mnkr) Utfall (mnkr) Differens\n2016 115 111 +4\n\n"
            "2017 114 106 +8\n\n2018 129 133 +4",
        ),
        _section(
            SOURCE,
            1,
            f"{SOURCE} › Medarbetarenkät",
            "Frågan om öppenhet förbättrades mest.\n\n"
            "2017 2018 2019\nMin chef är öppen för nya idéer 33 50 80",
        ),
    ]
    catalog.replace_document(saa, chunks=chunks_for(saa) + sections, path=None)
    return Snapshot.load(catalog)


def test_another_year_of_the_subject_is_not_any_row_under_the_old_year(yearly: Snapshot) -> None:
    # "och året innan?" after the 2018 outcome is "och 2017?": the old year is what changes, so a
    # survey row under a header "2017 2018 2019" is not about the subject (the outcome) for holding it.
    context = _after("vad blev det ekonomiska utfallet 2018?", f"{SOURCE} › Resultat")
    answer = _follow(yearly, "och året innan?", context)
    assert answer is not None and "2017 114 106" in answer.answer and "Min chef" not in answer.answer


REVIEW = (
    "Se över bemanningen för sysselsättningsverksamheterna. "
    "Syftet är att anpassa verksamheterna utifrån ett minskat antal brukare."
)


@pytest.fixture(scope="module")
def reasons(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    """A plan whose activity row gives its reason in a second sentence, and prose with a reason."""
    catalog = Catalog(Path(tmp_path_factory.mktemp("followup-reasons")) / "planbot.sqlite3")
    saa = plan(
        SOURCE,
        OTHER_UNIT,
        2020,
        [ind("Sjukfrånvaro", "7,5 %")],
        district="Hägersten-Liljeholmen",
        activities=[activity(REVIEW, "2020-01-01", "2020-12-31")],
    )
    sections = [
        _section(
            SOURCE,
            0,
            PLACES,
            "Varje biträdande enhetschef håller i sin arbetsgrupps APT. "
            "Syftet med detta är att öka delaktigheten.",
        )
    ]
    catalog.replace_document(saa, chunks=chunks_for(saa) + sections, path=None)
    return Snapshot.load(catalog)


def _why(snap: Snapshot, question: str, quoted: list[str]) -> Answer | None:
    context = _after(question).model_copy(update={"quoted": quoted})
    asked = read_question("varför då?", snap.metas, TODAY)
    return from_quoted(snap, asked, apply_context(asked, context), context)


def test_varför_då_is_answered_by_the_reason_given_right_after_the_sentence_about_the_subject(
    reasons: Snapshot,
) -> None:
    # The reason sentence does not name the subject ("bemanningen"): it continues the one before.
    # It lies in a table row only (the activity the answer showed), and is cited from there.
    answer = _why(reasons, "ska vi se över bemanningen på sysselsättningen?", [REVIEW])
    assert answer is not None and "minskat antal brukare" in answer.answer
    assert "Se över" not in answer.answer and answer.citations[0].source == SOURCE
    prose = _why(
        reasons,
        "vem håller i APT:n?",
        [
            "Varje biträdande enhetschef håller i sin arbetsgrupps APT. "
            "Syftet med detta är att öka delaktigheten."
        ],
    )
    assert prose is not None and "öka delaktigheten" in prose.answer


def test_varför_då_gets_no_reason_about_another_subject_or_from_nothing_shown(reasons: Snapshot) -> None:
    assert _why(reasons, "ska vi se över bemanningen på sysselsättningen?", []) is None
    # The reason follows a sentence about something else than what was asked.
    assert _why(reasons, "vem håller i APT:n?", [REVIEW]) is None


def test_a_place_after_the_sentence_about_the_subject_is_not_the_subjects(snap: Snapshot) -> None:
    # Only a reason continues the sentence before it; a place must be stated about the subject.
    shown = "Hägergruppen gör utflykter varje månad. Försäljning sker på marknader och i Gröna Liljans affär."
    assert _quoted(snap, "var ligger den?", [shown]) is None


def _list_quoting(quote: str, section: str) -> Answer:
    citation = Citation(n=1, source=SOURCE, title="VP", section=section, quote=quote)
    return Answer(
        answer="…", kind=AnswerKind.LIST, citations=[citation], context=ConversationContext(source=SOURCE)
    )


def test_a_list_read_out_of_a_paragraph_leaves_its_section_for_the_next_follow_up(snap: Snapshot) -> None:
    # "vilka verksamheter finns?" listed from prose: "var ligger de?" is looked up in that section.
    reading = read_question("vilka verksamheter säljer varor?", snap.metas, TODAY)
    prose = remember(
        _list_quoting("Droppen/Bruket, som ligger i Västertorp", PLACES), reading, ConversationContext(), snap
    )
    assert prose.context.section == PLACES
    # A list of table rows quotes no paragraph: it leaves no section (its rows are the items).
    rows = remember(
        _list_quoting("Sjukfrånvaro", f"{SOURCE} › Indikatorer"), reading, ConversationContext(), snap
    )
    assert rows.context.section is None
    # Without the snapshot the citation cannot be looked up: a list stays a list.
    assert (
        remember(_list_quoting("Droppen/Bruket", PLACES), reading, ConversationContext()).context.section
        is None
    )
