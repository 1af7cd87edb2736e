"""Stocks and ETFs through yfinance (optional extra "stocks"): daily closes and the last price."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from marketdata.exchanges import NotListed, positive

NEW_YORK = ZoneInfo("America/New_York")
HISTORY_PERIOD = "6mo"  # about 125 sessions: enough for 90 daily closes


class StockFeed(Protocol):
    """Where stock and ETF figures come from."""

    name: str

    def daily_closes(self, symbol: str, days: int) -> dict[date, float]: ...

    def last_price(self, symbol: str) -> float: ...


def closes_from_history(frame: Any, now: datetime, days: int) -> dict[date, float]:
    """The last DAYS closes of a yfinance `history()` frame, today's unfinished session left out."""
    if frame is None or getattr(frame, "empty", True):
        raise NotListed("has no daily history for it")
    today = now.astimezone(NEW_YORK).date()
    closes = {
        stamp.date(): positive(close, "close")
        for stamp, close in frame["Close"].items()
        if stamp.date() < today
    }
    return dict(sorted(closes.items())[-days:])


class YahooFeed:
    """yfinance, imported on first use (it brings pandas)."""

    name = "yahoo"

    def __init__(self, timeout_seconds: float, now: Callable[[], datetime]) -> None:
        self._timeout = timeout_seconds
        self._now = now

    def daily_closes(self, symbol: str, days: int) -> dict[date, float]:
        import yfinance

        frame = yfinance.Ticker(symbol).history(
            period=HISTORY_PERIOD, interval="1d", auto_adjust=True, timeout=self._timeout
        )
        return closes_from_history(frame, self._now(), days)

    def last_price(self, symbol: str) -> float:
        import yfinance

        return positive(yfinance.Ticker(symbol).fast_info["lastPrice"], "last price")
