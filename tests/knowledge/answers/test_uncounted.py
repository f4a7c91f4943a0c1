"""A count question whose quotes name the counted noun but never count it (answers/prose_counts.uncounted)."""

from __future__ import annotations

from knowledge.answers.prose_counts import uncounted


def test_a_noun_named_only_in_passing_is_not_counted() -> None:
    quote = (
        "1. Brukardelaktighet\n2. Hot och våld och säkerhet\n\n"
        "Dialog, delaktighet och gemensamt ansvar mellan chefsgrupp, skyddsombud och medarbetare."
    )
    assert uncounted("hur många skyddsombud har ek bistånd i spånga?", [quote])


def test_a_number_or_article_before_the_noun_counts_it() -> None:
    assert not uncounted("hur många skyddsombud har vi?", ["Enheten har tre skyddsombud."])
    assert not uncounted("hur många skyddsombud har vi?", ["Enheten har 3 utsedda skyddsombud."])
    assert not uncounted("hur många enhetschefer har vi?", ["Enheten leds av en enhetschef."])


def test_table_rows_other_counts_and_compounds_are_left_to_the_other_checks() -> None:
    row = "Antal utförda samordnad individuell plan (SIP)\t140\t\tTertial"
    assert not uncounted("hur många SIP ska vi göra?", [row])
    staff = "Boendestödet består av 13 medarbetare som ger stöd till personer med psykisk ohälsa."
    assert not uncounted("hur många personer jobbar på boendestödet?", [staff])
    home = "Kyrkogatans gruppboende är bemannat dygnet runt med sovande jour."
    assert not uncounted("hur många boende har kyrkogatan?", [home])


def test_a_question_without_a_counted_noun_is_not_judged() -> None:
    assert not uncounted("hur många jobbar där?", ["Där arbetar medarbetare och chefer."])
    assert not uncounted("vilka skyddsombud har vi?", ["mellan chefsgrupp, skyddsombud och medarbetare"])
