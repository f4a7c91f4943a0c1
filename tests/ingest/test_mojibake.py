"""Mojibake repair ("Ã¤" for "ä") on hand-built text, lines and a read .txt file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.readers import read_document
from ingest.readers.base import Line
from ingest.readers.mojibake import repair_lines, repair_text

_SWEDISH = "Åsa på Östermalm fick 4,2 % – en ökning från 2016–2018 för Ängby, «här» § 5 café ’s”"


def _as_cp1252(text: str) -> str:
    # Windows maps the five bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D: the
    # last is in "”") to the C1 controls of the same number.
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


def _as_latin1(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


@pytest.mark.parametrize("garble", [_as_cp1252, _as_latin1], ids=["cp1252", "latin1"])
def test_utf8_read_as_a_western_code_page_is_restored(garble: object) -> None:
    garbled = garble(_SWEDISH)  # type: ignore[operator]
    assert garbled != _SWEDISH
    assert repair_text(garbled) == _SWEDISH


def test_the_common_runs() -> None:
    assert repair_text("KvalitetsutmÃ¤rkelsen") == "Kvalitetsutmärkelsen"
    assert repair_text("Ã…r 2016â€“2018 Ã–stermalm Ã„ldre") == "År 2016–2018 Östermalm Äldre"


def test_text_without_mojibake_is_unchanged() -> None:
    for text in (
        _SWEDISH,
        "ÄÅ– ”Ä” Ö» pâté â la carte",  # Swedish capitals before punctuation, a French â
        "Trädgårdsgatan 5 Ã",  # a lone lead at the end of a line
        "â€x",  # a three-byte lead with one continuation only
        "Ärende § 12: Åtgärd – Ökad närvaro (ÄBO) 2023–2024",
        "",
    ):
        assert repair_text(text) == text


def test_mojibake_beyond_the_latin1_letters_is_restored_too() -> None:
    # Names in Latin Extended letters: "Ä‡" is the UTF-8 of "ć" read as Windows-1252, although
    # its lead is a Swedish capital; a table of leads left it, ftfy decodes it.
    assert repair_text("Handläggare: Ivana MarkoviÄ‡") == "Handläggare: Ivana Marković"
    # An arrow (U+2192) written in a process description.
    assert repair_text("Anmälan â†’ förhandsbedömning") == "Anmälan → förhandsbedömning"
    # A UTF-8 "à" whose NBSP byte became a space on the way ("Ã\xa0" -> "Ã ").
    assert repair_text("kostnad Ã 450 kr") == "kostnad à 450 kr"


def test_a_short_line_alone_is_too_little_to_judge() -> None:
    # "Ã¥r" is "år", but a word may begin with a capital and a sign: ftfy leaves it alone...
    assert repair_text("Ã¥r") == "Ã¥r"


def test_a_document_in_mojibake_is_judged_whole() -> None:
    # ...while in a document that is all one mis-decoding, the short line and cell are repaired too.
    lines = [
        Line(text=_as_cp1252("Resultat för Familjehemsenheten 2019"), heading=1),
        Line(text=_as_cp1252("År\tAndel"), cells=(_as_cp1252("År"), _as_cp1252("Andel"))),
        Line(text=_as_cp1252("år")),
        Line(text="2018\t84 %", cells=("2018", "84 %")),
    ]
    repaired = repair_lines(lines)
    assert [line.text for line in repaired.lines] == [
        "Resultat för Familjehemsenheten 2019",
        "År\tAndel",
        "år",
        "2018\t84 %",
    ]
    assert repaired.lines[1].cells == ("År", "Andel")
    assert repaired.lines[3] is lines[3]
    assert repaired.changed == 3


def test_a_document_mixing_right_and_garbled_lines_is_judged_line_by_line() -> None:
    lines = [
        Line(text="Målet för året är uppnått"),  # right: must stay
        Line(text=_as_cp1252("Åtgärder för ökad närvaro")),  # garbled: repaired on its own
        Line(text="Handläggare: Ivana MarkoviÄ‡"),
    ]
    repaired = repair_lines(lines)
    assert repaired.lines[0] is lines[0]
    assert [line.text for line in repaired.lines[1:]] == [
        "Åtgärder för ökad närvaro",
        "Handläggare: Ivana Marković",
    ]
    assert repaired.changed == 2


def test_lines_and_cells_are_repaired_and_untouched_lines_kept() -> None:
    clean = Line(text="Resultat 2018", page=1)
    lines = [
        clean,
        Line(
            text=_as_cp1252("Andel i konsulentstödda hem\t22 %"),
            cells=(_as_cp1252("Andel i konsulentstödda hem"), "22 %"),
        ),
        Line(text=_as_cp1252("Målet uppnåddes"), page=3, heading=2),
    ]
    repaired = repair_lines(lines)
    assert repaired.changed == 2
    assert repaired.lines[0] is clean
    assert repaired.lines[1].cells == ("Andel i konsulentstödda hem", "22 %")
    assert repaired.lines[1].text == "Andel i konsulentstödda hem\t22 %"
    assert (repaired.lines[2].text, repaired.lines[2].page, repaired.lines[2].heading) == (
        "Målet uppnåddes",
        3,
        2,
    )


def test_a_read_document_comes_back_repaired(tmp_path: Path) -> None:
    path = tmp_path / "vp.txt"
    path.write_text(
        _as_cp1252("# Verksamhetsplan 2019 för Familjehemsenheten\n\nMålvärde: 90 procent\n"), "utf-8"
    )
    texts = [line.text for line in read_document(path, 10_000_000).lines if line.text]
    assert texts == ["Verksamhetsplan 2019 för Familjehemsenheten", "Målvärde: 90 procent"]
