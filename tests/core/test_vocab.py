"""The shared reader of the vocabulary tables (`core.vocab`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.vocab import Row, VocabError, read_rows, rows

TABLE = "# kind<TAB>word<TAB>note\n\nverb\tansvara\tanteckning\n  \n#comment\nroll\tchef\n"


def test_rows_skip_comments_and_blank_lines_and_keep_line_numbers() -> None:
    found = rows(TABLE, "t.tsv")
    assert [(r.no, r.cells) for r in found] == [(3, ("verb", "ansvara", "anteckning")), (6, ("roll", "chef"))]


def test_an_indented_hash_is_data_not_a_comment() -> None:
    # Only a `#` in the first column opens a comment; the tables have always been read so.
    assert [r.cells for r in rows("  #x\tord\n", "t.tsv")] == [("  #x", "ord")]


def test_cell_strips_and_defaults_and_rest_keeps_tabs() -> None:
    row = rows("a \t b \tc\td\n", "t.tsv")[0]
    assert row.cell(1) == "b"
    assert row.cell(7, "-") == "-"
    assert row.rest(2) == "c\td"
    assert row.rest(9) == ""


def test_too_few_columns_names_file_line_and_the_expected_form(tmp_path: Path) -> None:
    path = tmp_path / "ord.tsv"
    path.write_text("# rubrik\n\nverb\tansvara\nroll\n", encoding="utf-8")
    with pytest.raises(VocabError) as caught:
        read_rows(path, min_columns=2, expected="'slag<TAB>ord'")
    assert str(caught.value) == "ord.tsv rad 4: väntade 'slag<TAB>ord', fick 'roll'"
    assert (caught.value.name, caught.value.line_no) == ("ord.tsv", 4)
    assert isinstance(caught.value, ValueError)


def test_too_few_columns_without_a_form_says_how_many() -> None:
    with pytest.raises(VocabError, match=r"^t.tsv rad 1: väntade minst 3 kolumner, fick 'a\\tb'$"):
        rows("a\tb\n", "t.tsv", min_columns=3)


def test_row_errors_name_file_and_line() -> None:
    row = Row("t.tsv", 5, "x\ty", ("x", "y"))
    assert str(row.error("'a<TAB>b'")) == "t.tsv rad 5: väntade 'a<TAB>b', fick 'x\\ty'"
    assert str(row.fail("okänd roll 'y'")) == "t.tsv rad 5: okänd roll 'y'"
