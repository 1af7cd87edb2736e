"""Where the bot reads the time: the system clock in production, a hand-driven one in tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol

from hedging.events import as_utc


class Clock(Protocol):
    """Anything that can say what time it is, always timezone-aware UTC."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that moves only when a test moves it."""

    def __init__(self, start: datetime) -> None:
        self._now = as_utc(start)

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        """Jump to a moment (forwards or backwards)."""
        self._now = as_utc(moment)

    def advance(self, delta: timedelta | float) -> datetime:
        """Move forward by a timedelta or a number of seconds; return the new time."""
        step = delta if isinstance(delta, timedelta) else timedelta(seconds=delta)
        self._now += step
        return self._now
