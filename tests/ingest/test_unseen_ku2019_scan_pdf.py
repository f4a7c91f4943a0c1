"""The scanned award application with an OCR layer in mojibake, read and parsed.

`tests/fixtures/unseen/ku2019_familjehemsenheten_hagersten_liljeholmen.pdf` (built by
`tests/support/unseen_ku2019_scan_pdf.py`) is a bitmap per page under an invisible OCR text layer
whose å/ä/ö are UTF-8 read as Windows-1252 ("Ã¤"), with hyphenated line ends, a running header
and footer on every page, headings known only by their size and a results table whose rules are
only in the bitmap.
"""

from __future__ import annotations

import json
from functools import cache

from ingest.parser import parse
from ingest.readers import read_document
from ingest.readers.base import Line
from knowledge.models import DocType, ParsedDocument
from tests.golden.regen import unseen_ku2019_scan_pdf_golden_path, unseen_ku2019_scan_pdf_json
from tests.support import unseen_ku2019_scan_pdf

_MAX = 50 * 1024 * 1024


@cache
def _lines() -> tuple[Line, ...]:
    return tuple(line for line in read_document(unseen_ku2019_scan_pdf.FIXTURE, _MAX).lines if line.text)


@cache
def _parsed() -> ParsedDocument:
    return parse(read_document(unseen_ku2019_scan_pdf.FIXTURE, _MAX))


def test_scan_matches_golden() -> None:
    expected = json.loads(unseen_ku2019_scan_pdf_golden_path().read_text(encoding="utf-8"))
    assert unseen_ku2019_scan_pdf_json() == expected, "run tests/golden/regen.py and review the diff"


def test_the_ocr_layer_is_read_with_its_swedish_letters() -> None:
    text = "\n".join(line.text for line in _lines())
    assert "Ã" not in text and "â€" not in text
    assert "Ansökan till Stockholms stads kvalitetsutmärkelse 2019" in text
    assert "Tabell 1. Enhetens resultat 2016–2018. Källa: enhetens egen statistik." in text
    # The printed copy's hyphenated line ends are whole words again.
    assert "Enheten har elva medarbetare: åtta familjehemssekreterare, en samordnare" in text


def test_metadata_of_the_scan() -> None:
    parsed = _parsed()
    meta = parsed.meta
    assert meta.type is DocType.KVALITETSUTMARKELSE
    assert (meta.unit, meta.district, meta.year) == ("Familjehemsenheten", "Hägersten-Liljeholmen", 2019)
    # Repaired text reads as ordinary Swedish: no OCR-damage warning.
    assert not parsed.ocr_damaged


def test_running_header_and_footer_are_dropped() -> None:
    texts = [line.text for line in _lines()]
    assert not any(text.startswith("Kvalitetsutmärkelsen 2019 – Familjehemsenheten") for text in texts)
    assert texts.count("Hägersten-Liljeholmens stadsdelsförvaltning") == 1  # the cover's own line


def test_criteria_and_questions_are_headings_by_size() -> None:
    levels = {line.text: line.heading for line in _lines() if line.heading}
    assert levels["Kriterium 5: Resultat"] is not None
    question = levels["5.1 Vilka resultat har ni nått de senaste tre åren?"]
    assert question is not None and question > levels["Kriterium 5: Resultat"]
    paths = [section.heading_path for section in _parsed().sections]
    assert [
        "Ansökan till Stockholms stads kvalitetsutmärkelse 2019",
        "Kriterium 5: Resultat",
        "5.2 Hur har ni nått målen i verksamhetsplanen för 2018?",
    ] in paths


def test_results_table_without_rules_gives_outcomes_per_year() -> None:
    rows = [line.cells for line in _lines() if line.cells]
    assert ("Resultatmått", "2016", "2017", "2018") in rows
    assert ("Andel i konsulentstödda hem", "41 %", "33 %", "22 %") in rows
    outcomes = {(o.indicator, o.year): o.value for o in _parsed().outcomes}
    assert outcomes[("Oplanerade avbrott", 2018)] == "3"
    assert outcomes[("varav nätverkshem", 2017)] == "15"
