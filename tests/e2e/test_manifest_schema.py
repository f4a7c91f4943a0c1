"""The Teams app manifest against Microsoft's official schema (npm @microsoft/app-manifest)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import MANIFEST_SCHEMAS, needs_node

ROOT = Path(__file__).resolve().parents[2]
TEAMS = ROOT / "teams"

pytestmark = [needs_node]


def _render(app_id: str, public_url: str) -> dict:
    sys.path.insert(0, str(TEAMS))
    import package

    template = (TEAMS / "manifest.json").read_text("utf-8")
    return json.loads(package.render_manifest(template, app_id, public_url))


@pytest.mark.parametrize("public_url", ["https://planbot.stockholm.example", "http://127.0.0.1:3978", ""])
def test_packaged_manifest_is_schema_valid(npm_packages: Path, public_url: str) -> None:
    import jsonschema

    manifest = _render("11111111-2222-3333-4444-555555555555", public_url)
    version = manifest["manifestVersion"]
    schema_file = MANIFEST_SCHEMAS / f"v{version}" / "MicrosoftTeams.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(manifest), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_a_placeholder_app_id_is_schema_invalid(npm_packages: Path) -> None:
    import jsonschema

    manifest = _render("", "https://planbot.stockholm.example")  # botId stays {{MicrosoftAppId}}
    schema_file = MANIFEST_SCHEMAS / f"v{manifest['manifestVersion']}" / "MicrosoftTeams.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert any(list(e.path)[:2] == ["bots", 0] for e in validator.iter_errors(manifest))
