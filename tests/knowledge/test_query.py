"""Tests of the question reader (knowledge.understand.reading) and of the development question set."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from knowledge.answer import ConversationContext
from knowledge.models import DocType, DocumentMeta
from knowledge.understand.mentions import cutoff, fuzzy_ok
from knowledge.understand.reading import Intent, QuestionReading, apply_context, read_question

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "corpus" / "samples"
DEV = ROOT / "tests" / "quality" / "dev_questions.jsonl"
TODAY = dt.date(2024, 5, 2)

EB_BER = "Enheten för ekonomiskt bistånd och beroende"
SOA = "Stöd- och aktivitetsenheten"
EB = "Ekonomiskt bistånd"
FSE = "Försörjningsstödsenheten"
BOU = "Enheten för barn och unga"  # made up: not in the samples
HA, HL, ST, HV = "Hägersten-Älvsjö", "Hägersten-Liljeholmen", "Spånga-Tensta", "Hässelby-Vällingby"

SAMPLE_DOCS = [
    DocumentMeta(
        source="000_91cd92b543baabdb.txt", type=DocType.VERKSAMHETSPLAN, unit=EB_BER, district=HA, year=2023
    ),
    DocumentMeta(
        source="001_baa0aabad314dbef.txt", type=DocType.VERKSAMHETSPLAN, unit=SOA, district=HL, year=2020
    ),
    DocumentMeta(
        source="002_ad0b1b28780be514.txt", type=DocType.VERKSAMHETSPLAN, unit=EB, district=ST, year=2020
    ),
    DocumentMeta(
        source="004_e63c51a228dee2e1.txt", type=DocType.KVALITETSUTMARKELSE, unit=FSE, district=HV, year=2019
    ),
]
DOCS = [*SAMPLE_DOCS, DocumentMeta(source="farsta.pdf", unit=BOU, district="Farsta", year=2024)]


def read(question: str, docs: list[DocumentMeta] | None = None) -> QuestionReading:
    return read_question(question, DOCS if docs is None else docs, TODAY)


def check(reading: QuestionReading, expected: dict[str, Any]) -> None:
    got = reading.model_dump()
    for key, value in expected.items():
        assert got[key] == value, f"{reading.text!r}: {key} = {got[key]!r}, expected {value!r}"


# ---------------------------------------------------------------- units and districts


@pytest.mark.parametrize(
    ("question", "units", "districts"),
    [
        ("vad är årsmålet för sjukfrånvaro på ek bistånd i Spånga 2020?", [EB], [ST]),
        ("ekbistånd spånga, hur många SIP ska vi göra", [EB], [ST]),
        ("vilka mål har ek. bistånd o beroende", [EB_BER], []),
        ("hur många anställda har enheten för ekonomiskt bistånd och beroende?", [EB_BER], []),
        ("hur ofta följs sjukfrånvaron upp på beroende?", [EB_BER], []),
        ("vad gör missbruksvården i Älvsjö", [EB_BER], [HA]),
        ("hur många jobbar på socialpsykiatrin", [SOA], []),
        ("vad gäller för socialpsyk", [SOA], []),
        ("klagomål på stöd och aktivitet?", [SOA], []),
        ("hur många anställda har stöd- och aktivitetsenheten", [SOA], []),
        ("hur många anställda hade forsorjningsstodsenheten", [FSE], []),
        ("målvärde antal barn försörjningsstöd i Hésselby-Villingby", [FSE], [HV]),
        ("vad är målet för ekonomiskt bistånd i spånga", [EB], [ST]),
        ("vilka aktiviteter har vi i Tensta", [], [ST]),
        ("hur ser det ut i Liljeholmen", [], [HL]),
        ("vad gäller i Hägersten?", [], [HL, HA]),
        ("vilka mål har Hägersten-Älvsjö", [], [HA]),
        ("Hagersten Liljeholmen 2020", [], [HL]),
        ("hur många har försörjningsstöd i Hasselby- Vallingby", [FSE], [HV]),
        ("vilka mål har barn och unga i Farsta?", [BOU], ["Farsta"]),
        ("soc i spånga, vad är målet för andel barn", [EB], [ST]),
        ("vad gäller hos oss?", [], []),
        ("vad ska vi göra i år?", [], []),
    ],
)
def test_units_and_districts(question: str, units: list[str], districts: list[str]) -> None:
    reading = read(question)
    assert sorted(reading.units) == sorted(units), reading
    assert sorted(reading.districts) == sorted(districts), reading


@pytest.mark.parametrize(
    "question",
    [
        "hur testar vi nya metoder?",  # Tensta ~ testa
        "beroende på vad gäller rutinen för klagomål?",
        "vilka aktiviteter har vi?",  # aktivitet ~ Stöd- och aktivitetsenheten
        "när slutar aktiviteten om spelberoende",
        "andel personer som har ekonomiskt bistånd",
        "vad är årsmålet för andel barn i familjer med ekonomiskt bistånd?",
        "andel barn i familjer med ek bistånd",
        "hur ligger vi till med långvarigt ekonomiskt bistånd",
        "vad betyder biståndet för familjen",
        "hur ofta har vi arbetsplatsträff",
        "fast anställda",
        "kan jag beroende på läget byta tid?",
    ],
)
def test_unrelated_words_name_no_unit_or_district(question: str) -> None:
    reading = read(question)
    assert reading.units == [] and reading.districts == [] and reading.other_districts == [], reading


def test_made_up_unit_and_district_are_found_from_their_names_alone() -> None:
    docs = [
        DocumentMeta(source="a.pdf", unit="Enheten för barn och unga", district="Farsta", year=2024),
        DocumentMeta(source="b.pdf", unit="Vuxenenheten", district="Bromma", year=2024),
        DocumentMeta(source="c.pdf", unit="Boendestödsenheten", district="Skarpnäck", year=2022),
    ]
    check(
        read("barn och unga i Farsta", docs),
        {"units": ["Enheten för barn och unga"], "districts": ["Farsta"]},
    )
    check(read("hur många placeringar har BoU?", docs), {"units": ["Enheten för barn och unga"]})
    check(
        read("vad är målet för vuxenenheten i bromma", docs),
        {"units": ["Vuxenenheten"], "districts": ["Bromma"]},
    )
    check(read("årsmålet på boendestödsenheten", docs), {"units": ["Boendestödsenheten"]})
    check(
        read("socialpsykiatrin i Skarpnäck", docs),
        {"units": ["Boendestödsenheten"], "districts": ["Skarpnäck"]},
    )
    check(
        read("hur många barn i Farsta har ekonomiskt bistånd", docs), {"units": [], "districts": ["Farsta"]}
    )


def test_places_and_units_outside_the_corpus_are_reported_apart() -> None:
    check(
        read("vad säger verksamhetsplanen för Skärholmen om sjukfrånvaro?", SAMPLE_DOCS),
        {"districts": [], "other_districts": ["Skärholmen"]},
    )
    check(read("hur stor är budgeten på Kungsholmen?", SAMPLE_DOCS), {"other_districts": ["Kungsholmen"]})
    check(read("vilka mål har barnenheten?", SAMPLE_DOCS), {"units": [], "other_units": ["barn och unga"]})
    check(
        read("vilka mål har barn och unga i Farsta?", SAMPLE_DOCS),
        {"units": [], "other_districts": ["Farsta"]},
    )


def test_a_synonym_naming_several_units_is_narrowed_by_district_and_year() -> None:
    assert sorted(read("vad gäller på ekbistånd?").units) == sorted([EB, EB_BER, FSE])
    assert read("vad gäller på ekbistånd i Hässelby?").units == [FSE]
    assert read("vad gäller på ekbistånd 2023?").units == [EB_BER]
    assert sorted(read("vad gäller på ekbistånd 2030?").units) == sorted([EB, EB_BER, FSE])


@pytest.mark.parametrize(
    ("key", "expected"),
    [("farst", 100.0), ("tenst", 100.0), ("hasselby", 87.0), ("vallingby", 88.0), ("ekonomiskbistand", 88.0)],
)
def test_cutoff_grows_with_alias_length(key: str, expected: float) -> None:
    assert cutoff(key) == expected


def test_fuzzy_hits_must_keep_the_ending_of_short_keys() -> None:
    assert fuzzy_ok("hesselby", "hasselby", 87.5)  # OCR inside the word
    assert not fuzzy_ok("aktivitet", "aktivitetsen", 85.7)  # a different word, not a typo
    assert not fuzzy_ok("bistande", "bistandsen", 88.9)
    assert fuzzy_ok("ekonomiskbistande", "ekonomiskbistand", 97.0)  # long keys: score alone


# ---------------------------------------------------------------- years and document types


@pytest.mark.parametrize(
    ("question", "year", "doc_type"),
    [
        ("vad är årsmålet 2020?", 2020, None),
        ("VP 2023 sjukfrånvaro", 2023, DocType.VERKSAMHETSPLAN),
        ("vp23 sjukfrånvaro", 2023, DocType.VERKSAMHETSPLAN),
        ("vad var målet i fjol?", 2023, None),
        ("vad var målet ifjol", 2023, None),
        ("hur gick det förra året", 2023, None),
        ("vilka mål har vi i år", 2024, None),
        ("årets verksamhetsplan", 2024, DocType.VERKSAMHETSPLAN),
        ("vad planeras nästa år", 2025, None),
        ("när slutar aktiviteten, 2023-12-31?", 2023, None),
        ("programmet mot hemlöshet 2020-2025", None, None),
        ("totalt köpt energi 1945 GWh", None, None),
        ("vad står i kvalitetsutmärkelsen om bemötande", None, DocType.KVALITETSUTMARKELSE),
        ("kvalitetsansökan 2019 Hässelby", 2019, DocType.KVALITETSUTMARKELSE),
        ("vad säger rutinen om hembesök", None, DocType.RUTIN),
    ],
)
def test_years_and_document_types(question: str, year: int | None, doc_type: DocType | None) -> None:
    check(read(question), {"year": year, "doc_type": doc_type})


def test_several_years_are_kept_in_order() -> None:
    assert read("jämför sjukfrånvaron 2020 och 2023").years == [2020, 2023]


# ---------------------------------------------------------------- intents


@pytest.mark.parametrize(
    ("question", "intent", "sub_intent"),
    [
        ("hur många ska få feriejobb", Intent.INDICATOR, "target"),
        ("vad är årsmålet för sjukfrånvaro", Intent.INDICATOR, "target"),
        ("vad ar malet for langvarigt ekonomiskt bistand", Intent.INDICATOR, "target"),
        ("vad är KF:s årsmål för feriejobb", Intent.INDICATOR, "kf_target"),
        ("vad har kommunfullmäktige för årsmål för medskapandeindex", Intent.INDICATOR, "kf_target"),
        ("hur ofta följs sjukfrånvaron upp?", Intent.INDICATOR, "periodicity"),
        ("vilken periodicitet har indikatorn om SIP", Intent.INDICATOR, "periodicity"),
        ("hur ligger vi till med sjukfrånvaron", Intent.INDICATOR, "status"),
        ("vad blev utfallet för sjukfrånvaron 2021", Intent.INDICATOR, "outcome"),
        ("vilka mål har vi", Intent.GOAL, "list"),
        ("vilket nämndmål hör till KF-mål 1.3", Intent.GOAL, "children"),
        ("vilka KF-mål finns under inriktningsmål 3", Intent.GOAL, "children"),
        ("vilket KF-mål hör nämndmålet om självförsörjning till", Intent.GOAL, "parent"),
        ("vilket mål hör enhetsmålet om arbetsmiljö till", Intent.GOAL, "parent"),
        ("vad är förväntat resultat för enhetsmålet om arbetsmiljö", Intent.GOAL, "field:forvantat_resultat"),
        ("vad är arbetssättet för enhetsmålet om självständigt liv", Intent.GOAL, "field:arbetssatt"),
        ("hur följs målet om kulturliv upp", Intent.GOAL, "field:uppfoljning"),
        ("vad står det om resursanvändning", Intent.GOAL, "field:resursanvandning"),
        ("vad är beskrivningen av nämndmålet om boende", Intent.GOAL, "field:beskrivning"),
        ("vad är enhetsmålet om hemlöshet", Intent.GOAL, None),
        ("när slutar aktiviteten om spelberoende", Intent.ACTIVITY, "end"),
        ("när började vi med aktiviteten om spelberoende", Intent.ACTIVITY, "start"),
        ("när ska moderniseringen av Tora vara klar", Intent.ACTIVITY, "end"),
        ("när ska programmet mot hemlöshet vara framtaget", Intent.ACTIVITY, "end"),
        ("vilka aktiviteter har vi", Intent.ACTIVITY, "list"),
        ("vad säger rutinen om hembesök", Intent.ROUTINE, None),
        ("hur hanterar vi klagomål", Intent.ROUTINE, None),
        ("hur gör HVT vid ett hyresmeddelande", Intent.ROUTINE, None),
        ("vilka bedömningsinstrument använder vi", Intent.ROUTINE, None),
        ("hur många anställda har vi", Intent.ORGANISATION, None),
        ("vem leder enheten", Intent.ORGANISATION, None),
        ("hur många jobbar i NP-teamet", Intent.ORGANISATION, None),
        ("vilket betyg fick vi i brukarundersökningen", Intent.OUTCOME, None),
        ("vad blev resultatet i medarbetarenkäten", Intent.OUTCOME, None),
        ("vad är målvärdet för antal vuxna", Intent.OUTCOME, None),
        ("vad är enhetens vision", Intent.GENERAL, None),
    ],
)
def test_intents(question: str, intent: Intent, sub_intent: str | None) -> None:
    check(read(question), {"intent": intent, "sub_intent": sub_intent})


@pytest.mark.parametrize(
    ("question", "abbreviation"),
    [
        ("vad betyder FUT", "FUT"),
        ("vad står APT för?", "APT"),
        ("Vad står SHIS för", "SHIS"),
        ("vad är IPS", "IPS"),
        ("vad är ips?", "IPS"),
        ("vad betyder fut", "FUT"),
        ("vad är NP-teamet?", "NP-teamet"),
        ("vad menas med SIP", "SIP"),
        ("vad betyder förkortningen LUM?", "LUM"),
        ("FUT?", "FUT"),
        ("vad betyder lex sarah", "lex sarah"),
    ],
)
def test_abbreviations(question: str, abbreviation: str) -> None:
    check(
        read(question), {"intent": Intent.ABBREVIATION, "abbreviation": abbreviation, "topic": abbreviation}
    )


@pytest.mark.parametrize("question", ["vad betyder det?", "vad står det i rutinen?", "vad är det?"])
def test_pronouns_are_not_abbreviations(question: str) -> None:
    assert read(question).intent is not Intent.ABBREVIATION


def test_goal_numbers() -> None:
    assert read("vilket nämndmål hör till KF-mål 1.3").goal_number == "1.3"
    assert read("mål 2.4 i vp 2020").goal_number == "2.4"
    assert read("vilka KF-mål finns under inriktningsmål 3").goal_number == "3"
    assert read("sjukfrånvaro 3.5 %").goal_number is None
    assert read("sjukfrånvaro dag 1-14").goal_number is None


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("vad är årsmålet för sjukfrånvaro på ek bistånd i Spånga 2020?", "sjukfrånvaro"),
        ("hur många ska få feriejobb", "feriejobb"),
        ("när slutar aktiviteten om spelberoende", "spelberoende"),
        ("vad säger rutinen om hembesök", "hembesök"),
        ("vad är förväntat resultat för enhetsmålet om arbetsmiljö", "arbetsmiljö"),
        ("hur ofta följs sjukfrånvaron upp?", "sjukfrånvaron"),
        (
            "vad är årsmålet för andel barn i familjer med ekonomiskt bistånd?",
            "andel barn familjer ekonomiskt bistånd",
        ),
    ],
)
def test_topic_is_the_question_minus_cues_and_mentions(question: str, topic: str) -> None:
    assert read(question).topic == topic


# ---------------------------------------------------------------- follow-ups, language, help


@pytest.mark.parametrize(
    "question",
    [
        "och 2020 då?",
        "vem ansvarar för det?",
        "och för Spånga?",
        "och KF:s årsmål då?",
        "när började den?",
        "samma för beroende",
        "än i Tensta?",
        "hur är det med Hässelby?",
        "vilka aktiviteter har de?",
        "2020 då?",
        "Spånga?",
    ],
)
def test_follow_ups(question: str) -> None:
    assert read(question).is_followup


@pytest.mark.parametrize(
    "question",
    [
        "vad är årsmålet för sjukfrånvaro?",
        "vilka mål har vi?",
        "vilka aktiviteter har vi?",
        "finns det någon rutin för klagomål?",
        "hur många anställda har enheten?",
        "vad betyder FUT?",
        "och vad säger verksamhetsplanen för stöd och aktivitet om klagomål och synpunkter från brukarna?",
    ],
)
def test_not_follow_ups(question: str) -> None:
    assert not read(question).is_followup


@pytest.mark.parametrize(
    ("question", "swedish"),
    [
        ("What is the annual target for sick leave?", False),
        ("How many employees does the unit have?", False),
        ("Mikä on vuoden tavoite?", False),
        ("Kuinka monta työntekijää yksikössä on?", False),
        ("vad är årsmålet för sjukfrånvaro", True),
        ("hur manga ska fa feriejobb", True),
        ("FUT?", True),
        ("årsmål feriejobb 2020", True),
    ],
)
def test_language(question: str, swedish: bool) -> None:
    assert read(question).looks_swedish is swedish


@pytest.mark.parametrize(
    "question",
    [
        "hjälp",
        "Hej!",
        "hej, vad kan du?",
        "vad kan jag fråga om?",
        "",
        "?",
        "Hej Planbot",
        "god morgon",
        "hur funkar det här?",
    ],
)
def test_help(question: str) -> None:
    reading = read(question)
    assert reading.is_help and not reading.is_followup


@pytest.mark.parametrize(
    "question",
    ["hej! vad är årsmålet för sjukfrånvaro?", "kan du hjälpa mig med rutinen för klagomål?", "tack"],
)
def test_not_help(question: str) -> None:
    assert not read(question).is_help


def test_text_is_whitespace_normalised() -> None:
    assert read("  vad   betyder\tFUT \n").text == "vad betyder FUT"


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
    assert reading.topic == "sjukfrånvaro dag 1-14" and reading.year == 2023


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


# ---------------------------------------------------------------- speed


def test_reading_is_fast() -> None:
    questions = [json.loads(line)["question"] for line in DEV.read_text(encoding="utf-8").splitlines()]
    for q in questions[:5]:
        read(q)  # warm the alias catalogue and stem cache
    start = time.perf_counter()
    for q in questions:
        read(q)
    mean_ms = (time.perf_counter() - start) / len(questions) * 1000
    assert mean_ms < 2.0, f"{mean_ms:.2f} ms per question"


# ---------------------------------------------------------------- the development question set

CATEGORIES = {
    "indicator",
    "goal",
    "activity",
    "routine",
    "organisation",
    "abbreviation",
    "outcome",
    "general",
    "ambiguous",
    "unanswerable",
    "followup",
}
MINIMUM = {
    "indicator": 30,
    "goal": 15,
    "activity": 12,
    "abbreviation": 8,
    "outcome": 6,
    "ambiguous": 10,
    "unanswerable": 10,
    "followup": 6,
}


def _dev_rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_dev_questions_parse_and_ids_are_unique() -> None:
    rows = _dev_rows()
    assert len(rows) >= 120
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert {"id", "category", "question", "answer_facts", "source", "evidence"} <= r.keys(), r
        assert r["category"] in CATEGORIES, r
        assert isinstance(r["question"], str) and r["question"].strip(), r
        assert isinstance(r["answer_facts"], list) and all(
            isinstance(f, str) and f for f in r["answer_facts"]
        )


def test_dev_question_categories_are_spread() -> None:
    counts = Counter(r["category"] for r in _dev_rows())
    for category, minimum in MINIMUM.items():
        assert counts[category] >= minimum, (category, counts[category])
    assert counts["routine"] + counts["organisation"] >= 12


def test_dev_evidence_is_an_exact_substring_of_its_source() -> None:
    texts: dict[str, str] = {}
    for r in _dev_rows():
        if r["category"] in ("ambiguous", "unanswerable"):
            assert r["source"] is None and r["evidence"] is None, r["id"]
            if r["category"] == "unanswerable":
                assert r["answer_facts"] == [], r["id"]
            continue
        source = texts.setdefault(r["source"], (SAMPLES / r["source"]).read_text(encoding="utf-8"))
        assert r["evidence"] and r["evidence"] in source, r["id"]
        for fact in r["answer_facts"]:
            assert fact in source, (r["id"], fact)


def test_dev_follow_ups_carry_their_conversation() -> None:
    for r in _dev_rows():
        if r["category"] == "followup":
            assert r.get("context") and all(isinstance(c, str) and c for c in r["context"]), r["id"]
