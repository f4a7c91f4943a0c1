"""Regenerate the parser's golden files: `tests/golden/<sample file>.json` for every sample, and
`tests/golden/<sample>.docx.json` / `<sample>.pdf.json` for the samples rendered the way units
publish them (pandoc to .docx, LibreOffice's PDF export of that .docx, and LibreOffice's PDF of
a python-docx rendering with gridded tables: `<sample>.ruled.pdf.json`).

Run `python tests/golden/regen.py` from the repository root after a deliberate parser change,
then review the diff by hand against the documents before committing it. The format files need
`pandoc` and `soffice` (`make office`).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "corpus" / "samples"
GOLDEN = Path(__file__).resolve().parent

if str(ROOT) not in sys.path:  # allow running as a plain script
    sys.path.insert(0, str(ROOT))

from ingest.parser import parse  # noqa: E402
from ingest.readers import read_document  # noqa: E402
from ingest.readers.text import read_text  # noqa: E402
from knowledge.models import ParsedDocument  # noqa: E402
from tests.support.render import pandoc_docx, render_docx, soffice_pdf  # noqa: E402
from tests.support.unseen_ku2019_scan_pdf import FIXTURE as UNSEEN_KU2019_SCAN_PDF  # noqa: E402
from tests.support.unseen_ku2024_pdf import FIXTURE as UNSEEN_KU2024_PDF  # noqa: E402
from tests.support.unseen_ku_pdf import FIXTURE as UNSEEN_KU_PDF  # noqa: E402
from tests.support.unseen_pdf import FIXTURE as UNSEEN_PDF  # noqa: E402
from tests.support.unseen_rutin_pdf import FIXTURE as UNSEEN_RUTIN_PDF  # noqa: E402
from tests.support.unseen_vp2021_pdf import FIXTURE as UNSEEN_VP2021_PDF  # noqa: E402
from tests.support.unseen_vp_docx import FIXTURE as UNSEEN_DOCX  # noqa: E402

# "ruled.pdf": the same plan through python-docx with gridded Word tables ("Table Grid"), then
# LibreOffice: ruled tables whose rows break across pages, unlike pandoc's tables without rules.
FORMATS = ("docx", "pdf", "ruled.pdf")
# Plans with real tables; 004 is OCR text, which no unit exports to Word.
FORMAT_SAMPLES = ("000", "001", "002")


def sample_paths() -> list[Path]:
    """The sample documents that have golden files."""
    return sorted(SAMPLES.glob("*.txt"))


def golden_path(sample: Path) -> Path:
    """Where a sample's golden file lives."""
    return GOLDEN / f"{sample.name}.json"


def parsed_json(sample: Path) -> dict[str, Any]:
    """The parser's output for a sample, as JSON-ready data."""
    raw = read_text(sample, sample.name, sample.read_bytes())
    return parse(raw).model_dump(mode="json")


def format_samples() -> list[Path]:
    """The samples that are also rendered to .docx and .pdf."""
    return [path for path in sample_paths() if path.name[:3] in FORMAT_SAMPLES]


def format_golden_path(sample: Path, fmt: str) -> Path:
    """Where a sample's golden file for one rendered format lives."""
    return GOLDEN / f"{sample.stem}.{fmt}.json"


def render_formats(sample: Path, out_dir: Path) -> dict[str, Path]:
    """Render a sample to .docx with pandoc and to .pdf with LibreOffice; returns the files by format."""
    raw = read_text(sample, sample.name, sample.read_bytes())
    docx = pandoc_docx(raw.lines, out_dir / f"{sample.stem}.docx")
    ruled = render_docx(raw.lines, out_dir / f"{sample.stem}.ruled.docx")
    return {
        "txt": sample,
        "docx": docx,
        "pdf": soffice_pdf(docx, out_dir),
        "ruled.pdf": soffice_pdf(ruled, out_dir),
    }


def structure_json(parsed: ParsedDocument) -> dict[str, Any]:
    """The format-independent structure of a parsed document, with pages (file name and hash left out).

    Section texts are not part of it: a PDF's paragraphs are rebuilt from wrapped lines, so their
    breaks may differ from the text while the structure is the same.
    """
    return {
        "meta": parsed.meta.model_dump(mode="json", exclude={"source", "content_hash"}),
        "goals": [
            goal.model_dump(mode="json", include={"key", "level", "number", "title", "parent_key", "page"})
            for goal in parsed.goals
        ],
        "indicators": [
            item.model_dump(
                mode="json",
                include={"name", "arsmal", "kf_arsmal", "periodicitet", "goal_key", "gender_split", "page"},
            )
            for item in parsed.indicators
        ],
        "activities": [
            item.model_dump(mode="json", include={"text", "start", "end", "goal_key", "page"})
            for item in parsed.activities
        ],
        "outcomes": [item.model_dump(mode="json", exclude={"quote"}) for item in parsed.outcomes],
        "glossary": [item.model_dump(mode="json", include={"term", "expansion"}) for item in parsed.glossary],
        "warnings": parsed.warnings,
    }


def format_json(path: Path) -> dict[str, Any]:
    """The structure of a rendered file as the golden file holds it."""
    return structure_json(parse(read_document(path, 50 * 1024 * 1024)))


def unseen_pdf_golden_path() -> Path:
    """The golden file of the unseen PDF fixture (a Word plan exported by LibreOffice)."""
    return GOLDEN / f"unseen_{UNSEEN_PDF.name}.json"


def unseen_pdf_json() -> dict[str, Any]:
    """The structure of the unseen PDF fixture as its golden file holds it."""
    return format_json(UNSEEN_PDF)


def unseen_ku_pdf_golden_path() -> Path:
    """The golden file of the unseen award-application PDF (a Word KU exported by LibreOffice)."""
    return GOLDEN / f"unseen_{UNSEEN_KU_PDF.name}.json"


def unseen_ku_pdf_json() -> dict[str, Any]:
    """The structure of the unseen award-application PDF as its golden file holds it."""
    return format_json(UNSEEN_KU_PDF)


def unseen_ku2024_pdf_golden_path() -> Path:
    """The golden file of the second unseen award application (two columns, footnotes, text box)."""
    return GOLDEN / f"unseen_{UNSEEN_KU2024_PDF.name}.json"


def unseen_ku2024_pdf_json() -> dict[str, Any]:
    """Its structure, plus each section's heading path and the administrative and budget facts.

    The headings are part of this golden file because the layout's risk is in them: a
    two-column page read row by row loses its headings, and footnotes land inside sections.
    """
    parsed = parse(read_document(UNSEEN_KU2024_PDF, 50 * 1024 * 1024))
    data = structure_json(parsed)
    data["sections"] = [section.heading_path for section in parsed.sections]
    data["facts"] = [
        fact.model_dump(mode="json", include={"kind", "key", "value", "columns"}) for fact in parsed.facts
    ]
    return data


def unseen_docx_golden_path() -> Path:
    """The golden file of the unseen Word plan (goal chain in tables, merged indicator header)."""
    return GOLDEN / f"unseen_{UNSEEN_DOCX.name}.json"


def unseen_docx_json() -> dict[str, Any]:
    """The structure of the unseen Word plan as its golden file holds it."""
    return format_json(UNSEEN_DOCX)


def unseen_rutin_pdf_golden_path() -> Path:
    """The golden file of the unseen routine (a standalone rutin, Word exported by LibreOffice)."""
    return GOLDEN / f"unseen_{UNSEEN_RUTIN_PDF.name}.json"


def unseen_rutin_pdf_json() -> dict[str, Any]:
    """Its structure, plus each section's heading path and the administrative facts.

    A routine has no goals or indicators: what the parser must get right is its numbered
    sections and the document-control facts of its header table.
    """
    parsed = parse(read_document(UNSEEN_RUTIN_PDF, 50 * 1024 * 1024))
    data = structure_json(parsed)
    data["sections"] = [section.heading_path for section in parsed.sections]
    data["facts"] = [
        fact.model_dump(mode="json", include={"kind", "key", "label", "value"}) for fact in parsed.facts
    ]
    return data


def unseen_vp2021_pdf_golden_path() -> Path:
    """The golden file of the unseen 2021 plan (goal chain as an overview table, dated bullet activities)."""
    return GOLDEN / f"unseen_{UNSEEN_VP2021_PDF.name}.json"


def unseen_vp2021_pdf_json() -> dict[str, Any]:
    """Its structure, plus each section's heading path.

    The plan's goals come only from its overview table and from headings that are the goals'
    titles, so the heading paths (goal, then "Förväntat resultat" or "Beskrivning") are part of it.
    """
    parsed = parse(read_document(UNSEEN_VP2021_PDF, 50 * 1024 * 1024))
    data = structure_json(parsed)
    data["sections"] = [section.heading_path for section in parsed.sections]
    return data


def unseen_ku2019_scan_pdf_golden_path() -> Path:
    """The golden file of the scanned award application (OCR layer with mojibake, no rulings)."""
    return GOLDEN / f"unseen_{UNSEEN_KU2019_SCAN_PDF.name}.json"


def unseen_ku2019_scan_pdf_json() -> dict[str, Any]:
    """Its structure, plus each section's heading path and its administrative facts.

    The layout's risk is in the words themselves (mojibake undone or not) and in headings known
    only by their size, so the heading paths and facts are part of it, with their repaired text.
    """
    parsed = parse(read_document(UNSEEN_KU2019_SCAN_PDF, 50 * 1024 * 1024))
    data = structure_json(parsed)
    data["sections"] = [section.heading_path for section in parsed.sections]
    data["facts"] = [fact.model_dump(mode="json", include={"kind", "key", "value"}) for fact in parsed.facts]
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"skrev {path.relative_to(ROOT)}")


def main() -> None:
    """Write every golden file."""
    for sample in sample_paths():
        _write(golden_path(sample), parsed_json(sample))
    _write(unseen_pdf_golden_path(), unseen_pdf_json())
    _write(unseen_ku_pdf_golden_path(), unseen_ku_pdf_json())
    _write(unseen_ku2024_pdf_golden_path(), unseen_ku2024_pdf_json())
    _write(unseen_docx_golden_path(), unseen_docx_json())
    _write(unseen_rutin_pdf_golden_path(), unseen_rutin_pdf_json())
    _write(unseen_vp2021_pdf_golden_path(), unseen_vp2021_pdf_json())
    _write(unseen_ku2019_scan_pdf_golden_path(), unseen_ku2019_scan_pdf_json())
    with tempfile.TemporaryDirectory(prefix="planbot-golden-") as tmp:
        for sample in format_samples():
            rendered = render_formats(sample, Path(tmp))
            for fmt in FORMATS:
                _write(format_golden_path(sample, fmt), format_json(rendered[fmt]))


if __name__ == "__main__":
    main()
