"""Configuration: a pydantic model per TOML table; env HEDGEBOT_<TABLE>__<KEY> overrides a key."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from marketdata.settings import MarketSettings

ENV_PREFIX = "HEDGEBOT_"
TOKEN_VARIABLE = "HEDGEBOT_TELEGRAM__TOKEN"
TOKEN_RE = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,64}$")
DEFAULT_CONFIG_FILE = "hedgebot.toml"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TelegramConfig(Section):
    """How the bot reaches Telegram."""

    token: SecretStr | None = None
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    webhook_url: str | None = None  # public HTTPS URL; when set the bot runs a webhook
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(8443, ge=1, le=65535)
    webhook_path: str = "telegram"
    secret_token: SecretStr | None = None  # checked on every webhook call; generated when unset
    poll_timeout: float = Field(10.0, ge=0, le=50)
    max_retries: int = Field(3, ge=0, le=10)  # retries after 429 retry_after
    overall_max_rate: float = Field(30.0, ge=0)  # messages/s across chats, 0 = no limit
    group_max_rate: float = Field(20.0, ge=0)  # messages/min per group, 0 = no limit
    concurrent_updates: int = Field(32, ge=1, le=1024)  # one chat's updates still run in order


class StorageConfig(Section):
    """The one SQLite file."""

    path: str = "hedgebot.sqlite3"
    # how often conversation state is saved; 0 = after every update (nothing lost even on a crash)
    flush_seconds: float = Field(0.0, ge=0, le=300)


class RemindersConfig(Section):
    """Reminders to take a hedge off."""

    enabled: bool = True
    check_seconds: float = Field(30.0, gt=0)
    max_attempts: int = Field(5, ge=1)
    event_buffer_hours: float = Field(2.0, ge=0, le=72)  # "after the event" lands this much later
    backoff_seconds: float = Field(15.0, gt=0)  # first retry after a network error; doubles
    backoff_cap_seconds: float = Field(1800.0, gt=0)
    batch_size: int = Field(500, ge=1, le=10_000)  # due rows read per query
    concurrency: int = Field(64, ge=1, le=1024)  # sends in flight (the rate limiter paces them)
    max_rate: float = Field(28.0, ge=0, le=30)  # reminder messages a second, evenly spaced
    events_file: str | None = None  # an events TOML replacing hedging/data/events.toml


class BotConfig(Section):
    """Behaviour and per-user defaults (a user's /settings override the defaults)."""

    conversation_timeout_seconds: float = Field(900.0, gt=0)
    default_leverage: float = Field(2.0, ge=1, le=125)
    default_fee_tier: Literal["regular", "vip", "maker"] = "regular"
    default_region: Literal["us", "non_us"] = "non_us"
    default_timezone: str = "UTC"
    default_venue: str = "any"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"


class Settings(Section):
    """Everything configurable, one model per TOML table."""

    telegram: TelegramConfig = TelegramConfig()
    storage: StorageConfig = StorageConfig()
    market: MarketSettings = MarketSettings()
    reminders: RemindersConfig = RemindersConfig()
    bot: BotConfig = BotConfig()


class ConfigError(ValueError):
    """A configuration problem, worded as one line for a person."""


def _env_overrides(environ: Mapping[str, str]) -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX) or "__" not in name:
            continue
        table, _, key = name[len(ENV_PREFIX) :].partition("__")
        tables.setdefault(table.lower(), {})[key.lower()] = value
    return tables


def load_settings(
    path: str | Path | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Read the TOML file (if any) and apply environment overrides on top."""
    environ = os.environ if environ is None else environ
    data: dict[str, Any] = {}
    candidate = Path(path) if path else Path(DEFAULT_CONFIG_FILE)
    if path and not candidate.is_file():
        raise ConfigError(f"config file {candidate} not found (see config.example.toml)")
    if candidate.is_file():
        try:
            data = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"config file {candidate} is not valid TOML: {error}") from None
    for table, values in _env_overrides(environ).items():
        data.setdefault(table, {}).update(values)
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"config key {where}: {first['msg']}") from None


def token_problem(settings: Settings) -> str | None:
    """None when the token looks like a Telegram token; otherwise one line saying what to do."""
    token = settings.telegram.token
    if token is None or not token.get_secret_value().strip():
        return (
            f"No Telegram token: set {TOKEN_VARIABLE} (or [telegram] token in hedgebot.toml), "
            "or try the bot offline with `hedgebot chat`."
        )
    if not TOKEN_RE.match(token.get_secret_value().strip()):
        return (
            f"The Telegram token in {TOKEN_VARIABLE} is malformed (expected digits:secret from "
            "@BotFather); or try the bot offline with `hedgebot chat`."
        )
    return None
