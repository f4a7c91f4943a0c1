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
        "Ã la",  # a lone lead without a continuation
        "â€x",  # a three-byte lead with one continuation only
        "",
    ):
        assert repair_text(text) == text


def test_runs_that_decode_outside_the_accepted_blocks_stay() -> None:
    # "â†’" is "→" (U+2192): an arrow, not punctuation Swedish prose holds, so it is left as is.
    assert repair_text("â†’") == "â†’"
    # A C1 control (U+0085) is not a letter or sign of the Latin-1 block.
    assert repair_text("Â\u0085") == "Â\u0085"


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
