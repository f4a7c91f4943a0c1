"""Document metadata: what kind of document, whose (unit, district) and for which year.

Inferred from the document's own header and text; a sidecar file (`<file>.meta.json`) or the
CLI may override any field, and overrides always win.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from rapidfuzz import fuzz

from ingest.parser.meta_unit import find_unit
from ingest.parser.ocr import repair
from ingest.parser.text import MONTH_WORDS, TOC_RE, fold, squash, years_in
from ingest.readers.base import Line
from knowledge.models import DocType, DocumentMeta
from knowledge.places import STOCKHOLM_DISTRICTS

DISTRICTS = STOCKHOLM_DISTRICTS
_SINGLE_WORD = {
    form: name for name in DISTRICTS if "-" not in name for form in (fold(name), fold(name) + "s")
}
_OWN_CONTEXT = re.compile(r"stadsdelsnamnd|stadsdelsforvaltning|stadsdelsomrade|stadsdelen|\bsdf\b|\bbor i\b")
# The title may carry its owner first: "Stockholms stads kvalitetsutmärkelse 2021", "Ansökan
# till Stockholms stads kvalitetsutmärkelse".
_TITLE = re.compile(
    r"^(?:(?:ansokan\s+till\s+)?(?:stockholms?\s+stads?\s+)?)"
    r"(verksamhetsplan|verksamhetsberattelse|kvalitetsutmarkelsen?|rutin(?:er)?)\b"
)
# A question of the award template, numbered or not ("2.1 Beskriv hur ni …").
_AWARD_PROMPT = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]?\s+)?(?:beskriv|redovisa|redogor)\s+(?:hur|kortfattat|for|vilka|din|processen)\b"
)


class MetaOverrides(BaseModel):
    """Metadata given from outside the document (sidecar file or CLI); set fields beat inference."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    type: DocType | None = None
    unit: str | None = None
    district: str | None = None
    year: int | None = None

    @field_validator("type", mode="before")
    @classmethod
    def _type_folded(cls, value: object) -> object:
        # Staff type "kvalitetsutmarkelse" or "Övrigt" as often as the exact enum value.
        if isinstance(value, str):
            for doc_type in DocType:
                if fold(value.strip()) == fold(doc_type.value):
                    return doc_type
        return value

    @field_validator("year")
    @classmethod
    def _plausible_year(cls, value: int | None) -> int | None:
        if value is not None and not 1900 <= value <= 2100:
            raise ValueError("året måste vara ett årtal mellan 1900 och 2100")
        return value


def sidecar_path(path: Path) -> Path:
    """Where the sidecar of a document lives: `plan.pdf` -> `plan.pdf.meta.json`."""
    return path.with_name(path.name + ".meta.json")


def load_sidecar(path: Path) -> MetaOverrides | None:
    """Read the metadata sidecar `<file>.meta.json` next to a document, if there is one.

    Args:
        path: The document's path (not the sidecar's).

    Returns:
        The overrides, or None when no sidecar exists.

    Raises:
        ValueError: With a Swedish message naming the sidecar file (and the field) when the file
            is not valid JSON or a field is unknown or has the wrong type.
    """
    sidecar = sidecar_path(path)
    if not sidecar.exists():
        return None
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(
            f"{sidecar.name}: filen är inte giltig JSON ({exc}). Rätta filen, t.ex. "
            '{"unit": "Enheten för ekonomiskt bistånd", "year": 2023}, och läs in igen.'
        ) from exc
    if not isinstance(data, dict):
        raise ValueError(
            f"{sidecar.name}: filen ska innehålla ett JSON-objekt med fälten title, type, unit, "
            "district och year."
        )
    try:
        return MetaOverrides.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or "?"
        reason = "okänt fält" if error["type"] == "extra_forbidden" else error["msg"]
        allowed = ", ".join(DocType) if field == "type" else ""
        hint = f" Tillåtna typer: {allowed}." if allowed else ""
        raise ValueError(
            f"{sidecar.name}: fältet ”{field}” är ogiltigt ({reason}).{hint} Rätta filen och läs in igen."
        ) from exc


def header_end(lines: list[Line]) -> int:
    """Index where the document's header (title block) ends: the TOC, 'Inledning' or 40 text lines."""
    seen = 0
    for index, line in enumerate(lines):
        text = fold(line.text.strip())
        if not text:
            continue
        seen += 1
        if TOC_RE.search(line.text) or text.startswith("innehallsforteckning") or text == "inledning":
            return index
        if seen >= 40:
            return index
    return len(lines)


def find_district(lines: list[Line], header: int) -> str | None:
    """The document's own stadsdel: header mentions weigh most, then mentions phrased as one's own."""
    scores: Counter[str] = Counter()
    first: dict[str, int] = {}
    targets = [(name, fold(name)) for name in DISTRICTS]
    for index, line in enumerate(lines):
        text = re.sub(r"\s*-\s*", "-", fold(line.text))
        for token in re.finditer(r"[a-z0-9]+(?:-[a-z0-9]+)*", text):
            name = _match_district(token.group(0), targets)
            if name is None:
                continue
            window = text[max(0, token.start() - 30) : token.end() + 30]
            weight = 5 if index < header else 2 if _OWN_CONTEXT.search(window) else 1
            scores[name] += weight
            first.setdefault(name, index)
    if not scores:
        return None
    return max(scores, key=lambda name: (scores[name], -first[name]))


def _match_district(token: str, targets: list[tuple[str, str]]) -> str | None:
    hyphens = token.count("-")
    if hyphens == 0:
        # One-word names match exactly (also in the genitive: "Älvsjös SDF").
        return _SINGLE_WORD.get(token)
    for name, folded in targets:
        if folded.count("-") == hyphens and fuzz.ratio(token.removesuffix("s"), folded) >= 86:
            return name
    return None


def _title_line(lines: list[Line], header: int) -> int | None:
    for index, line in enumerate(lines[: max(header, 1) + 5]):
        text = line.text.strip()
        if text and len(text) <= 150 and not TOC_RE.search(text) and _TITLE.match(fold(text)):
            return index
    return None


def detect_type(lines: list[Line], header: int, title: int | None, has_goals: bool) -> DocType:
    """Decide the document type from its title line, the award template's markers, or goal labels."""
    if title is not None:
        word = _TITLE.match(fold(lines[title].text.strip()))
        kind = word.group(1) if word else ""
        if kind.startswith("verksamhetsplan"):
            return DocType.VERKSAMHETSPLAN
        if kind.startswith("kvalitet"):
            return DocType.KVALITETSUTMARKELSE
        if kind.startswith("rutin"):
            return DocType.RUTIN
    declared = _declared_type(lines[: header + 15])
    if declared is not None:
        return declared
    folded = [fold(line.text.strip()) for line in lines]
    prompts = sum(1 for text in folded if _AWARD_PROMPT.match(text))
    top = folded[: header + 10]
    if any(t.startswith("verksamhetens namn") or "kvalitetsutmarkelse" in t for t in top) or prompts >= 3:
        return DocType.KVALITETSUTMARKELSE
    if has_goals or any(re.match(r"verksamhetsplan\s+\d{4}", t) for t in top):
        return DocType.VERKSAMHETSPLAN
    return DocType.OVRIGT


# A header field that states the type: 'Dokumenttyp | Rutin' (a table row) or 'Dokumenttyp: Rutin'.
_DECLARED = re.compile(r"^dokument(?:typ|slag)\s*:?\s*(?:\t|:\s*)\s*(?P<kind>[a-z]+)")
_DECLARED_TYPES = {
    "rutin": DocType.RUTIN,
    "rutiner": DocType.RUTIN,
    "verksamhetsplan": DocType.VERKSAMHETSPLAN,
    "kvalitetsutmarkelse": DocType.KVALITETSUTMARKELSE,
}


def _declared_type(lines: list[Line]) -> DocType | None:
    """The type a document's header states in a 'Dokumenttyp' field, when it is one Planbot knows."""
    for line in lines:
        match = _DECLARED.match(fold(line.text.strip()))
        if match and match.group("kind") in _DECLARED_TYPES:
            return _DECLARED_TYPES[match.group("kind")]
    return None


def document_type(lines: list[Line], has_goals: bool) -> DocType:
    """The document's type as inferred from its text alone (see `detect_type`)."""
    header = header_end(lines)
    return detect_type(lines, header, _title_line(lines, header), has_goals)


def _find_year(lines: list[Line], header: int, title: int | None) -> int | None:
    if title is not None and years_in(lines[title].text):
        return years_in(lines[title].text)[0]
    head = [line.text for line in lines[:header]]
    for pattern in (r"((?:19|20)\d\d)-\d{2}-\d{2}", rf"\b(?:{MONTH_WORDS})\s+((?:19|20)\d\d)\b"):
        for text in head:
            match = re.search(pattern, fold(text))
            if match:
                return int(match.group(1))
    mentioned = [year for text in head for year in years_in(text)]
    if mentioned:
        return mentioned[0]
    counts = Counter(year for line in lines for year in years_in(line.text))
    return counts.most_common(1)[0][0] if counts else None


def infer_meta(
    source: str,
    content_hash: str,
    lines: list[Line],
    *,
    ocr: bool,
    has_goals: bool,
    overrides: MetaOverrides | None,
) -> tuple[DocumentMeta, list[str]]:
    """Infer the document's metadata and apply overrides.

    Args:
        source: The file name as ingested.
        content_hash: The reader's hash of the file.
        lines: The document's lines.
        ocr: Whether the text looks OCR-damaged (then names get å/ä/ö restored where safe).
        has_goals: Whether the document has goal-chain labels (a sign of a verksamhetsplan).
        overrides: Sidecar/CLI values; every set field wins over inference.

    Returns:
        The metadata and Swedish warnings for what could not be found.
    """
    over = overrides or MetaOverrides()
    header = header_end(lines)
    title_index = _title_line(lines, header)
    doc_type = over.type or detect_type(lines, header, title_index, has_goals)
    unit = over.unit or find_unit(
        lines, header, title_index, lambda text: find_district([Line(text=text)], 0)
    )
    if unit and ocr and not over.unit:
        unit = repair(unit)
    district = over.district or find_district(lines, header)
    year = over.year or _find_year(lines, header, title_index)
    title = over.title or _build_title(lines, title_index, doc_type, unit, year)
    sidecar = f"{source}.meta.json"
    warnings = []
    if year is None:
        warnings.append(f"Hittade inget årtal i dokumentet. Ange året i sidofilen {sidecar} ('year').")
    if unit is None:
        warnings.append(f"Hittade ingen enhet i dokumentet. Ange enheten i sidofilen {sidecar} ('unit').")
    if district is None:
        warnings.append(f"Hittade ingen stadsdel i dokumentet. Ange den i sidofilen {sidecar} ('district').")
    meta = DocumentMeta(
        source=source,
        title=title,
        type=doc_type,
        unit=unit,
        district=district,
        year=year,
        content_hash=content_hash,
    )
    return meta, warnings


def _build_title(
    lines: list[Line], title: int | None, doc_type: DocType, unit: str | None, year: int | None
) -> str:
    text = squash(lines[title].text) if title is not None else ""
    if doc_type == DocType.KVALITETSUTMARKELSE and not text:
        text = " ".join(part for part in ("Kvalitetsutmärkelse", str(year) if year else "") if part)
    if not text:
        first = next((squash(line.text) for line in lines if line.heading and line.text.strip()), "")
        text = first or next((squash(line.text) for line in lines if line.text.strip()), "")[:120]
    if unit and fold(unit) not in fold(text):
        text = f"{text} – {unit}" if text else unit
    return text
