"""OCR text shown readably: quotes stay verbatim, a confident repair is stored and cited beside them."""

from __future__ import annotations

from pathlib import Path

from ingest.chunker import chunk_document
from ingest.parser import parse
from ingest.parser.ocr import ReadableRepair
from ingest.readers.text import read_text
from knowledge.answers.cite import Citations
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "004_e63c51a228dee2e1.txt"

# The document's own text: 'bistand' is common, 'bistdnd' is the OCR misreading of one letter.
OWN_TEXT = ["ekonomiskt bistand " * 5, "Det ar svart att veta.", "Malgruppen ar vuxna."]


def test_repair_uses_known_stems_and_the_documents_own_words() -> None:
    readable = ReadableRepair(OWN_TEXT)
    text = "Varje manad soker ca 1050 personer ekonomiskt bistdnd; malgrupp &r vuxna. Det ar svart."
    repaired = readable(text)
    assert (
        repaired == "Varje månad soker ca 1050 personer ekonomiskt bistånd; målgrupp är vuxna. Det är svart."
    )
    assert len(repaired) == len(text)  # spans of the quote map one to one


def test_unsure_words_stay_as_written() -> None:
    readable = ReadableRepair(OWN_TEXT)
    for word in ("svart", "beddms", "idé", "Karin"):
        assert readable(word) == word


def test_ocr_sample_chunks_carry_a_readable_repair_and_citations_show_it(tmp_path: Path) -> None:
    parsed = parse(read_text(SAMPLE, SAMPLE.name, SAMPLE.read_bytes()))
    chunks = chunk_document(parsed)
    damaged = next(c for c in chunks if "bistdnd" in c.text)
    assert damaged.repaired is not None and "bistånd" in damaged.repaired
    assert len(damaged.repaired) == len(damaged.text)
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    catalog.replace_document(parsed, chunks, path=None)
    snap = Snapshot.load(catalog)
    catalog.close()
    stored = next(c for c in snap.chunks if c.id == damaged.id)
    cites = Citations(snap)
    start = stored.text.index("bistdnd")
    quote = stored.text[max(0, start - 40) : start + 20]
    cites.cite(stored, quote)
    citation = cites.items[0]
    assert citation.quote == quote.strip()
    assert citation.repaired_quote is not None and "bistånd" in citation.repaired_quote
    assert "repaired_quote" in citation.model_dump()


def test_clean_documents_get_no_repair() -> None:
    sample = SAMPLE.with_name("001_baa0aabad314dbef.txt")
    chunks = chunk_document(parse(read_text(sample, sample.name, sample.read_bytes())))
    assert all(c.repaired is None for c in chunks)


def test_words_a_stem_already_knows_are_not_read_as_misreadings() -> None:
    readable = ReadableRepair(["59 anstallda och fler anstallda"])
    assert readable("59 anstallda") == "59 anställda"
