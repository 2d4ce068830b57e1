"""Settings: one typed object, read from the environment and an optional TOML file.

Precedence (highest first): explicit overrides, environment variables,
``config/settings.toml`` (or the file named by ``KB_CONFIG_FILE``), defaults.
Nothing here runs at import time; call :func:`load_settings` in an entry point.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings.exceptions import SettingsError as PydanticSettingsError
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_FILE = PROJECT_ROOT / "config" / "settings.toml"


class SettingsError(ValueError):
    """Settings are invalid; the message is safe to show to an operator."""


class Settings(BaseSettings):
    """Every setting of the assistant, validated once at start-up."""

    model_config = SettingsConfigDict(
        env_prefix="KB_", populate_by_name=True, extra="ignore", case_sensitive=False
    )

    # Knowledge base
    store_dir: Path = Field(PROJECT_ROOT / "store", description="Index folder (KB_STORE_DIR).")
    sources: Annotated[list[Path], NoDecode] = Field(
        default_factory=lambda: [PROJECT_ROOT / "knowledge"],
        description="Document folders the knowledge base mirrors (KB_SOURCES, comma separated).",
    )
    embedding_model_path: Path | None = Field(
        None, description="Local sentence-transformers model folder; default: the packaged MiniLM."
    )
    chroma_host: str | None = Field(None, validation_alias=AliasChoices("CHROMA_HOST", "chroma_host"))
    chroma_port: int = Field(8000, validation_alias=AliasChoices("CHROMA_PORT", "chroma_port"))

    # Reading documents: limits checked before parsing, and the parse budget (docs/hostile-documents.md)
    max_file_mb: float = Field(50.0, gt=0, description="Largest file read, in MB (KB_MAX_FILE_MB).")
    max_unzipped_mb: float = Field(200.0, gt=0, description="Largest declared unzipped size of a .docx, in MB.")
    max_zip_ratio: float = Field(100.0, gt=1, description="Highest compression ratio of a .docx (zip bombs).")
    max_pdf_pages: int = Field(2000, ge=1, description="Most pages of a PDF.")
    max_passages: int = Field(2000, ge=1, description="Most passages one document may make.")
    parse_timeout_s: float = Field(120.0, gt=0, description="Wall time to read one file, in seconds.")
    parse_memory_mb: int = Field(1024, ge=256, description="Address space of the parse worker, in MB.")
    refuse_symlinks: bool = Field(False, description="Stricter only: skip every symbolic link, even inside a folder.")

    # Retrieval and answering
    top_k: int = Field(5, ge=1, le=20, description="Passages a configured language model is shown (and may cite).")
    abstain_threshold: float | None = Field(
        None, ge=0.0, le=1.0,
        description="Answerability probability needed to answer (default: the fitted operating point, docs/retrieval.md).",
    )
    llm_provider: Literal["none", "openai", "ollama", "anthropic"] = "none"
    llm_model: str | None = None
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float = 30.0

    # Slack
    slack_bot_token: str | None = Field(None, validation_alias=AliasChoices("SLACK_BOT_TOKEN", "slack_bot_token"))
    slack_app_token: str | None = Field(None, validation_alias=AliasChoices("SLACK_APP_TOKEN", "slack_app_token"))
    slack_signing_secret: str | None = Field(
        None, validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "slack_signing_secret")
    )
    slack_api_url: str = Field(
        "https://slack.com/api/", validation_alias=AliasChoices("SLACK_API_URL", "slack_api_url")
    )
    managers: Annotated[list[str], NoDecode] = Field(default_factory=list, description="Slack user ids allowed manager commands.")
    manager_usergroup: str | None = Field(None, description="Slack user group id whose members are managers.")
    allowed_channels: Annotated[list[str], NoDecode] = Field(default_factory=list, description="Empty: every channel the bot is in.")
    rate_limit_per_minute: int = Field(10, ge=1)
    thread_ttl_s: int = Field(1800, ge=60, description="How long thread memory is kept, in seconds.")
    escalation_channel: str | None = Field(
        None, description="Channel id where \"Ask a person\" posts; unset: the button is not shown.")
    escalation_mention: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Who an escalation mentions: user group ids (S...) and/or user ids (U...).")
    approved_match_threshold: float = Field(
        0.91, ge=0.0, le=1.0, description="Cosine similarity from which a question meets an approved answer "
                                          "(calibrated in docs/approved-answers.md).")
    slack_timeout_s: int = Field(10, ge=1, description="Seconds a Web API or response_url call may take.")
    slack_retries: int = Field(2, ge=0, le=10, description="Retries per Web API call on 429, 5xx, dropped connections.")
    outbox_ttl_s: int = Field(900, ge=5, le=3600, description="How long a reply Slack refused is kept for another try.")
    outbox_retry_s: float = Field(5.0, gt=0, description="First wait before a held reply is tried again (doubles).")
    shutdown_grace_s: float = Field(20.0, ge=0, description="On SIGTERM, how long answers in progress may take.")
    http_backlog: int = Field(1024, ge=64, description="Listen backlog of `serve --http` (connections waiting).")

    # Jobs
    refresh_schedule: str | None = Field(None, description="Cron expression for the scheduled refresh.")
    digest_schedule: str | None = Field(
        None, description="Cron expression (Europe/London) for the managers' digest, sent by DM (KB_DIGEST_SCHEDULE)."
    )
    digest_days: int = Field(7, ge=1, le=366, description="Days the scheduled digest looks back (KB_DIGEST_DAYS).")
    versions_kept: int = Field(2, ge=2, description="Index versions kept (live + previous at least).")

    log_level: str = "INFO"

    @field_validator("sources", "managers", "allowed_channels", "escalation_mention", mode="before")
    @classmethod
    def _split_commas(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().startswith("["):
            return json.loads(value)  # a JSON list from the environment
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("escalation_mention", mode="after")
    @classmethod
    def _mention_ids(cls, value: list[str]) -> list[str]:
        """Bare ids from "S0123", "<!subteam^S0123|@duty>", "U0123" or "<@U0123>"."""
        ids = []
        for item in value:
            match = re.fullmatch(r"<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>|<@([A-Z0-9]+)(?:\|[^>]*)?>|([A-Z0-9]+)", item.strip())
            found = match and next(g for g in match.groups() if g)
            if not found or found[0] not in "SUW":
                raise ValueError(f"{item!r} is not a user group id (S...) or a user id (U... or W...)")
            ids.append(found)
        return ids

    @field_validator("escalation_channel", mode="after")
    @classmethod
    def _channel_id(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[CG][A-Z0-9]+", value.strip()):
            raise ValueError(f"{value!r} is not a channel id (C... or G...: the channel's details show it)")
        return value.strip() if value else None

    @field_validator("store_dir", "embedding_model_path", mode="after")
    @classmethod
    def _expand(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        config_file = Path(os.environ.get("KB_CONFIG_FILE", DEFAULT_CONFIG_FILE))
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if config_file.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=config_file))
        return tuple(sources)


def load_settings(**overrides: Any) -> Settings:
    """Read and validate settings; raise :class:`SettingsError` with a readable message."""
    clean = {key: value for key, value in overrides.items() if value is not None}
    try:
        settings = Settings(**clean)
    except PydanticSettingsError as exc:
        raise SettingsError(f"invalid settings: {exc}") from None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}" for err in exc.errors()
        )
        raise SettingsError(f"invalid settings: {problems}") from None
    if settings.escalation_channel and not settings.escalation_mention:
        raise SettingsError("invalid settings: KB_ESCALATION_MENTION (a user group id S... or user ids) is required "
                            "when KB_ESCALATION_CHANNEL is set, so that an escalation reaches someone")
    if settings.llm_provider != "none" and not settings.llm_model:
        raise SettingsError("invalid settings: llm_model is required when llm_provider is set")
    return settings


def check_store_writable(store_dir: Path) -> None:
    """Fail early, with a clear message, when the store folder cannot be written."""
    try:
        store_dir.mkdir(parents=True, exist_ok=True)
        probe = store_dir / ".write-check"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise SettingsError(f"the store folder {store_dir} cannot be written ({exc.strerror})") from None
