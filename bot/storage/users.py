"""The users table: each person's /settings, timezone and what they call morning."""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Literal

import sqlite_utils
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.config import BotConfig
from bot.storage.db import dumps, iso

FEE_TIER_TAKER = {"regular": None, "vip": 0.0004, "maker": 0.0002}  # None: the market's default


class UserSettings(BaseModel):
    """What a person chose in /settings."""

    model_config = ConfigDict(extra="ignore")

    leverage: float = Field(2.0, ge=1, le=125)
    fee_tier: Literal["regular", "vip", "maker"] = "regular"
    region: Literal["us", "non_us"] = "non_us"
    timezone: str = "UTC"
    venue: str = "any"
    margin_mode: Literal["isolated", "cross", "portfolio"] = "isolated"  # hedging MarginMode
    wallet_usd: float | None = Field(None, gt=0, le=1e12)  # cross wallet; None = the plan's margin

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


class UserRepository:
    """One row per user, always read by the user's own id."""

    def __init__(self, db: sqlite_utils.Database, config: BotConfig) -> None:
        self.db, self.config = db, config

    def settings(self, user_id: int) -> UserSettings:
        """The user's settings, or the configured defaults for someone new."""
        row = self.db.execute(
            "SELECT settings, timezone FROM users WHERE id = ?", [user_id]
        ).fetchone()
        if row is None:
            return defaults(self.config)
        try:
            merged = {**defaults(self.config).model_dump(), **json.loads(row[0])}
            if row[1]:
                merged["timezone"] = row[1]
            return UserSettings.model_validate(merged)
        except (ValueError, ValidationError):
            return defaults(self.config)

    def save_settings(self, user_id: int, settings: UserSettings, now: datetime) -> None:
        self.db.execute(
            "INSERT INTO users (id, timezone, settings, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET timezone = excluded.timezone, "
            "settings = excluded.settings",
            [
                user_id,
                settings.timezone,
                dumps(settings.model_dump(exclude={"timezone"})),
                iso(now),
            ],
        )

    def timezone(self, user_id: int) -> str | None:
        """The timezone this user told us, or None if they never did."""
        row = self.db.execute("SELECT timezone FROM users WHERE id = ?", [user_id]).fetchone()
        return row[0] if row and row[0] else None

    def morning(self, user_id: int) -> time | None:
        """What this user calls morning, if they said."""
        row = self.db.execute("SELECT morning FROM users WHERE id = ?", [user_id]).fetchone()
        return datetime.strptime(row[0], "%H:%M").time() if row and row[0] else None

    def set_timezone(self, user_id: int, timezone: str, now: datetime) -> None:
        """Set only the timezone column (other settings belong to /settings)."""
        self.db.execute(
            "INSERT INTO users (id, timezone, settings, created_at) VALUES (?, ?, '{}', ?) "
            "ON CONFLICT(id) DO UPDATE SET timezone = excluded.timezone",
            [user_id, timezone, iso(now)],
        )

    def set_morning(self, user_id: int, morning: time, now: datetime) -> None:
        self.db.execute(
            "INSERT INTO users (id, timezone, settings, created_at, morning) "
            "VALUES (?, NULL, '{}', ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET morning = excluded.morning",
            [user_id, iso(now), morning.strftime("%H:%M")],
        )
