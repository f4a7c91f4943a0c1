"""The synthetic corpus generator: deterministic, varies units/districts/years/values, output parses."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.synthetic import SyntheticCorpus, change_values, generate, replace_name, shift_years
from ingest.parser import load_sidecar, parse
from ingest.readers import read_document
from knowledge.models import DocumentMeta, ParsedDocument

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"


def _parse(path: Path, sidecar: bool = True) -> ParsedDocument:
    raw = read_document(path, 100 * 1024 * 1024, source=path.name)
    return parse(raw, load_sidecar(path) if sidecar else None)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_replace_name_matches_folded_spellings_and_keeps_genitive() -> None:
    text = "Hasselby- Vallingby har ... Hässelby-Vällingbys plan. Forsorjningsstodsenheten leds av"
    out = replace_name(text, "Hässelby-Vällingby", "Farsta")
    out = replace_name(out, "Försörjningsstödsenheten", "Vuxenenheten")
    assert out == "Farsta har ... Farstas plan. Vuxenenheten leds av"


def test_shift_years_moves_years_and_dates_only() -> None:
    text = "Verksamhetsplan 2023, start 2023-01-10, tel 08-508 23 303, 1050 personer, 2,5 %"
    expected = "Verksamhetsplan 2020, start 2020-01-10, tel 08-508 23 303, 1050 personer, 2,5 %"
    assert shift_years(text, -3) == expected


def test_change_values_touches_table_values_not_prose_toc_or_years() -> None:
    text = "Ska nå 50 % i år.\nAndel nöjda\t50 %\t2,7 %\tÅr\nAntal\t320\t2023\nInledning .....\t6"
    out = change_values(text, random.Random(1)).split("\n")
    assert out[0] == "Ska nå 50 % i år."
    row = out[1].split("\t")
    assert row[0] == "Andel nöjda" and row[1] != "50 %" and row[1].endswith(" %") and row[3] == "År"
    assert "," in row[2]  # decimals kept
    assert out[2].split("\t")[2] == "2023" and out[2].split("\t")[1] != "320"
    assert out[3] == "Inledning .....\t6"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> SyntheticCorpus:
    return generate(sorted(SAMPLES.iterdir()), tmp_path_factory.mktemp("syn") / "a", factor=3, seed=7)


def test_generate_is_deterministic_per_seed(corpus: SyntheticCorpus, tmp_path: Path) -> None:
    again = generate(sorted(SAMPLES.iterdir()), tmp_path / "b", factor=3, seed=7)
    assert _files(again.folder) == _files(corpus.folder)
    other = generate(sorted(SAMPLES.iterdir()), tmp_path / "c", factor=3, seed=8)
    assert _files(other.folder) != _files(corpus.folder)


def test_generate_scales_the_corpus_with_distinct_units(corpus: SyntheticCorpus) -> None:
    samples = [p for p in SAMPLES.iterdir() if p.suffix == ".txt"]
    assert corpus.documents == 3 * len(samples)
    assert len(corpus.variants) == 2 * len(samples)
    triples = {(v.unit, v.district, v.year) for v in corpus.variants}
    assert len(triples) == len(corpus.variants)


def test_variants_parse_with_new_unit_district_year_and_changed_values(corpus: SyntheticCorpus) -> None:
    originals: dict[str, DocumentMeta] = {}
    original_values: dict[str, list[str]] = {}
    for name in corpus.originals:
        parsed = _parse(corpus.folder / name)
        originals[name] = parsed.meta
        original_values[name] = [i.row_text for i in parsed.indicators]
    for v in corpus.variants:
        parsed = _parse(corpus.folder / v.source)
        original = originals[v.origin]
        assert (parsed.meta.unit, parsed.meta.district, parsed.meta.year) == (v.unit, v.district, v.year)
        text_only = _parse(corpus.folder / v.source, sidecar=False).meta  # the text alone says the same
        assert (text_only.unit, text_only.district, text_only.year) == (v.unit, v.district, v.year)
        assert (v.unit, v.district) != (original.unit, original.district)
        assert v.year != original.year
        assert len(parsed.indicators) == len(original_values[v.origin])  # same structure
        assert [i.row_text for i in parsed.indicators] != original_values[v.origin]  # other values
        text = (corpus.folder / v.source).read_text(encoding="utf-8")
        assert v.unit in text and v.district in text
        assert original.district and original.district not in text
