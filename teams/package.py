"""Build teams/planbot-teams.zip: the manifest (placeholders filled in) and the two icons.

Run: `python teams/package.py` (or `make teams-package`). `{{MicrosoftAppId}}` becomes the
configured app id (env MicrosoftAppId) and `{{PublicHost}}` the host of PLANBOT_PUBLIC_URL.
An unset app id keeps its placeholder (with a warning) so the package can still be
inspected; an app id that is not a GUID is refused (Teams rejects such a manifest). A
loopback or unset public URL leaves `validDomains` empty and points the developer URLs at
`localhost`, which the Agents Playground accepts and Teams users are warned about.
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
PACKAGE = HERE / "planbot-teams.zip"
FILES = ("manifest.json", "color.png", "outline.png")
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class PackageError(ValueError):
    """A setting makes the package invalid (the message is Swedish, for the admin)."""


def public_host(public_url: str) -> str:
    """The host users reach Planbot at, or "" when the URL is unset or loopback."""
    host = urlparse(public_url).hostname or ""
    return "" if host in LOOPBACK else host


def package_warnings(app_id: str, public_url: str) -> list[str]:
    """What makes the package unusable in Teams (Swedish, one line each)."""
    warnings = []
    if not app_id:
        warnings.append("Obs: MicrosoftAppId är inte satt; botId är kvar som {{MicrosoftAppId}}.")
    if not public_host(public_url):
        warnings.append(
            "Obs: PLANBOT_PUBLIC_URL är inte satt eller pekar på den egna datorn; validDomains är tomt "
            "och länkarna går till localhost. Sätt den publika adressen innan paketet laddas upp i Teams."
        )
    return warnings


def render_manifest(template: str, app_id: str, public_url: str) -> str:
    """Fill the manifest's placeholders.

    Args:
        template: manifest.json as stored.
        app_id: The Bot Framework app id ("" keeps the placeholder).
        public_url: Planbot's public URL ("" or loopback: no valid domain, localhost links).

    Returns:
        The manifest text to package.

    Raises:
        PackageError: When `app_id` is set but not a GUID.
    """
    if app_id and not GUID.match(app_id):
        raise PackageError(
            f"MicrosoftAppId {app_id!r} är inte ett GUID (till exempel "
            "11111111-2222-3333-4444-555555555555). Kopiera Application (client) ID från "
            "appregistreringen i Entra och bygg paketet igen."
        )
    data = json.loads(template)
    if app_id:
        for bot in data.get("bots", []):
            bot["botId"] = app_id
    host = public_host(public_url)
    domains = [host if d == "{{PublicHost}}" else d for d in data.get("validDomains", [])]
    data["validDomains"] = [d for d in domains if d and "{{" not in d]
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return text.replace("{{PublicHost}}", host or "localhost")


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
    try:
        path = build(app_id=settings.app_id, public_url=settings.public_url)
    except PackageError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    for warning in package_warnings(settings.app_id, settings.public_url):
        print(warning, file=sys.stderr)
    print(path.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
