"""The doing and the matter of a "vem …?" question's topic."""

from __future__ import annotations

import pytest

from knowledge.understand.who_topic import WhoTopic, parse, split_topic, verbs, who_split


def test_the_verbs_that_only_say_someone_does_it_are_the_doing() -> None:
    assert split_topic("ansvarar fixa väntelistan") == WhoTopic(("väntelistan",), ("ansvarar", "fixa"))
    # Folded and with punctuation at the edges: staff type without å/ä/ö.
    assert split_topic("haller apt:n") == WhoTopic(("apt:n",), ("haller",))
    assert split_topic("sköter introt") == WhoTopic(("introt",), ("sköter",))


def test_verbs_that_name_the_matter_stay_in_it() -> None:
    # The documents say these too ("följs upp av", "fördelar inkomna anmälningar").
    split = split_topic("följer upp ekonomin")
    assert split.doing == () and split.matter == ("följer", "upp", "ekonomin")
    assert split_topic("fördelar orosanmälningar").doing == ()


def test_only_a_question_asking_who_with_a_matter_is_split() -> None:
    assert who_split("håller apt", "vem håller i APT?") == WhoTopic(("apt",), ("håller",))
    assert who_split("ansvar internkontroll", "vems ansvar är internkontrollen?") is not None
    # Nothing but the verb: it is all there is to go on.
    assert who_split("ansvarar", "vem ansvarar?") is None
    # No one is asked for: "håller" is part of the matter.
    assert who_split("håller apt", "hur länge håller APT på?") is None


def test_the_table_is_parsed_and_checked() -> None:
    assert parse("# note\nskoter\tsköta\nfixa\n") == frozenset({"skoter", "fixa"})
    assert {"ansvarar", "haller", "kollar", "skoter"} <= verbs()
    assert "foljer" not in verbs() and "fordelar" not in verbs()
    with pytest.raises(ValueError):
        parse("hå ller\tx\n")
    # A table passed in is used instead of the packaged one.
    assert split_topic("bakar brödet", frozenset({"bakar"})).doing == ("bakar",)
