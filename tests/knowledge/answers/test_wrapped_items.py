"""Tests for `knowledge.answers.wrapped_items`: bullet items wrapped onto a line of their own."""

from __future__ import annotations

from pathlib import Path

from knowledge.answers.enumerations import enumerations
from knowledge.answers.wrapped_items import continues_item, open_endings, stops_mid_sentence
from knowledge.models import Chunk, ChunkKind
from tests.indicators.plans import UNIT, plan
from tests.knowledge.answers.test_enumerations import _answerer

_PRIORITIES = (
    "• Fler brukare ska ha en arbetsinriktad sysselsättning. Enheten inför IPS tillsammans med\n"
    "Jobbtorg Stockholm och Region Stockholm.\n"
    "• Brukarna ska vara mer delaktiga i sina genomförandeplaner.\n"
    "• Personalomsättningen bland boendestödjare ska minska."
)


def _chunk(text: str) -> Chunk:
    crumb = "Plan › Avsnitt"
    return Chunk(id="p.txt-e0", source="p.txt", kind=ChunkKind.SECTION, text=text, breadcrumb=crumb)


def test_the_table_holds_the_words_no_sentence_ends_with() -> None:
    words = open_endings()
    assert {"med", "och", "for", "till"} <= words
    assert all(word == word.lower() and " " not in word for word in words)


def test_an_item_ending_on_a_preposition_stops_mid_sentence() -> None:
    assert stops_mid_sentence("• Enheten inför IPS tillsammans med")
    assert stops_mid_sentence("- Samverkan sker med Arbetsförmedlingen och")
    assert not stops_mid_sentence("• Enheten inför IPS tillsammans med regionen.")
    assert not stops_mid_sentence("- Mottagningsgrupp")
    assert not stops_mid_sentence("- Team 1 (nära arbete/ung vuxna)")


def test_a_capitalised_line_continues_only_an_item_cut_mid_sentence() -> None:
    assert continues_item("• Enheten inför IPS tillsammans med", "Jobbtorg Stockholm och Region Stockholm.")
    assert continues_item("• Det digitala stödet utvecklas för en del av", "boendestödet.")
    assert continues_item("• Stödet ges i egen regi", "och i samverkan.")
    assert not continues_item("• Barns behov beaktas vid beslut som rör barn", "Enhetsmål:")
    assert not continues_item("• Personalomsättningen ska minska.", "Arbetssätt")


def test_a_bullet_wrapped_before_a_name_keeps_the_whole_list() -> None:
    [enum] = enumerations(_chunk(_PRIORITIES))
    assert len(enum.items) == 3 and enum.lead == ""
    assert enum.items[0].endswith("Jobbtorg Stockholm och Region Stockholm.")
    assert enum.quote == _PRIORITIES


def test_a_list_question_gets_the_first_item_of_a_wrapped_list(tmp_path: Path) -> None:
    prose = [("Inledning › Prioriterade områden 2022", _PRIORITIES)]
    answerer = _answerer(tmp_path, [(plan("sp.txt", UNIT, 2022, []), prose)])
    answer = answerer.answer("vilka prioriterade områden har enheten 2022?")
    assert "arbetsinriktad sysselsättning" in answer.answer and "Personalomsättningen" in answer.answer
    assert answer.citations[0].quote.startswith("• Fler brukare")
