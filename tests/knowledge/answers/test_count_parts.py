"""A count stated for another noun, or only for the whole of the part asked (answers/count_parts.py)."""

from __future__ import annotations

from knowledge.answers.count_parts import asked_stems, counts_other_noun, part_unstated, restriction

NORRMALM = [
    "Mottagningsenheten barn och unga",
    "Norrmalm",
    "Verksamhetsplan 2026 Mottagningsenheten barn och unga",
]
REPORTS = (
    "Under 2025 kom det in 2 140 orosanmälningar som gällde 1 460 barn. "
    "Skolan stod för 41 procent av anmälningarna och polisen för 23 procent."
)


# --- (a) the number must count the asked noun ----------------------------------------------------


def test_a_number_for_a_neighbouring_noun_does_not_count_the_asked_one() -> None:
    quote = "De två arbetsinstruktörerna på Nätverkets datasal tillhandahåller arbetsträning i egen regi."
    assert counts_other_noun("hur manga brukare har natverkets datasal? hagersten", [quote])
    assert counts_other_noun(
        "hur många föräldrar svarade på enkäten 2021?", ["År 2021 svarade 312 familjer."]
    )


def test_the_asked_noun_a_word_form_or_a_compound_with_its_head_counts_it() -> None:
    assert not counts_other_noun("hur många brukare har beroendedelen?", ["Beroendedelens 220 brukare."])
    assert not counts_other_noun("hur många familjer fick stöd?", ["Under 2024 fick 312 familjer stöd."])
    assert not counts_other_noun("hur många anmälningar kom in?", ["Det kom in 2 140 orosanmälningar."])
    assert not counts_other_noun("hur många skyddsombud har vi?", ["Enheten har tre skyddsombud."])


def test_a_thesaurus_synonym_of_the_asked_noun_counts_it() -> None:
    # "pågående fall" ~ "aktuella ärenden", "anställda" ~ "medarbetare", "klienter" = "brukare" (thesaurus)
    assert not counts_other_noun(
        "hur många pågående fall har vuxenenheten?",
        ["Enheten har 34 medarbetare och cirka 410 aktuella ärenden."],
    )
    assert not counts_other_noun("hur många anställda har familjerätten?", ["Enheten har 15 medarbetare."])
    assert not counts_other_noun("hur många medarbetare har vi?", ["Antal anställda: 34 anställda."])
    assert not counts_other_noun(
        "hur många klienter fick stöd via video?", ["41 brukare fick stöd via video."]
    )
    assert {"arend", "aktuell"} <= asked_stems("hur många pågående fall har vi?")[-1]


def test_generic_counters_table_rows_and_quotes_without_counts_are_left_to_the_other_checks() -> None:
    staff = "Boendestödet består av 13 medarbetare som ger stöd till personer med psykisk ohälsa."
    assert not counts_other_noun("hur många personer jobbar på boendestödet?", [staff])
    assert not counts_other_noun("hur många SIP gör vi?", ["Antal utförda SIP\t140\t\tTertial"])
    assert not counts_other_noun("hur många brukare har vi?", ["Brukarna deltar i planeringen varje år."])
    assert not counts_other_noun("hur många brukare har vi?", ["Under 2020 ökade andelen med 30 procent."])
    assert not counts_other_noun("vilka brukare har vi?", ["Enheten har två arbetsinstruktörer."])


# --- (b) a part asked is not answered by the whole -------------------------------------------------


def test_the_restriction_is_what_the_part_is_besides_its_frame_and_the_unit() -> None:
    question = "hur många av orosanmälningarna 2025 kom från polisen hos oss på norrmalm? antal alltså"
    assert "polis" in restriction(question, NORRMALM)
    assert not restriction(question, NORRMALM) & {"kom", "norrmalm", "orosanmaln", "2025"}
    assert restriction("hur många orosanmälningar kom in 2025?", NORRMALM) == set()


def test_a_part_is_not_answered_by_the_whole_or_by_a_share() -> None:
    assert part_unstated(
        "hur många av orosanmälningarna 2025 kom från polisen hos oss på norrmalm?", [REPORTS], NORRMALM
    )
    assert part_unstated("hur många av orosanmälningarna kom från skolan?", [REPORTS], NORRMALM)
    whole = "Under 2022 tog enheten emot 412 nya ärenden, det högsta antalet sedan enheten bildades 2017."
    other = "Under 2022 gick fyra medarbetare en fördjupningsutbildning om hedersrelaterat våld."
    assert part_unstated("hur många av de nya ärendena 2022 gällde hedersrelaterat våld?", [whole, other])


def test_a_part_stated_with_its_restriction_answers() -> None:
    assert not part_unstated(
        "hur många av medarbetarna är kvinnor?",
        ["Enheten har totalt 55 medarbetare, varav 42 kvinnor och 13 män."],
    )
    assert not part_unstated(
        "hur många av socialsekreterarna har gått utbildningen i barnsamtal?",
        ["Alla socialsekreterare har socionomexamen och sju av dem har gått utbildningen i barnsamtal."],
    )
    assert not part_unstated(
        "hur många av familjerna fick öppna insatser 2024?",
        ["Under 2024 fick 312 familjer stöd av enheten, varav 118 genom öppna insatser."],
    )


def test_questions_that_ask_no_part_and_table_rows_are_not_judged() -> None:
    assert not part_unstated("hur många orosanmälningar kom in 2025?", [REPORTS], NORRMALM)
    assert not part_unstated("hur många av våra mål nådde vi?", ["Mål\tUppnått\t2 av 3"])


def test_a_noun_the_plans_count_in_another_word_is_counted_by_it() -> None:
    # count lines of the thesaurus: residents are counted as "brukare"; "heltider" > "årsanställda"
    home = "På Kyrkogatans gruppboende, som består av tre våningsplan med sammanlagt 22 brukare, bor …"
    assert not counts_other_noun("hur många boende har kyrkogatan?", [home])
    staff = "Droppen sysselsätter cirka 35 brukare och har sex medarbetare, kvinnor, 5,4 årsanställda."
    assert not counts_other_noun("dom sex som jobbar på droppen, hur många heltider blir det?", [staff])


def test_a_count_asked_with_no_noun_after_it_is_not_judged() -> None:
    days = "Vi ska varje år ha två enhetsdagar som ska vara inspirerande."
    assert asked_stems("vi har enhetsdagar, hur många blir det per år?") == []
    assert not counts_other_noun("vi har enhetsdagar, hur många blir det per år?", [days])


def test_a_count_of_a_role_counts_the_staff() -> None:
    course = "Under 2020 gick 12 boendestödjare stadens utbildning i lågaffektivt bemötande."
    assert not counts_other_noun("hur många medarbetare gick lågaffektivt bemötande 2020?", [course])
    assert not counts_other_noun("hur många anställda har teamen?", ["Teamen har 36 socialsekreterare."])
    # A role is no brukare.
    assert counts_other_noun("hur många brukare har datasalen?", ["Där arbetar två arbetsinstruktörer."])
