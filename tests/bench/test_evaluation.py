"""Quality metrics on hand-made answers (no model, no data directory)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.evaluation import (
    DevQuestion,
    EvalQuestion,
    QuestionKind,
    Rate,
    build_report,
    evidence_matches,
    fact_in,
    load_questions,
    missing_facts,
    normalise,
    percentile,
    run_questions,
    score_answer,
    summarize,
)
from knowledge.answer import Answer, Citation, ConversationContext, DeclineReason

PLAN = "000_plan.txt"
OTHER = "001_other.txt"


def cite(n: int, source: str, quote: str) -> Citation:
    return Citation(n=n, source=source, title="Verksamhetsplan", section="Plan › Indikatorer", quote=quote)


def answer(text: str, *citations: Citation, kind: str = "indicator") -> Answer:
    return Answer(answer=text, kind=kind, citations=list(citations))


def question(**fields: object) -> DevQuestion:
    base: dict[str, object] = {"id": "q1", "category": "indicator", "question": "Vad är årsmålet?"}
    return DevQuestion.model_validate(base | fields)


# -- normalisation and matching -------------------------------------------------------


def test_normalise_folds_letters_case_markers_markup_and_whitespace() -> None:
    assert normalise("**Årsmål**  för\tSJUKFRÅNVARO [2]\n är 5,2 %") == "arsmal for sjukfranvaro ar 5,2 %"


def test_evidence_found_in_answer_text_despite_tabs_and_markup() -> None:
    a = answer("Årsmålet: Andel individer som avslutas enligt plan **50 %** [1]", cite(1, PLAN, "x"))
    assert evidence_matches("Andel individer som avslutas enligt plan\t50 %", a)


def test_evidence_matches_quote_inside_longer_evidence_with_ocr_spelling() -> None:
    a = answer("Se källan [1].", cite(1, PLAN, "Försörjningsstöd ska återkopplas inom två veckor…"))
    evidence = "Enheten har en rutin: forsorjningsstod ska aterkopplas inom tva veckor fran forsta kontakt."
    assert evidence_matches(evidence, a)


def test_evidence_matches_when_evidence_is_inside_a_longer_quote() -> None:
    a = answer("Se [1].", cite(1, PLAN, "Inledning. Brukarrådet har möten fyra gånger/år. Alla är välkomna."))
    assert evidence_matches("Brukarrådet har möten fyra gånger/år.", a)


def test_evidence_matches_on_sixty_percent_shared_words() -> None:
    a = answer("Se [1].", cite(1, PLAN, "Enheten har totalt 55 medarbetare och två team"))
    # 5 of the evidence's 7 distinct words are in the quote: 71 % ≥ 60 %.
    assert evidence_matches("Enheten har totalt 55 medarbetare varav kvinnor", a)


def test_evidence_not_matched_below_sixty_percent() -> None:
    a = answer("Sjukfrånvaron ska minska [1].", cite(1, PLAN, "Enheten har totalt 55 medarbetare"))
    assert not evidence_matches("Brukarrådet har möten fyra gånger per år", a)


def test_facts_compared_case_and_whitespace_normalised() -> None:
    a = answer("Målet är 5,2%  och KF:s mål är 1 050 st [1]", cite(1, PLAN, "Tas fram av Nämnd/Styrelse"))
    assert missing_facts(["5,2 %", "1050 st", "tas fram av nämnd/styrelse"], a) == []
    assert missing_facts(["5,2 %", "7,5 %"], a) == ["7,5 %"]


# -- scoring ----------------------------------------------------------------------------


def test_source_first_and_top3() -> None:
    q = question(source=PLAN, answer_facts=["50 %"], evidence="avslutas enligt plan 50 %")
    a = answer("50 % [1] [2]", cite(1, OTHER, "annat"), cite(2, PLAN, "avslutas enligt plan 50 %"))
    r = score_answer(q, a, 12.0)
    assert (r.source_top3, r.source_first, r.evidence, r.facts, r.answered) == (True, False, True, True, True)
    assert r.cited_sources == [OTHER, PLAN]


def test_source_beyond_third_citation_is_not_top3() -> None:
    q = question(source=PLAN)
    a = answer("x", *(cite(n, OTHER, "y") for n in range(1, 4)), cite(4, PLAN, "z"))
    assert score_answer(q, a, 1.0).source_top3 is False


def test_missing_fact_is_listed_and_not_found_is_not_answered() -> None:
    q = question(source=PLAN, answer_facts=["50 %"])
    r = score_answer(q, answer("Jag hittar inget svar.", kind="not_found"), 1.0)
    assert r.facts is False and r.missing_facts == ["50 %"] and r.answered is False
    assert r.source_first is False


def test_a_declines_reason_is_written_per_question() -> None:
    q = question(category="unanswerable")
    declined = Answer(answer="Jag hittar inget.", kind="not_found", decline=DeclineReason.MISSING_YEAR)
    r = score_answer(q, declined, 1.0)
    assert r.decline_reason == "missing_year"
    assert json.loads(r.model_dump_json())["decline_reason"] == "missing_year"
    answered = score_answer(q, answer("Något [1]", cite(1, PLAN, "x"), kind="passages"), 1.0)
    assert answered.decline_reason is None


def test_unanswerable_scored_only_on_declining() -> None:
    q = question(category="unanswerable")
    assert score_answer(q, answer("Jag hittar inget.", kind="not_found"), 1.0).declined is True
    r = score_answer(q, answer("Något [1]", cite(1, PLAN, "x"), kind="passages"), 1.0)
    assert r.declined is False
    assert (r.source_first, r.facts, r.evidence, r.answered) == (None, None, None, None)


def test_ambiguous_handled_by_clarifying_or_showing_every_fact() -> None:
    q = question(category="ambiguous", answer_facts=["4,6 %", "2,7 %"])
    assert score_answer(q, answer("Menar du Spånga eller Hägersten?", kind="clarify"), 1.0).ambiguous is True
    assert score_answer(q, answer("Spånga 4,6 %, Hägersten 2,7 %"), 1.0).ambiguous is True
    assert score_answer(q, answer("Spånga 4,6 %"), 1.0).ambiguous is False
    assert score_answer(q, answer("Spånga 4,6 %"), 1.0).facts is None


# -- aggregation -----------------------------------------------------------------------


def test_percentile_interpolates_like_numpy() -> None:
    values = [10.0, 20.0, 30.0, 40.0, 100.0]
    assert percentile(values, 50) == 30.0
    assert percentile(values, 95) == pytest.approx(88.0)
    assert percentile([], 95) == 0.0


def test_rate_without_applicable_questions_is_none() -> None:
    assert Rate().value is None and Rate().percent() == "–"
    assert Rate(hits=1, total=4).percent() == "25.0 % (1/4)"


def test_summary_and_report_by_category() -> None:
    q1 = question(id="a", source=PLAN)
    q2 = question(id="b", source=PLAN)
    q3 = question(id="c", category="unanswerable")
    results = [
        score_answer(q1, answer("x [1]", cite(1, PLAN, "x")), 10.0),
        score_answer(q2, answer("x [1]", cite(1, OTHER, "x")), 30.0),
        score_answer(q3, answer("nej", kind="not_found"), 20.0),
    ]
    overall = summarize(results)
    assert (overall.source_first.hits, overall.source_first.total) == (1, 2)
    assert (overall.declined.hits, overall.declined.total) == (1, 1)
    assert overall.p50_ms == 20.0
    report = build_report(results)
    assert list(report.by_category) == ["indicator", "unanswerable"]
    assert report.by_category["indicator"].questions == 2
    assert report.model_dump(mode="json")["overall"]["source_first"]["value"] == 0.5


def test_run_questions_asks_context_first_in_one_conversation() -> None:
    asked: list[tuple[str, str | None]] = []

    def fake(text: str, context: ConversationContext | None) -> Answer:
        asked.append((text, context.topic if context else None))
        return Answer(answer=f"svar på {text}", kind="indicator", context=ConversationContext(topic=text))

    q = question(question="och KF:s mål då?", context=["årsmålet i Spånga?", "och i Hägersten?"])
    report = run_questions(fake, [q])
    assert asked == [
        ("årsmålet i Spånga?", None),
        ("och i Hägersten?", "årsmålet i Spånga?"),
        ("och KF:s mål då?", "och i Hägersten?"),
    ]
    assert len(report.results) == 1 and report.results[0].id == "q1"


def test_load_questions_skips_blanks_and_names_a_bad_line(tmp_path: Path) -> None:
    good = tmp_path / "q.jsonl"
    good.write_text('{"id": "a", "category": "goal", "question": "Vilka mål?"}\n\n# note\n', encoding="utf-8")
    assert [q.id for q in load_questions(good)] == ["a"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "category": "goal", "question": "x"}\n{"id": 1}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:2"):
        load_questions(bad)


# -- the staff format and the matching rules of the independent staff set -----------------


def test_staff_format_turns_source_lists_and_null_read_into_one_model(tmp_path: Path) -> None:
    path = tmp_path / "staff.jsonl"
    lines = [
        {"id": "d1", "category": "indicator", "question": "Årsmålet?", "source": PLAN, "evidence": "x 50 %"},
        {"id": "s1", "category": "followup", "turns": ["Årsmålet i Spånga?", "och KF:s?"], "source": PLAN},
        {
            "id": "s2",
            "category": "ambiguous",
            "question": "Årsmålet?",
            "source": [PLAN, OTHER],
            "evidence": ["a", "b"],
        },
        {"id": "s3", "category": "negative", "question": "Årsmålet 2031?", "source": None, "evidence": None},
    ]
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    d1, s1, s2, s3 = load_questions(path)
    assert (d1.kind, d1.single_source, d1.evidence_texts) == (QuestionKind.ANSWERABLE, PLAN, ["x 50 %"])
    assert (s1.question, s1.context, s1.kind) == (
        "och KF:s?",
        ["Årsmålet i Spånga?"],
        QuestionKind.ANSWERABLE,
    )
    assert (s2.kind, s2.sources, s2.single_source, s2.evidence_texts) == (
        QuestionKind.AMBIGUOUS,
        [PLAN, OTHER],
        None,
        ["a", "b"],
    )
    assert (s3.kind, s3.sources, s3.evidence_texts) == (QuestionKind.UNANSWERABLE, [], [])


@pytest.mark.parametrize(
    "line",
    [
        {"id": "x", "category": "followup", "turns": [], "source": PLAN},
        {"id": "x", "category": "followup", "turns": ["a", "b"], "question": "c"},
    ],
)
def test_turns_must_be_a_conversation_and_not_beside_a_question(line: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="turns"):
        EvalQuestion.model_validate(line)


def test_repeated_id_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    path.write_text('{"id": "a", "category": "goal", "question": "x"}\n' * 2, encoding="utf-8")
    with pytest.raises(ValueError, match=r"dup.jsonl:2.*twice"):
        load_questions(path)


@pytest.mark.parametrize(
    ("fact", "text", "found"),
    [
        ("50 %", "målet är 150 %", False),
        ("50 %", "målet är 50 % i år", True),
        ("3,5", "13,5 procent", False),
        ("3,5", "3,55 procent", False),
        ("3,5 %", "Sjukfrånvaro dag 1-14: 3,5%", True),
        ("0", "Antal vräkningar: 10", False),
        ("0", "Antal vräkningar: 0.", True),
        ("1050", "ca 1 050 personer", True),
        ("2023-01-20", "startar 2023-01-20", True),
        ("Försörjningsstöd", "forsorjningsstod", True),
        ("forsorjningsstod", "FÖRSÖRJNINGSSTÖD", True),
        ("4", "enheten har fyra team", True),
        ("3", "det tredje målet", False),
        ("10", "tio direkt underställda", True),
        ("1", "en enhetschef", False),
    ],
)
def test_fact_matching_digit_boundaries_letters_and_number_words(fact: str, text: str, found: bool) -> None:
    assert fact_in(fact, normalise(text)) is found


def test_negative_category_scored_as_unanswerable_and_ambiguous_list_by_clarifying() -> None:
    neg = question(category="negative", source=None)
    assert score_answer(neg, answer("Jag hittar inget.", kind="not_found"), 1.0).declined is True
    amb = question(category="ambiguous", source=[PLAN, OTHER], answer_facts=["3,5 %", "2,5 %"])
    r = score_answer(amb, answer("Hägersten 3,5 % [1], Liljeholmen 2,5 % [2]"), 1.0)
    assert r.ambiguous is True and r.source_first is None
    missed = score_answer(amb, answer("Hägersten 3,5 %"), 1.0)
    assert missed.ambiguous is False and missed.missing_facts == ["2,5 %"]
