"""A synthetic corpus N× the sample plans, for ingest throughput and ask latency at scale.

Each variant is a copy of a sample text plan for another unit in another real Stockholm
district and another year: the unit's and district's names are replaced wherever they
appear (matched with å/ä/ö folded, so OCR spellings are caught too), every year in the
text is shifted (dates included), and the values in table rows (percentages and numeric
cells: indicator targets, outcomes) are changed. A sidecar `<file>.meta.json` states the
variant's unit, district and year, as staff do for documents whose header is unclear.

The originals' own districts and unit names are kept out of the variants, so questions
about the samples (the dev set) still name one document each at every scale.
Deterministic: the same samples, factor and seed give byte-identical files.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.readers.text import decode
from knowledge.models import DocumentMeta
from knowledge.places import STOCKHOLM_DISTRICTS

TEXT_SUFFIXES = (".txt", ".md")

# Real district names; the pre-2020 "Älvsjö" is left out (it overlaps Hägersten-Älvsjö).
DISTRICTS = tuple(d for d in STOCKHOLM_DISTRICTS if d != "Älvsjö")
UNITS = (
    "Beroendeenheten",
    "Socialpsykiatriska enheten",
    "Stöd- och boendeenheten",
    "Vuxenenheten",
    "Mottagningsenheten för vuxna",
    "Enheten för boendestöd",
    "Arbetsmarknadsenheten",
    "Enheten för våld i nära relationer",
    "Familjeenheten",
    "Enheten för barn och unga",
    "Ungdomsenheten",
    "Utredningsenheten för vuxna",
    "Sysselsättningsenheten",
    "Enheten för socialpsykiatri",
    "Hemlöshetsenheten",
    "Enheten för missbruk och beroende",
)
YEAR_SHIFTS = (-3, -2, -1, 1, 2, 3, -4, 4)

_FOLD = str.maketrans("åäöéèüÅÄÖÉÈÜ", "aaoeeuAAOEEU")
_YEAR = re.compile(r"(?<!\d)(?<!\d[,.])(19[89]\d|20[0-4]\d)(?!\d|[,.]\d)")
_PERCENT = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d+)?)(\s?%)")
_TOC_LEADER = re.compile(r"\.{4,}")
_NUMBER_CELL = re.compile(r"^(\s*)(\d{1,6}(?:,\d+)?)(\s*)$")


@dataclass(frozen=True)
class Variant:
    """One generated document."""

    source: str
    origin: str
    unit: str
    district: str
    year: int


@dataclass(frozen=True)
class SyntheticCorpus:
    """What `generate` wrote: the folder, the copied originals and the variants."""

    folder: Path
    originals: list[str]
    variants: list[Variant]

    @property
    def documents(self) -> int:
        """Number of documents in the folder."""
        return len(self.originals) + len(self.variants)


def _fold(text: str) -> str:
    """Length-preserving fold: å/ä/ö (and é/è/ü) to plain letters, case kept."""
    return text.translate(_FOLD)


def name_pattern(name: str) -> re.Pattern[str]:
    """A pattern finding `name` in folded text: words joined by any spaces or hyphens, case kept."""
    words = [w for w in re.split(r"[\s\-–]+", _fold(name)) if w]
    return re.compile(r"(?<!\w)" + r"[\s\-–]*".join(re.escape(w) for w in words) + r"s?(?!\w)")


def replace_name(text: str, old: str, new: str) -> str:
    """Replace every occurrence of `old` (folded match, case-sensitive) by `new`, keeping a genitive s."""
    folded = _fold(text)
    out: list[str] = []
    last = 0
    plain_end = _fold(old).endswith("s")
    for match in name_pattern(old).finditer(folded):
        genitive = "s" if match.group(0).endswith("s") and not plain_end else ""
        out.extend([text[last : match.start()], new + genitive])
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def shift_years(text: str, shift: int) -> str:
    """Shift every year (1980–2049, also inside dates) by `shift`."""
    return _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)


def _vary(value: str, rng: random.Random, percent: bool) -> str:
    decimals = len(value.split(",")[1]) if "," in value else 0
    number = float(value.replace(",", ".")) * rng.uniform(0.7, 1.3)
    if percent:
        number = min(number, 100.0)
    text = f"{number:.{decimals}f}"
    return text.replace(".", ",")


def change_values(text: str, rng: random.Random) -> str:
    """Change percentages and numeric cells in table rows (tab-separated lines, not the TOC); not years."""
    lines = []
    for line in text.split("\n"):
        if "\t" in line and not _TOC_LEADER.search(line):
            cells = []
            for cell in line.split("\t"):
                if _YEAR.fullmatch(cell.strip()):
                    cells.append(cell)
                    continue
                cell = _PERCENT.sub(lambda m: _vary(m.group(1), rng, True) + m.group(2), cell)
                number = _NUMBER_CELL.match(cell)
                if number:
                    cell = number.group(1) + _vary(number.group(2), rng, False) + number.group(3)
                cells.append(cell)
            line = "\t".join(cells)
        lines.append(line)
    return "\n".join(lines)


def make_variant(
    text: str, meta: DocumentMeta, unit: str, district: str, shift: int, rng: random.Random
) -> str:
    """The text of one variant of a sample (see the module docstring)."""
    if meta.unit:
        text = replace_name(text, meta.unit, unit)
    if meta.district:
        text = replace_name(text, meta.district, district)
    return change_values(shift_years(text, shift), rng)


MetaReader = Callable[[Path], DocumentMeta]


def parsed_meta(path: Path) -> DocumentMeta:
    """The parser's metadata of a sample (what the variants rename)."""
    from ingest.parser import parse
    from ingest.readers import read_document

    return parse(read_document(path, 100 * 1024 * 1024, source=path.name)).meta


def _pairs(originals: Sequence[DocumentMeta], rng: random.Random) -> list[tuple[str, str]]:
    taken_units = {_fold(m.unit).lower() for m in originals if m.unit}
    taken_districts = {m.district for m in originals if m.district}
    units = [u for u in UNITS if _fold(u).lower() not in taken_units]
    districts = [d for d in DISTRICTS if d not in taken_districts]
    pairs = [(u, d) for u in units for d in districts]
    rng.shuffle(pairs)
    return pairs


def generate(
    samples: Sequence[Path], out_dir: Path, factor: int, seed: int = 2024, meta_of: MetaReader = parsed_meta
) -> SyntheticCorpus:
    """Write a corpus `factor` times the size of the samples into `out_dir` (emptied first).

    Args:
        samples: Sample documents; text files (.txt, .md) are varied, others only copied.
        out_dir: Target folder.
        factor: 1 copies the samples; N adds N-1 variants of each text sample.
        seed: Seed of every random choice.
        meta_of: Reads a sample's metadata (the parser by default).

    Returns:
        What was written.
    """
    if factor < 1:
        raise ValueError("factor must be at least 1")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    rng = random.Random(seed)
    files = sorted(samples, key=lambda p: p.name)
    for path in files:
        shutil.copyfile(path, out_dir / path.name)
    texts = [p for p in files if p.suffix.lower() in TEXT_SUFFIXES]
    metas = {p.name: meta_of(p) for p in texts}
    pairs = _pairs(list(metas.values()), rng)
    used: set[tuple[str, str, int]] = set()
    variants: list[Variant] = []
    slot = 0
    for copy in range(1, factor):
        for path in texts:
            meta = metas[path.name]
            base_year = meta.year or 2023
            for _ in range(len(pairs) * len(YEAR_SHIFTS)):  # bounded: repeats only past every combination
                unit, district = pairs[slot % len(pairs)]
                shift = YEAR_SHIFTS[(slot // len(pairs)) % len(YEAR_SHIFTS)]
                slot += 1
                if (unit, district, base_year + shift) not in used:
                    break
            used.add((unit, district, base_year + shift))
            source = f"syn{copy:03d}_{path.stem}{path.suffix}"
            original = decode(path.read_bytes(), path.name)
            text = make_variant(original, meta, unit, district, shift, rng)
            (out_dir / source).write_text(text, encoding="utf-8")
            sidecar = {"unit": unit, "district": district, "year": base_year + shift}
            sidecar_file = out_dir / f"{source}.meta.json"
            sidecar_file.write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")
            variants.append(
                Variant(source=source, origin=path.name, unit=unit, district=district, year=base_year + shift)
            )
    return SyntheticCorpus(folder=out_dir, originals=[p.name for p in files], variants=variants)
