"""A standalone routine (a *rutin*) exported from Word by LibreOffice, and the parser changes it asked for.

`tests/fixtures/unseen/rutin2025_orosanmalan_barn_och_unga_hassleby_vallingby.pdf` (built by
`tests/support/unseen_rutin_pdf.py`) opens with a document-control table in two label/value
column pairs, has numbered headings, a Roll | Ansvar table, Word-numbered steps with
sub-bullets, a time-limit table and a definitions table. Every other document in the corpus is
a plan or an award application.
"""

from __future__ import annotations

import json
from pathlib import Path

from ingest.parser import parse
from ingest.parser.document_control import find_document_control, label_key
from ingest.parser.sections import ProseBlock
from ingest.readers import read_document
from ingest.readers.base import RawDocument
from ingest.readers.text import lines_from_text
from knowledge.models import AdminKey, DocType, ParsedDocument
from tests.golden.regen import unseen_rutin_pdf_golden_path, unseen_rutin_pdf_json
from tests.support import unseen_rutin_pdf


def _parsed() -> ParsedDocument:
    return parse(read_document(unseen_rutin_pdf.FIXTURE, 50 * 1024 * 1024))


def _parse_text(text: str, name: str = "r.txt") -> ParsedDocument:
    raw = RawDocument(source=name, path=Path(name), content_hash="h", lines=lines_from_text(text))
    return parse(raw)


def _facts(parsed: ParsedDocument) -> dict[str, str]:
    return {fact.key: fact.value for fact in parsed.facts if fact.kind.value == "admin"}


def test_routine_pdf_matches_golden() -> None:
    expected = json.loads(unseen_rutin_pdf_golden_path().read_text(encoding="utf-8"))
    assert unseen_rutin_pdf_json() == expected, "run tests/golden/regen.py and review the diff"


def test_routine_pdf_metadata() -> None:
    meta = _parsed().meta
    assert meta.type is DocType.RUTIN
    assert meta.title.startswith("Rutin för orosanmälan och samverkan")
    assert (meta.district, meta.year) == ("Hässelby-Vällingby", 2025)


def test_header_table_in_two_column_pairs_gives_document_control_facts() -> None:
    facts = _facts(_parsed())
    assert facts[AdminKey.ADOPTED_BY.value] == "Avdelningschef IFO Mikael Strand"
    assert facts[AdminKey.ADOPTED.value] == "2025-02-10"
    assert facts[AdminKey.VALID_FROM.value] == "2025-03-01"
    assert facts[AdminKey.REVISION.value] == "2026-02-28"
    assert facts[AdminKey.DOC_OWNER.value].startswith("Enhetschef Helena Nordqvist")
    assert facts[AdminKey.REGISTRATION.value] == "HV-2025/00318"
    assert facts[AdminKey.VERSION.value] == "2.1"
    assert facts[AdminKey.REPLACES.value] == "Version 2.0 från 2023-05-15"


def test_document_control_labels_are_read_by_their_words() -> None:
    assert label_key("Revideras senast:") is AdminKey.REVISION
    assert label_key("Gäller till") is AdminKey.REVISION
    assert label_key("Giltig fr.o.m.") is AdminKey.VALID_FROM
    assert label_key("Beslutsdatum") is AdminKey.ADOPTED
    assert label_key("Dokumentägare") is AdminKey.DOC_OWNER
    assert label_key("Dnr") is AdminKey.REGISTRATION
    assert label_key("Aktivitet") is None and label_key("Fastställd av avdelningschefen i maj") is None


def test_cover_lines_state_document_control_facts() -> None:
    facts = _facts(
        _parse_text(
            "Verksamhetsplan 2024\nBoendeenheten\nDnr SKA 2024/0112\n"
            "Fastställd av enhetschef Anna Berg 2024-01-20\nGäller till: 2024-12-31\n\nInledning\nText.\n"
        )
    )
    assert facts[AdminKey.REGISTRATION.value] == "SKA 2024/0112"
    assert facts[AdminKey.ADOPTED_BY.value] == "enhetschef Anna Berg"
    assert facts[AdminKey.ADOPTED.value] == "2024-01-20"
    assert facts[AdminKey.REVISION.value] == "2024-12-31"


def test_a_responsible_column_alone_is_not_the_document_owner() -> None:
    block = ProseBlock("Ansvarig\tGruppledaren\nUppföljning\tVarje månad", 3, ["Rutin"], None, None)
    assert find_document_control([block]) == []
    header = ProseBlock("Ansvarig\tAnna Berg\nFastställd\t2024-01-20", 1, [], None, None)
    keys = {f.key for f in find_document_control([header])}
    assert keys == {AdminKey.DOC_OWNER.value, AdminKey.ADOPTED.value}


def test_a_declared_document_type_is_the_type() -> None:
    parsed = _parse_text(
        "Handläggning av hembesök\nDokumenttyp\tRutin\nFastställd\t2024-03-01\n\nSyfte\nText."
    )
    assert parsed.meta.type is DocType.RUTIN
    assert _parse_text("Handläggning av hembesök\n\nSyfte\nText.\n").meta.type is not DocType.RUTIN


def test_pdf_holds_the_builders_text() -> None:
    """The question set's evidence is checked against `source_text()`: the PDF must hold it all."""
    lines = read_document(unseen_rutin_pdf.FIXTURE, 50 * 1024 * 1024).lines
    text = " ".join(" ".join(line.text.replace("\t", " | ").split()) for line in lines)
    missing = [
        line
        for line in unseen_rutin_pdf.source_text().split("\n")
        if line and " ".join(line.split()) not in text
    ]
    assert not missing
