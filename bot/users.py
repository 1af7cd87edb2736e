"""Per-user settings from /settings, kept in the users table."""

from __future__ import annotations

import json
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlite_utils
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.config import BotConfig
from bot.storage import dumps, utc_now_iso

FEE_TIER_TAKER = {"regular": None, "vip": 0.0004, "maker": 0.0002}  # None: the market's default


class UserSettings(BaseModel):
    """What a person chose in /settings."""

    model_config = ConfigDict(extra="ignore")

    leverage: float = Field(2.0, ge=1, le=125)
    fee_tier: Literal["regular", "vip", "maker"] = "regular"
    region: Literal["us", "non_us"] = "non_us"
    timezone: str = "UTC"
    venue: str = "any"

    @property
    def taker_fee(self) -> float | None:
        return FEE_TIER_TAKER[self.fee_tier]


def defaults(config: BotConfig) -> UserSettings:
    return UserSettings(
        leverage=config.default_leverage,
        fee_tier=config.default_fee_tier,
        region=config.default_region,
        timezone=config.default_timezone,
        venue=config.default_venue,
    )


def valid_timezone(name: str) -> str | None:
    """The canonical IANA name if `name` is one (case-insensitive for common forms), else None."""
    cleaned = name.strip().replace(" ", "_")
    if not cleaned or len(cleaned) > 64 or ".." in cleaned or cleaned.startswith("/"):
        return None
    for candidate in (cleaned, cleaned.title(), cleaned.upper()):
        try:
            ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return candidate
    return None


def load_user_settings(db: sqlite_utils.Database, user_id: int, config: BotConfig) -> UserSettings:
    """The user's settings, or the configured defaults for someone new."""
    row = db.execute("SELECT settings, timezone FROM users WHERE id = ?", [user_id]).fetchone()
    if row is None:
        return defaults(config)
    try:
        merged = {**defaults(config).model_dump(), **json.loads(row[0])}
        if row[1]:
            merged["timezone"] = row[1]
        return UserSettings.model_validate(merged)
    except (ValueError, ValidationError):
        return defaults(config)


def save_user_settings(db: sqlite_utils.Database, user_id: int, settings: UserSettings) -> None:
    existing = next(iter(db.table("users").rows_where("id = ?", [user_id])), None)
    db.table("users").upsert(
        {
            "id": user_id,
            "timezone": settings.timezone,
            "settings": dumps(settings.model_dump(exclude={"timezone"})),
            "created_at": existing["created_at"] if existing else utc_now_iso(),
        },
        pk="id",
    )
