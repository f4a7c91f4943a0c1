"""The container and compose files, checked as files (no Docker engine runs in the test environment)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_has_the_shared_stores_two_replicas_and_an_ingest_job() -> None:
    services = _compose()["services"]
    assert {"postgres", "chroma", "planbot-1", "planbot-2", "ingest", "caddy"} <= set(services)
    replicas = [services["planbot-1"], services["planbot-2"]]
    for replica in [*replicas, services["ingest"]]:
        env = replica["environment"]
        assert env["PLANBOT_DATABASE_URL"].startswith("postgresql://planbot:${POSTGRES_PASSWORD")
        assert env["PLANBOT_DATABASE_URL"].endswith("@postgres:5432/planbot")
        assert (env["PLANBOT_CHROMA_HOST"], env["PLANBOT_CHROMA_PORT"]) == ("chroma", "8000")
        assert env["PLANBOT_CHROMA_COLLECTION"]
        assert replica["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert "volumes" not in replica or all("/data" not in v for v in replica["volumes"])  # stateless
    assert [r["command"] for r in replicas] == [["planbot", "serve"]] * 2
    ingest = services["ingest"]
    assert ingest["command"][:2] == ["planbot", "sync"] and ingest["restart"] == "no"
    assert ingest["profiles"] == ["jobs"] and any(v.endswith(":/corpus:ro") for v in ingest["volumes"])
    assert services["postgres"]["healthcheck"]["test"][0] == "CMD-SHELL"
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    assert "planbot-1:3978 planbot-2:3978" in caddyfile and "health_uri /healthz" in caddyfile


def test_compose_secrets_come_from_the_environment_file_not_the_repository() -> None:
    text = (ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8")
    for secret in ("POSTGRES_PASSWORD", "MicrosoftAppPassword", "PLANBOT_ADMIN_TOKEN"):
        assert re.search(rf"\$\{{{secret}[:}}]", text), secret
    assert "deploy/.env" in (ROOT / ".gitignore").read_text(encoding="utf-8")
    example = (ROOT / "deploy" / "env.example").read_text(encoding="utf-8")
    assert re.search(r"^POSTGRES_PASSWORD=$", example, re.M) and re.search(
        r"^MicrosoftAppPassword=$", example, re.M
    )


def test_dockerfile_caches_dependencies_serves_by_exec_form_and_is_read_only_for_the_runtime_user() -> None:
    lines = [
        line.strip()
        for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    text = "\n".join(lines)
    copies = [i for i, line in enumerate(lines) if line.startswith("COPY ")]
    deps = next(i for i, line in enumerate(lines) if "-r /tmp/requirements.txt" in line)
    assert lines[copies[0]] == "COPY pyproject.toml ./" and copies[0] < deps < copies[1]
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    for package in packages["packages"]["find"]["include"]:
        assert f"COPY {package.rstrip('*')} ./{package.rstrip('*')}" in text
    assert lines[-1] == 'CMD ["planbot", "serve"]'
    assert "HEALTHCHECK" in text and "/healthz" in text
    assert "USER planbot" in text and "chown -R planbot /app" not in text and "chmod -R a-w /app" in text
    assert "ingest" not in lines[-1] and "corpus/samples" not in text


def test_dockerignore_keeps_state_secrets_and_tests_out_of_the_image() -> None:
    ignored = set((ROOT / ".dockerignore").read_text(encoding="utf-8").split())
    assert {".git", ".venv", ".env", "data", "tests", "corpus"} <= ignored
