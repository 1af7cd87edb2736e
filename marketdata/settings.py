"""The live-market adapter's own settings (the bot's config composes them as [market])."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class MarketSettings(BaseModel):
    """Where prices come from: the [market] table of the bot's config."""

    model_config = ConfigDict(extra="forbid")

    source: Literal["snapshot", "live"] = "snapshot"
    cache_seconds: float = Field(15.0, gt=0)  # how long a live price stays fresh
    venues: list[str] = ["binance", "bybit", "okx", "deribit"]  # asked in this order
    us_venues: list[str] = ["coinbase", "kraken"]  # for a user whose region is US
    options_venue: str = "deribit"  # listed options and implied volatility
    stocks: Literal["snapshot", "yahoo"] = "snapshot"  # stocks and ETFs: yahoo needs [stocks]
    timeout_seconds: float = Field(4.0, gt=0, le=30)  # per exchange call; a reply waits once
    funding_minutes: float = Field(5.0, gt=0)  # how long a funding rate stays fresh
    volatility_hours: float = Field(6.0, gt=0)  # daily closes behind volatility and correlation
    history_days: int = Field(90, ge=31, le=365)

    @field_validator("venues", "us_venues", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        """HEDGEBOT_MARKET__VENUES=binance,okx arrives as one string."""
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value
