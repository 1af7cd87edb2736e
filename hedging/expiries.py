"""Listed option expiries: Deribit-style for crypto (08:00 UTC), US-equity style otherwise."""

from __future__ import annotations

from collections.abc import Sequence
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
    asset_class: AssetClass,
    symbol: str,
    now: datetime,
    horizon_days: float,
    listed: Sequence[datetime] = (),
) -> datetime:
    """The first listed expiry at or after the horizon (the last listed one if none is that far).

    `listed` is the venue's own list when live data has it; otherwise the venue's usual grid.
    """
    grid = tuple(sorted(e for e in listed if e > now)) or _grid(asset_class, symbol, now)
    end = now + timedelta(days=horizon_days)
    return next((expiry for expiry in grid if expiry >= end), grid[-1])


QUARTER_MONTHS = (3, 6, 9, 12)
MIN_DAYS_TO_EXPIRY = 7  # a future in its last week is not opened as a hedge


@cache
def future_expiries(
    now: datetime, asset_class: AssetClass, regulated: bool
) -> tuple[datetime, ...]:
    """Listed dated futures: crypto venues' quarterlies (last Friday, 08:00 UTC), CME crypto
    monthlies (last Friday, 16:00 London) and equity-index quarterlies (third Friday, 09:30 NY)."""
    today = now.astimezone(UTC).date()
    months = _months_ahead(today, 13)
    if asset_class is AssetClass.INDEX:
        new_york = ZoneInfo(NEW_YORK)
        days = [_third_friday(y, m) for y, m in months if m in QUARTER_MONTHS]
        stamps = [datetime.combine(d, time(9, 30), tzinfo=new_york) for d in days]
    elif regulated:
        london = ZoneInfo("Europe/London")
        days = [_last_friday(y, m) for y, m in months]
        stamps = [datetime.combine(d, time(16, 0), tzinfo=london) for d in days]
    else:
        days = [_last_friday(y, m) for y, m in months if m in QUARTER_MONTHS]
        stamps = [datetime.combine(d, CRYPTO_EXPIRY_TIME) for d in days]
    listed = LISTED_FUTURES[asset_class is AssetClass.INDEX, regulated]
    return tuple(sorted(s.astimezone(UTC) for s in stamps if s > now)[:listed])


LISTED_FUTURES = {(True, True): 4, (True, False): 4, (False, True): 6, (False, False): 2}


def front_future(
    now: datetime, asset_class: AssetClass, regulated: bool, horizon_days: float
) -> tuple[datetime, datetime | None]:
    """(the future to short, the date to roll it or None): the first listed expiry after the
    horizon (and at least a week away); when none is listed that far, the nearest one, rolled
    into the next at its expiry."""
    earliest = now + timedelta(days=MIN_DAYS_TO_EXPIRY)
    listed = [e for e in future_expiries(now, asset_class, regulated) if e >= earliest]
    end = now + timedelta(days=horizon_days)
    covering = next((e for e in listed if e >= end), None)
    return (covering, None) if covering is not None else (listed[0], listed[0])
