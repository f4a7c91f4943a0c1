"""Samples rendered the way units publish them, once per test session (pandoc and LibreOffice are slow)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.golden.regen import format_samples, render_formats


@pytest.fixture(scope="session")
def rendered_samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Per sample prefix ("000"): the .txt, its pandoc .docx and LibreOffice's .pdf of that .docx."""
    missing = [tool for tool in ("pandoc", "soffice") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} saknas: kör `make office` (installerar pandoc och LibreOffice)")
    out = tmp_path_factory.mktemp("rendered")
    return {sample.name[:3]: render_formats(sample, out) for sample in format_samples()}
