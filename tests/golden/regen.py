"""Regenerate the parser's golden files: `tests/golden/<sample file>.json` for every sample.

Run `python tests/golden/regen.py` from the repository root after a deliberate parser change,
then review the diff by hand against the documents before committing it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "corpus" / "samples"
GOLDEN = Path(__file__).resolve().parent

if str(ROOT) not in sys.path:  # allow running as a plain script
    sys.path.insert(0, str(ROOT))

from ingest.parser import parse  # noqa: E402
from ingest.readers.text import read_text  # noqa: E402


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


def main() -> None:
    """Write every golden file."""
    for sample in sample_paths():
        text = json.dumps(parsed_json(sample), ensure_ascii=False, indent=2) + "\n"
        golden_path(sample).write_text(text, encoding="utf-8")
        print(f"skrev {golden_path(sample).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
