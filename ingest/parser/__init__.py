"""The structure parser: a `RawDocument` in, a `ParsedDocument` out (pure, no I/O).

Passes: lines → blocks (headings, tables, page markers) → structure walk (goal chain,
sections, indicator and activity tables) → prose extractors (outcomes, targets, glossary)
→ metadata with overrides. Nothing is keyed to particular documents: other units, years,
formats (PDF/DOCX headings come as levels or only as words) and OCR damage are expected.
"""

from __future__ import annotations

from indicators.models import Outcome
from ingest.parser.admin_facts import find_admin
from ingest.parser.blocks import to_blocks
from ingest.parser.budget import find_budget
from ingest.parser.document_control import find_document_control
from ingest.parser.glossary import find_glossary
from ingest.parser.goals import match_label
from ingest.parser.meta import MetaOverrides, document_type, infer_meta, load_sidecar
from ingest.parser.ocr import ocr_damage
from ingest.parser.prose import find_facts
from ingest.parser.structure import walk
from ingest.parser.text import fold
from ingest.parser.year_columns import year_column_outcomes
from ingest.readers.base import Line, RawDocument
from knowledge.models import DocType, ParsedDocument

__all__ = ["MetaOverrides", "load_sidecar", "parse"]

_OCR_WARNING = (
    "texten ser OCR-skadad ut (å/ä/ö saknas eller är förvanskade). Tal och namn kan vara fel; "
    "kontrollera mot originalet eller läs in en bättre kopia."
)


def parse(raw: RawDocument, overrides: MetaOverrides | None = None) -> ParsedDocument:
    """Understand one document: metadata, goal chain, indicators, activities, outcomes, glossary, sections.

    Args:
        raw: The reader's output.
        overrides: Metadata from a sidecar file or the CLI; set fields win over what the text says.

    Returns:
        The parsed document, with Swedish warnings for what could not be understood.
    """
    lines = raw.lines
    text = "\n".join(line.text for line in lines)
    ocr = ocr_damage(text)
    has_labels = any(match_label(line.text) for line in lines if line.text)
    doc_type = overrides.type if overrides and overrides.type else document_type(lines, has_labels)
    award = doc_type == DocType.KVALITETSUTMARKELSE
    # Without goal labels (award applications), titles before "Förväntat resultat" start goals;
    # routines have no goals at all.
    implicit = not has_labels and doc_type != DocType.RUTIN
    structure = walk(to_blocks(lines, award), implicit_goals=implicit)
    meta, meta_warnings = infer_meta(
        raw.source, raw.content_hash, lines, ocr=ocr, has_goals=has_labels, overrides=overrides
    )
    facts = find_facts(structure.prose, meta.district, ocr)
    warnings = ([_OCR_WARNING] if ocr else []) + meta_warnings + structure.warnings
    if meta.type == DocType.VERKSAMHETSPLAN and not structure.goals:
        warnings.append("Hittade inga mål (KF:s inriktningsmål, nämndmål, enhetsmål) i verksamhetsplanen.")
    return ParsedDocument(
        meta=meta,
        ocr_damaged=ocr,
        goals=structure.goals,
        indicators=structure.indicators + facts.targets,
        activities=structure.activities,
        outcomes=_with_year_columns(facts.outcomes, lines),
        glossary=find_glossary(structure.prose, ocr),
        sections=structure.sections,
        facts=find_budget(structure.prose, meta.year)
        + find_admin(structure.prose)
        + find_document_control(structure.prose),
        warnings=warnings,
    )


def _with_year_columns(outcomes: list[Outcome], lines: list[Line]) -> list[Outcome]:
    """The prose outcomes, then the cells of year-column tables that prose did not state already.

    Appended, not interleaved: stored chunks refer to outcomes by position.
    """
    seen = {(fold(o.indicator), o.year, o.value) for o in outcomes}
    extra = [o for o in year_column_outcomes(lines) if (fold(o.indicator), o.year, o.value) not in seen]
    return outcomes + extra
