"""Build teams/planbot-teams.zip: the manifest (placeholders filled in) and the two icons.

Run: `python teams/package.py` (or `make teams-package`). `{{MicrosoftAppId}}` becomes the
configured app id (env MicrosoftAppId) and `{{PublicHost}}` the host of PLANBOT_PUBLIC_URL;
unset values keep their placeholders so the package can still be inspected.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
PACKAGE = HERE / "planbot-teams.zip"
FILES = ("manifest.json", "color.png", "outline.png")


def render_manifest(template: str, app_id: str, public_url: str) -> str:
    """Fill the manifest's placeholders.

    Args:
        template: manifest.json as stored.
        app_id: The Bot Framework app id ("" keeps the placeholder).
        public_url: Planbot's public URL ("" or loopback keeps the host placeholder).

    Returns:
        The manifest text to package.
    """
    text = template
    if app_id:
        text = text.replace("{{MicrosoftAppId}}", app_id)
    host = urlparse(public_url).hostname or ""
    if host and host not in ("127.0.0.1", "localhost", "::1"):
        text = text.replace("{{PublicHost}}", host)
    return text


def build(output: Path = PACKAGE, app_id: str = "", public_url: str = "") -> Path:
    """Write the zip with the three files at its root (Teams rejects nested folders).

    Args:
        output: Where to write the package.
        app_id: The Bot Framework app id.
        public_url: Planbot's public URL.

    Returns:
        The package path.
    """
    if not all((HERE / name).exists() for name in FILES[1:]):
        sys.path.insert(0, str(HERE))
        import make_icons

        make_icons.main()
    manifest = render_manifest((HERE / "manifest.json").read_text(encoding="utf-8"), app_id, public_url)
    output.unlink(missing_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest)
        for name in FILES[1:]:
            archive.write(HERE / name, arcname=name)
    return output


def main() -> None:
    """Build the package from Planbot's settings and print its path."""
    sys.path.insert(0, str(HERE.parent))
    from config.settings import Settings

    settings = Settings()
    path = build(app_id=settings.app_id, public_url=settings.public_url)
    if not settings.app_id:
        print("Obs: MicrosoftAppId är inte satt; botId är kvar som {{MicrosoftAppId}}.", file=sys.stderr)
    print(path.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
