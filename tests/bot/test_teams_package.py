"""The Teams app package: manifest fields, icons and the zip."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
TEAMS = ROOT / "teams"
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def manifest() -> dict:
    return json.loads((TEAMS / "manifest.json").read_text(encoding="utf-8"))


def test_manifest_has_the_required_fields() -> None:
    data = manifest()
    version = data["manifestVersion"]
    assert tuple(int(p) for p in version.split(".")) >= (1, 17)
    assert data["$schema"].endswith(f"/v{version}/MicrosoftTeams.schema.json")
    assert GUID.match(data["id"])
    assert re.fullmatch(r"\d+\.\d+\.\d+", data["version"])
    for key in ("name", "websiteUrl", "privacyUrl", "termsOfUseUrl"):
        assert data["developer"][key]
    assert data["name"]["short"] == "Planbot" and len(data["name"]["short"]) <= 30
    assert len(data["description"]["short"]) <= 80 and len(data["description"]["full"]) <= 4000
    assert data["icons"] == {"color": "color.png", "outline": "outline.png"}
    assert re.fullmatch(r"#[0-9A-Fa-f]{6}", data["accentColor"])
    assert data["validDomains"]


def test_bot_entry() -> None:
    (bot,) = manifest()["bots"]
    assert bot["botId"] == "{{MicrosoftAppId}}"
    assert set(bot["scopes"]) == {"personal", "team", "groupChat"}
    assert bot["supportsFiles"] is False
    (commands,) = bot["commandLists"]
    assert [c["title"] for c in commands["commands"]] == ["hjälp", "enheter", "min enhet", "ny"]
    assert all(len(c["description"]) <= 128 for c in commands["commands"])


def test_icons_have_the_sizes_teams_requires() -> None:
    color = Image.open(TEAMS / "color.png")
    assert color.size == (192, 192)
    outline = Image.open(TEAMS / "outline.png").convert("RGBA")
    assert outline.size == (32, 32)
    pixels: list[tuple[int, ...]] = [outline.getpixel((x, y)) for x in range(32) for y in range(32)]  # type: ignore[misc]
    visible = [p for p in pixels if p[3] > 0]
    assert visible, "outline icon is empty"
    assert all(p[:3] == (255, 255, 255) for p in visible), "outline must be white on transparent"
    assert any(p[3] == 0 for p in pixels)


def test_package_script_zips_the_three_files(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("Microsoft", "PLANBOT_"))}
    env.update(
        {
            "MicrosoftAppId": "11111111-2222-3333-4444-555555555555",
            "PLANBOT_PUBLIC_URL": "https://planbot.stockholm.example",
        }
    )
    result = subprocess.run(
        [sys.executable, str(TEAMS / "package.py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "teams/planbot-teams.zip"
    with zipfile.ZipFile(TEAMS / "planbot-teams.zip") as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        packaged = json.loads(archive.read("manifest.json"))
    assert packaged["bots"][0]["botId"] == "11111111-2222-3333-4444-555555555555"
    assert packaged["validDomains"] == ["planbot.stockholm.example"]
    assert "{{" not in json.dumps(packaged)


def test_makefile_target_uses_the_package_script() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("teams-package:", 1)[1].split("\n\n", 1)[0]
    assert "teams/package.py" in target and "zip -q" not in target


def _render(app_id: str, public_url: str) -> dict:
    sys.path.insert(0, str(TEAMS))
    import package

    template = (TEAMS / "manifest.json").read_text("utf-8")
    return json.loads(package.render_manifest(template, app_id, public_url))


def test_loopback_or_unset_public_url_leaves_no_placeholder_in_valid_domains() -> None:
    for url in ("", "http://127.0.0.1:3978", "http://localhost:3978/"):
        rendered = _render("11111111-2222-3333-4444-555555555555", url)
        assert rendered["validDomains"] == []
        assert "{{PublicHost}}" not in json.dumps(rendered)
        assert rendered["developer"]["websiteUrl"] == "https://localhost/"


def test_a_non_guid_app_id_is_refused(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("Microsoft", "PLANBOT_"))}
    env["MicrosoftAppId"] = "planbot-app"
    result = subprocess.run(
        [sys.executable, str(TEAMS / "package.py")], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "inte ett GUID" in result.stderr and "Traceback" not in result.stderr
