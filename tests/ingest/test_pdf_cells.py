"""PDF cell text: lines of a cell joined, words cut by the column or hyphenated settled by the document."""

from __future__ import annotations

import pytest

from ingest.readers.base import Line
from ingest.readers.pdf_cells import Fragment, continuation_row, glue, join_fragments, resolve_breaks

SIZE = 11.0
RIGHT = 180.0


def _cell(*texts: str, full: tuple[int, ...] = ()) -> str:
    """A cell's text from its lines; lines whose index is in `full` reach the column's right edge."""
    fragments = [Fragment(text, 90.0, RIGHT - 2 if i in full else 120.0) for i, text in enumerate(texts)]
    return join_fragments(fragments, RIGHT, SIZE)


def _settle(cell: str, *elsewhere: str) -> str:
    lines = [Line(text=text) for text in elsewhere] + [Line(text=cell, cells=(cell, "75 %"))]
    return resolve_breaks(lines)[-1].cells[0]  # type: ignore[index]


@pytest.mark.parametrize(
    ("lines", "full", "elsewhere", "expected"),
    [
        # A word too long for the column is cut without a hyphen; "ning" is no word of its own.
        (
            ("Förhandsbedöm", "ning angående FUT"),
            (0,),
            ("Vi gör en bedömning.",),
            "Förhandsbedömning angående FUT",
        ),
        # A natural wrap after a single long word: the next word is a word of the document.
        (
            ("bostadskontrakt", "enligt Bostad först"),
            (0,),
            ("Arbetet sker enligt plan.",),
            "bostadskontrakt enligt Bostad först",
        ),
        # Hyphenation; the whole word occurs elsewhere in the document.
        (("inom verksam-", "heten"), (), ("Verksamheten växer.",), "inom verksamheten"),
        (("Förhandsbedöm-", "ning sker"), (), (), "Förhandsbedömning sker"),
        # The text's own hyphens stay.
        (("hot- och", "våld-", "incidenter"), (), ("Våld i nära relation.",), "hot- och våld-incidenter"),
        (("Hemlöshets-", "och vräkningsförebyggande"), (), (), "Hemlöshets- och vräkningsförebyggande"),
        (("FUT-", "handläggare"), (), (), "FUT-handläggare"),
        (("klienter 18-", "29 år"), (), (), "klienter 18-29 år"),
        # A line that did not reach the edge ended on purpose.
        (("Andel unga i", "insats"), (), (), "Andel unga i insats"),
    ],
)
def test_cell_lines_joined(
    lines: tuple[str, ...], full: tuple[int, ...], elsewhere: tuple[str, ...], expected: str
) -> None:
    assert _settle(_cell(*lines, full=full), *elsewhere) == expected


def test_abbreviation_parts_are_no_words() -> None:
    # "ex" of "t.ex." must not make "Medskapandeind" + "ex" two words.
    assert (
        _settle(_cell("Aktivt", "Medskapandeind", "ex", full=(1,)), "t.ex. enkäter")
        == "Aktivt Medskapandeindex"
    )


@pytest.mark.parametrize(
    ("row", "before", "expected"),
    [
        (
            ("avvärjas efter meddelande", "", "av nämnd", ""),
            ("Andel avhysningar som kunnat", "55 %", "Tas fram", "Tertial"),
            True,
        ),
        (("", "", "2023-12-31"), ("Enheten ser över", "2023-01-01", ""), True),
        (
            ('"Okänt" (Ekonomiskt bistånd)', "", "", ""),
            ("Andel som avslutas till kodningen", "15 %", "", "År"),
            True,
        ),
        (("Antal vräkningar", "0", "Tas fram", "År"), ("Andel barn", "", "2,7 %", "Tertial"), False),
    ],
)
def test_row_split_by_a_page_break(row: tuple[str, ...], before: tuple[str, ...], expected: bool) -> None:
    assert continuation_row(row, before) is expected


def test_hyphen_after_one_letter_is_the_words_own() -> None:
    # Hyphenation leaves at least two letters before the break: "e-" + "tjänsten" keeps its hyphen.
    lines = resolve_breaks([Line(text=glue("Anmäl via e-", "tjänsten samma dag."))])
    assert lines[0].text == "Anmäl via e-tjänsten samma dag."
    lines = resolve_breaks([Line(text=glue("en förhandsbedöm-", "ning görs"))])
    assert lines[0].text == "en förhandsbedömning görs"
