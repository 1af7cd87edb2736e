"""Listed option expiries: Deribit-style for crypto (08:00 UTC), US-equity style otherwise."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from hedging.models import AssetClass

FRIDAY = 4
CRYPTO_EXPIRY_TIME = time(8, 0, tzinfo=UTC)
NEW_YORK = "America/New_York"
DAILY_EQUITY_SYMBOLS = frozenset({"SPY", "QQQ"})


def _last_friday(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    day = following - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - FRIDAY) % 7)


def _third_friday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(FRIDAY - first.weekday()) % 7 + 14)


def _months_ahead(start: date, count: int) -> list[tuple[int, int]]:
    return [
        (start.year + (start.month - 1 + step) // 12, (start.month - 1 + step) % 12 + 1)
        for step in range(count)
    ]


def crypto_expiries(now: datetime) -> list[datetime]:
    """Deribit's grid: dailies, Friday weeklies, month-ends, then quarter-ends for 18 months."""
    today = now.astimezone(UTC).date()
    days: set[date] = {today + timedelta(days=step) for step in range(5)}
    next_friday = today + timedelta(days=(FRIDAY - today.weekday()) % 7)
    days.update(next_friday + timedelta(weeks=step) for step in range(5))
    months = _months_ahead(today, 19)
    days.update(_last_friday(year, month) for year, month in months[:4])
    days.update(_last_friday(year, month) for year, month in months if month % 3 == 0)
    stamps = (datetime.combine(day, CRYPTO_EXPIRY_TIME) for day in days)
    return sorted(stamp for stamp in stamps if stamp > now)


def equity_expiries(now: datetime, symbol: str) -> list[datetime]:
    """Fridays for six weeks (every weekday for SPY and QQQ), monthly third Fridays for a year,
    then January LEAPS; at 16:00 New York time."""
    new_york = ZoneInfo(NEW_YORK)
    today = now.astimezone(new_york).date()
    days: set[date] = set()
    if symbol in DAILY_EQUITY_SYMBOLS:
        days.update(
            day for day in (today + timedelta(days=step) for step in range(8)) if day.weekday() < 5
        )
    next_friday = today + timedelta(days=(FRIDAY - today.weekday()) % 7)
    days.update(next_friday + timedelta(weeks=step) for step in range(6))
    days.update(_third_friday(year, month) for year, month in _months_ahead(today, 13))
    days.update(_third_friday(today.year + step, 1) for step in (1, 2))
    stamps = (datetime.combine(day, time(16, 0), tzinfo=new_york) for day in days)
    return sorted(stamp.astimezone(UTC) for stamp in stamps if stamp > now)


@cache
def _grid(asset_class: AssetClass, symbol: str, now: datetime) -> tuple[datetime, ...]:
    if asset_class is AssetClass.CRYPTO:
        return tuple(crypto_expiries(now))
    return tuple(equity_expiries(now, symbol))


def expiry_covering(
    asset_class: AssetClass, symbol: str, now: datetime, horizon_days: float
) -> datetime:
    """The first listed expiry at or after the horizon (the last listed one if none is that far)."""
    grid = _grid(asset_class, symbol, now)
    end = now + timedelta(days=horizon_days)
    return next((expiry for expiry in grid if expiry >= end), grid[-1])
