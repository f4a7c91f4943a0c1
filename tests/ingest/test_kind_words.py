"""The parser's two-column word tables (`ingest.parser.kind_words`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.vocab import VocabError
from ingest.parser.kind_words import kind_words


def test_words_of_one_kind_folded_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("# roll<TAB>ord\n\nname\tMått\nstart\tfrån den\n name \tIndikator*\n", encoding="utf-8")
    assert kind_words(path, "name") == ["matt", "indikator*"]
    assert kind_words(path, "end") == []


def test_a_line_without_its_word_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("name\tmatt\nname\n", encoding="utf-8")
    with pytest.raises(VocabError, match=r"^t.tsv rad 2: väntade 'slag<TAB>ord', fick 'name'$"):
        kind_words(path, "name")
