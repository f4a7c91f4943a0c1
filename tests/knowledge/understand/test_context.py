"""Follow-up resolution (`apply_context`): one test per conversation shape."""

from __future__ import annotations

from knowledge.answer import ConversationContext
from knowledge.understand.asks import SubIntent
from knowledge.understand.intent import Intent
from knowledge.understand.reading import apply_context
from tests.knowledge.understand.samples import EB, EB_BER, FSE, HA, HV, SOA, ST, read

AFTER_INDICATOR = ConversationContext(
    unit=EB_BER,
    district=HA,
    year=2023,
    source="000_91cd92b543baabdb.txt",
    topic="sjukfrånvaro",
    indicator="Sjukfrånvaro dag 1-14",
    intent="indicator",
)
AFTER_GOAL = ConversationContext(
    unit=SOA,
    district="Hägersten-Liljeholmen",
    year=2020,
    source="001_baa0aabad314dbef.txt",
    goal_key="1.2.1",
    topic="brukarinflytande",
    intent="goal",
)
AFTER_GLOSSARY = ConversationContext(
    unit=EB, district=ST, year=2020, source="002_ad0b1b28780be514.txt", topic="FUT", intent="abbreviation"
)


def test_kf_target_follow_up_keeps_unit_year_and_indicator() -> None:
    reading = apply_context(read("och KF:s årsmål?"), AFTER_INDICATOR)
    assert reading.units == [EB_BER] and reading.districts == [HA] and reading.year == 2023
    assert reading.intent is Intent.INDICATOR and reading.sub_intent == "kf_target"
    assert reading.topic == "sjukfrånvaro"
    assert reading.context_source == AFTER_INDICATOR.source


def test_activities_of_the_same_goal_keep_the_goal() -> None:
    reading = apply_context(read("vilka aktiviteter hör till samma mål?"), AFTER_GOAL)
    assert reading.is_followup and reading.intent is Intent.ACTIVITY
    assert reading.goal_key == "1.2.1" and reading.units == [SOA] and reading.year == 2020
    assert reading.topic == ""  # the goal is the subject, not the old topic words
    assert "goal_key" in reading.from_context


def test_another_district_replaces_unit_and_keeps_the_item() -> None:
    reading = apply_context(read("och för Spånga-Tensta?"), AFTER_INDICATOR)
    assert reading.units == [] and reading.districts == [ST]
    assert reading.topic == "sjukfrånvaro" and reading.intent is Intent.INDICATOR
    assert reading.context_source is None  # the old plan is not the new district's


def test_asking_for_all_indicators_of_the_unit_drops_the_old_indicator() -> None:
    reading = apply_context(read("Och vilka indikatorer har de?"), AFTER_INDICATOR)
    assert reading.units == [EB_BER] and reading.year == 2023
    assert reading.intent is Intent.INDICATOR
    assert "sjukfrånvaro" not in reading.topic.lower()


def test_another_kind_of_item_drops_the_old_item() -> None:
    reading = apply_context(read("och vilka mål har de?"), AFTER_INDICATOR)
    assert reading.intent is Intent.GOAL and reading.units == [EB_BER]
    assert "sjukfrånvaro" not in reading.topic.lower()


def test_a_full_question_after_a_glossary_answer_does_not_inherit_its_unit() -> None:
    reading = apply_context(read("vad är årsmålet för sjukfrånvaro?"), AFTER_GLOSSARY)
    assert reading.units == [] and reading.year is None and reading.topic == "sjukfrånvaro"
    assert reading.context_unit == EB  # kept as soft evidence only
    assert reading.from_context == []


def test_an_elliptic_question_after_a_glossary_answer_keeps_its_unit() -> None:
    reading = apply_context(read("och i Hässelby?"), AFTER_GLOSSARY)
    assert reading.districts == [HV] and reading.units == []
    reading = apply_context(read("och 2019 då?"), AFTER_GLOSSARY)
    assert reading.units == [EB] and reading.year == 2019


def test_a_full_question_keeps_the_unit_the_conversation_is_about_but_nothing_else() -> None:
    reading = apply_context(read("vilka aktiviteter finns om spelberoende?"), AFTER_INDICATOR)
    assert reading.units == [EB_BER] and reading.year is None and reading.topic == "spelberoende"
    assert reading.context_source is None and reading.goal_key is None


def test_a_question_naming_its_unit_is_left_alone() -> None:
    reading = read("vilka mål har Försörjningsstödsenheten?")
    resolved = apply_context(reading, AFTER_INDICATOR)
    assert resolved.units == [FSE] and resolved.year is None and resolved.context_unit is None


def test_questions_about_every_item_are_not_follow_ups() -> None:
    assert not read("vilka indikatorer följs upp per tertial?").is_followup
    assert not read("hur många aktiviteter slutar i år?").is_followup


# ---------------------------------------------------------------- apply_context

CONTEXT = ConversationContext(
    unit=EB_BER,
    district=HA,
    year=2023,
    topic="sjukfrånvaro dag 1-14",
    indicator="Sjukfrånvaro dag 1-14",
    intent="indicator",
)


def test_follow_up_takes_unit_year_topic_and_intent_from_context() -> None:
    reading = apply_context(read("och nästa år?"), CONTEXT)
    assert reading.units == [EB_BER] and reading.districts == [HA]
    assert reading.year == 2025  # the question's own year wins
    assert reading.topic == "sjukfrånvaro dag 1-14" and reading.intent is Intent.INDICATOR
    assert set(reading.from_context) == {"units", "districts", "topic", "intent"}


def test_follow_up_without_year_takes_the_context_year() -> None:
    reading = apply_context(read("och KF:s årsmål då?"), CONTEXT)
    assert reading.year == 2023 and reading.sub_intent == "kf_target" and reading.intent is Intent.INDICATOR


def test_follow_up_naming_another_district_keeps_no_unit() -> None:
    reading = apply_context(read("och för Spånga?"), CONTEXT)
    assert reading.units == [] and reading.districts == [ST]
    # 2023 is only the year of the plan just shown: the other district's plan may be of another year.
    assert reading.topic == "sjukfrånvaro dag 1-14" and reading.year is None


def test_follow_up_naming_another_district_keeps_a_year_the_user_named() -> None:
    asked = CONTEXT.model_copy(update={"question": "vad är årsmålet för sjukfrånvaro dag 1-14 2023?"})
    reading = apply_context(read("och för Spånga?"), asked)
    assert reading.districts == [ST] and reading.year == 2023


def test_follow_up_naming_a_unit_keeps_it() -> None:
    reading = apply_context(read("och för stöd och aktivitet 2020?"), CONTEXT)
    assert reading.units == [SOA] and reading.year == 2020 and reading.topic == "sjukfrånvaro dag 1-14"


def test_new_question_without_unit_takes_the_context_unit_only() -> None:
    reading = apply_context(read("vilka aktiviteter finns om spelberoende?"), CONTEXT)
    assert reading.units == [EB_BER] and reading.year is None and reading.topic == "spelberoende"


def test_context_never_overrides_the_question() -> None:
    reading = read("vad är årsmålet för sjukfrånvaro på stöd och aktivitet 2020?")
    assert apply_context(reading, CONTEXT) == reading
    assert apply_context(read("hur stor är budgeten på Kungsholmen?"), CONTEXT).units == []


def test_empty_context_changes_nothing() -> None:
    reading = read("och 2020 då?")
    assert apply_context(reading, ConversationContext()) == reading


def test_a_pronoun_with_only_follow_up_verbs_is_a_follow_up() -> None:
    reading = apply_context(read("hur följs det upp?"), AFTER_GOAL)
    assert reading.is_followup and reading.units == [SOA] and reading.year == 2020
    assert "brukarinflytande" in reading.topic
    assert not read("hur följs sjukfrånvaron upp?").is_followup


# ------------------------------------------------------- the item under discussion (issue 10, item 6)


def test_how_often_after_an_indicator_asks_its_periodicity() -> None:
    for question in ("hur ofta mäts den?", "hur ofta följs det upp?", "och hur följs den upp?"):
        reading = apply_context(read(question), AFTER_INDICATOR)
        assert reading.intent is Intent.INDICATOR and reading.sub_intent == "periodicity", question
        assert reading.asks is SubIntent.INDICATOR_PERIODICITY
        assert reading.topic == AFTER_INDICATOR.indicator and reading.units == [EB_BER]


def test_how_it_is_followed_up_after_a_goal_asks_its_follow_up_section() -> None:
    reading = apply_context(read("hur följs det upp?"), AFTER_GOAL)
    assert reading.intent is Intent.GOAL and reading.sub_intent == "field:uppfoljning"
    assert reading.goal_key == "1.2.1" and reading.topic == "brukarinflytande"


def test_a_topic_of_its_own_is_not_the_old_item() -> None:
    reading = apply_context(read("hur följs sjukfrånvaron upp på stöd och aktivitet?"), AFTER_INDICATOR)
    assert reading.units == [SOA] and "sjukfrånvaron" in reading.topic
    assert reading.topic != AFTER_INDICATOR.indicator and "topic" not in reading.from_context


def test_the_goal_of_the_indicator_under_discussion() -> None:
    context = AFTER_INDICATOR.model_copy(update={"goal_key": "g7"})
    reading = apply_context(read("vilket enhetsmål hör den till?"), context)
    assert reading.intent is Intent.GOAL and reading.asks is SubIntent.GOAL_PARENT
    assert reading.goal_key == "g7" and reading.topic == AFTER_INDICATOR.indicator
    reading = apply_context(read("vilka aktiviteter hör till samma mål?"), context)
    assert reading.intent is Intent.ACTIVITY and reading.goal_key == "g7"


def test_a_short_question_pointing_at_something_is_a_follow_up() -> None:
    assert read("kan man äta där?").is_followup
    assert read("hur många deltagare har de?").is_followup
    assert not read("finns det feriejobb?").is_followup
    assert not read("vad kostar en plats på gruppboendet?").is_followup


def test_a_question_closing_on_det_points_back() -> None:
    # "det" last, or before a closing preposition, is the thing just discussed; a formal "det"
    # comes before the question's own subject.
    assert read("vad kostar det?").is_followup
    assert read("vad står det för?").is_followup
    assert read("vad menas med det?").is_followup
    assert not read("finns det feriejobb?").is_followup
    assert not read("vad kostar det att bo på gruppboendet?").is_followup


def test_a_longer_question_opening_with_och_keeps_the_unit_not_the_topic() -> None:
    reading = apply_context(
        read("och vilka frågor ställer enheten för att upptäcka våldet?"), AFTER_INDICATOR
    )
    assert reading.is_followup and reading.units == [EB_BER] and reading.year == 2023
    assert "sjukfrånvaro" not in reading.topic.lower()
    named = apply_context(read("och vilka frågor ställer de i Spånga-Tensta om våld?"), AFTER_INDICATOR)
    assert named.units == [] and named.districts == [ST]


# -- session 5: bare ellipses, items by their place in a list, an activity's dates, a new name


def test_a_bare_ask_is_a_follow_up_and_keeps_the_conversation() -> None:
    for question in ("när?", "vem ansvarar?", "årsmålet då?"):
        assert read(question).is_followup, question
    reading = apply_context(read("årsmålet då?"), AFTER_INDICATOR)
    assert reading.units == [EB_BER] and reading.year == 2023 and reading.topic == "sjukfrånvaro"
    # A question about the asker's own unit or a question with a topic of its own is no bare ask.
    assert not read("vilka mål har vi?").is_followup
    assert not read("vad betyder FUT?").is_followup


def test_a_pronoun_subject_may_come_with_two_words_of_its_own() -> None:
    assert read("vart åker de på sommaren?").is_followup
    assert not read("vart åker de på sommaren i Spånga-Tensta?").is_followup  # names a place: a question


AFTER_LIST = ConversationContext(
    unit=EB_BER,
    district=HA,
    year=2023,
    source="000_91cd92b543baabdb.txt",
    topic="självständigt liv",
    intent="indicator",
    items=["Andel avslutade enligt plan", "Andel avslutade till Okänt", "Andel övertag av hyreskontrakt"],
)


def test_an_item_is_found_by_its_place_in_the_list_just_shown() -> None:
    reading = apply_context(read("vad är årsmålet för den andra?"), AFTER_LIST)
    assert reading.topic == "Andel avslutade till Okänt" and reading.intent is Intent.INDICATOR
    assert reading.units == [EB_BER] and reading.year == 2023
    assert apply_context(read("och den sista?"), AFTER_LIST).topic == "Andel övertag av hyreskontrakt"
    assert apply_context(read("hur ofta mäts nummer 1?"), AFTER_LIST).topic == "Andel avslutade enligt plan"


def test_a_place_beyond_the_list_or_without_a_list_resolves_nothing() -> None:
    assert apply_context(read("vad är årsmålet för den femte?"), AFTER_LIST).topic != ""
    assert "Andel" not in apply_context(read("vad är årsmålet för den femte?"), AFTER_LIST).topic
    assert "Andel" not in apply_context(read("vad är årsmålet för den andra?"), AFTER_INDICATOR).topic


def test_berätta_mer_om_den_andra_asks_what_the_list_was_about() -> None:
    reading = apply_context(read("berätta mer om den andra"), AFTER_LIST)
    assert reading.topic == "Andel avslutade till Okänt" and reading.intent is Intent.INDICATOR


AFTER_ACTIVITY = ConversationContext(
    unit=SOA,
    district="Hägersten-Liljeholmen",
    year=2020,
    source="001_baa0aabad314dbef.txt",
    topic="samordna tora kravatten",
    intent="general",
    activity="Fortsätta modernisering av de öppna träfflokalerna Tora och Kravatten",
)


def test_när_after_an_activity_asks_its_dates() -> None:
    reading = apply_context(read("när?"), AFTER_ACTIVITY)
    assert reading.intent is Intent.ACTIVITY and reading.topic == AFTER_ACTIVITY.activity
    assert reading.units == [SOA] and reading.year == 2020
    ends = apply_context(read("när slutar den?"), AFTER_ACTIVITY)
    assert ends.topic == AFTER_ACTIVITY.activity and ends.asks is SubIntent.ACTIVITY_END
    # Without an activity, or with words of its own, "när" is left to the other rules.
    assert apply_context(read("när?"), AFTER_INDICATOR).intent is not Intent.ACTIVITY
    assert apply_context(read("när slutar feriejobben?"), AFTER_ACTIVITY).topic != AFTER_ACTIVITY.activity


def test_a_new_name_replaces_the_old_one() -> None:
    reading = apply_context(read("och IB?"), AFTER_GLOSSARY)
    assert reading.topic == "IB" and reading.intent is Intent.ABBREVIATION
    after = ConversationContext(
        unit=SOA,
        source="001_baa0aabad314dbef.txt",
        topic="medarbetare NP teamet",
        intent="organisation",
        question="hur många medarbetare har NP-teamet?",
    )
    assert apply_context(read("och Kravatten?"), after).topic == "Kravatten medarbetare"
    # Without a new name the old topic is kept whole ("och kostnaderna då?").
    assert apply_context(read("och kostnaderna då?"), after).topic == "kostnaderna medarbetare NP teamet"


def test_a_unit_the_user_named_carries_to_a_full_question_even_after_a_passage() -> None:
    # After a passage answer the unit is incidental, unless the user named it ("… hos ek bistånd i
    # Spånga-Tensta?"): then "vem leder enheten?" is about that unit.
    after_passage = ConversationContext(
        unit=EB, district=ST, year=2020, source="002_ad0b1b28780be514.txt", topic="budget", intent="general"
    )
    assert apply_context(read("vem leder enheten?"), after_passage).units == []
    named = after_passage.model_copy(update={"unit_named": True})
    assert apply_context(read("vem leder enheten?"), named).units == [EB]


def test_när_after_a_list_is_about_every_item() -> None:
    listed = AFTER_ACTIVITY.model_copy(update={"items": ["A", "B"]})
    assert apply_context(read("när slutar de?"), listed).topic != AFTER_ACTIVITY.activity


def test_a_year_counted_from_the_year_just_asked_about() -> None:
    after = ConversationContext(
        unit=FSE,
        district=HV,
        year=2019,
        source="004_e63c51a228dee2e1.txt",
        topic="ekonomiska utfallet",
        intent="outcome",
        question="vad blev det ekonomiska utfallet 2018 för försörjningsstödsenheten?",
    )
    before = apply_context(read("och året innan?"), after)
    assert before.year == 2017 and before.years == [2017]
    assert "innan" not in before.topic and "utfallet" in before.topic
    assert apply_context(read("och förra året då?"), after).year == 2017
    assert apply_context(read("och året efter?"), after).year == 2019
    # A year of its own wins.
    assert apply_context(read("och 2016?"), after).year == 2016
    # The resolved question writes the year, so that "och året innan?" once more counts on from it.
    assert apply_context(read("och året innan?"), after).text == "och 2017?"


def test_a_year_back_counts_from_the_document_under_discussion() -> None:
    # Without a year in the previous question, "året innan" / "förra året" count from the year of
    # the document under discussion (session 9): after a target of the 2019 award application
    # ("Max 225 (2018: 227)") the user means 2018. Before, "året innan" kept 2019 and "förra
    # året" counted from today (2023 here), a year no document of the conversation is about.
    no_year = ConversationContext(
        unit=FSE,
        district=HV,
        year=2019,
        source="004_e63c51a228dee2e1.txt",
        topic="sjukskrivna",
        intent="outcome",
        question="hur många sjukskrivna får det max vara på försörjningsstödsenheten?",
    )
    assert apply_context(read("och året innan?"), no_year).year == 2018
    assert apply_context(read("och förra året?"), no_year).years == [2018]
    assert apply_context(read("hur många var det i fjol då?"), no_year).year == 2018
    # "nästa år" plans ahead from today, as before.
    assert apply_context(read("och nästa år?"), no_year).year == read("och nästa år?").year


def test_a_follow_up_without_a_topic_word_is_about_the_item_whatever_its_question_words_ask() -> None:
    # "hur många var det förra året då?" after the target of "antal vuxna" (an outcome answer):
    # "hur många" reads as another kind of question, but it names nothing of its own.
    after = ConversationContext(
        unit=FSE,
        district=HV,
        year=2019,
        source="004_e63c51a228dee2e1.txt",
        topic="antal vuxna försörjningsstöd",
        indicator="Antal vuxna",
        intent="outcome",
        question="vad är målvärdet för antal vuxna med försörjningsstöd i hässelby?",
    )
    reading = apply_context(read("hur många var det förra året då?"), after)
    assert reading.topic == "antal vuxna försörjningsstöd" and reading.year == 2018
    # A question for every item of a kind still asks about the unit, not the old item.
    assert "vuxna" not in apply_context(read("och vilka indikatorer har de?"), after).topic


def test_what_is_done_to_reach_the_indicator_asks_for_the_activities_of_its_goal() -> None:
    after = AFTER_INDICATOR.model_copy(update={"goal_key": "g19"})
    for question in ("vad gör vi för att nå det?", "och hur jobbar ni för att korta den?"):
        reading = apply_context(read(question), after)
        assert reading.intent is Intent.ACTIVITY and reading.goal_key == "g19"
        assert "goal_key" in reading.from_context
        assert reading.units == [EB_BER] and reading.year == 2023
    # Without an indicator under discussion, or about something named, it is a question of its own.
    assert apply_context(read("vad gör vi för att nå det?"), AFTER_GOAL).goal_key is None
    named = apply_context(read("vad gör vi för att minska sjukfrånvaron?"), after)
    assert "goal_key" not in named.from_context


def test_what_more_is_done_about_it_asks_for_the_activities_of_the_indicators_goal() -> None:
    # "kring det", "med det", "mer": other everyday ways of pointing at the measured thing.
    after = AFTER_INDICATOR.model_copy(update={"goal_key": "g19"})
    for question in ("vad gör vi mer kring det?", "vad gör ni med det?", "hur jobbar dom runt det?"):
        reading = apply_context(read(question), after)
        assert reading.intent is Intent.ACTIVITY and reading.goal_key == "g19", question


def test_i_år_after_a_row_of_the_plan_just_shown_is_that_plans_year() -> None:
    # The sample today is 2024; the row under discussion is from the 2020 plan, and "i år" is the year
    # the user is reading about, so the follow-up still points at the row (an ellipsis, not a new question).
    after = ConversationContext(
        unit=EB,
        district=ST,
        year=2020,
        source="002_ad0b1b28780be514.txt",
        topic="Antal utförda samordnad individuell plan (SIP)",
        indicator="Antal utförda samordnad individuell plan (SIP)",
        intent="indicator",
        unit_named=True,
    )
    asked = read("vad ska den ligga på i år?")
    assert asked.is_followup and asked.year == 2024
    reading = apply_context(asked, after)
    assert reading.year == 2020 and reading.units == [EB] and "year" in reading.from_context
    # Another unit named, or a year in figures, is the user's own: kept.
    assert apply_context(read("vad ska den ligga på 2023?"), after).year == 2023
    assert apply_context(read("vad har vi för mål i år på stöd och aktivitet?"), after).year == 2024
