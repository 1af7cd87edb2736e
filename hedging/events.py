"""The calendar of scheduled market events (FOMC decisions, US CPI releases), read from data."""

from __future__ import annotations

import tomllib
from bisect import bisect_right
from datetime import UTC, date, datetime, time
from enum import StrEnum
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from hedging.models import Concern, Model

DEFAULT_EVENTS_FILE = Path(__file__).resolve().parent / "data" / "events.toml"
EVENT_BUFFER_DAYS = 1.0  # a hedge for an event stays on a day after it, for the market to digest
MAX_HORIZON_DAYS = 365


class DateStatus(StrEnum):
    PUBLISHED = "published"
    TENTATIVE = "tentative"
    TO_VERIFY = "to_verify"
    ESTIMATED = "estimated"


class ScheduledEvent(Model):
    """One occurrence: what, when (UTC), how sure we are of the date, and who sets it."""

    kind: Concern
    title: str
    at: datetime
    status: DateStatus
    source: str

    @property
    def confirmed(self) -> bool:
        """True when the body that sets the date has announced it."""
        return self.status in (DateStatus.PUBLISHED, DateStatus.TENTATIVE)


class EventCalendar:
    """All known events, sorted by time, with look-ups by kind."""

    def __init__(
        self,
        events: list[ScheduledEvent],
        usual_times: dict[Concern, tuple[time, str]] | None = None,
    ) -> None:
        self.events = sorted(events, key=lambda event: event.at)
        self.usual_times = usual_times or {}

    def usual_moment(self, kind: Concern, day: date) -> datetime | None:
        """When an event of this kind would land on a day; None for kinds with no set hour."""
        if kind not in self.usual_times:
            return None
        local, timezone = self.usual_times[kind]
        return event_moment(day, local, timezone)

    def of_kind(self, kind: Concern) -> list[ScheduledEvent]:
        return [event for event in self.events if event.kind == kind]

    def next_event(self, kind: Concern, after: datetime) -> ScheduledEvent | None:
        """The first event of this kind strictly after a moment, or None past the calendar's end."""
        same_kind = self.of_kind(kind)
        index = bisect_right([event.at for event in same_kind], after)
        return same_kind[index] if index < len(same_kind) else None

    def between(self, start: datetime, end: datetime) -> list[ScheduledEvent]:
        """Events with start < at <= end."""
        return [event for event in self.events if start < event.at <= end]


def event_moment(day: date, local: time, timezone: str) -> datetime:
    """A wall-clock time on a day in a timezone, as UTC (daylight saving from the tz database)."""
    return datetime.combine(day, local, tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def parse_calendar(data: dict) -> EventCalendar:
    """Build the calendar from the TOML structure (kinds + events)."""
    kinds = data["kinds"]
    events = []
    for row in data["events"]:
        kind = kinds[row["kind"]]
        events.append(
            ScheduledEvent(
                kind=Concern(row["kind"]),
                title=row.get("title", kind["title"]),
                at=event_moment(
                    row["date"],
                    time.fromisoformat(row.get("time", kind["time"])),
                    row.get("timezone", kind["timezone"]),
                ),
                status=DateStatus(row["status"]),
                source=row.get("source", kind["source"]),
            )
        )
    usual_times = {
        Concern(name): (time.fromisoformat(kind["time"]), kind["timezone"])
        for name, kind in kinds.items()
    }
    return EventCalendar(events, usual_times)


@cache
def load_calendar(path: str | Path = DEFAULT_EVENTS_FILE) -> EventCalendar:
    """Read an events TOML file (the shipped one by default)."""
    with Path(path).open("rb") as handle:
        return parse_calendar(tomllib.load(handle))


def as_utc(moment: datetime) -> datetime:
    """The same instant in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def days_past_event(event_at: datetime, now: datetime) -> float:
    """Days from now until a day after the event: what a hedge for that event has to last (not
    yet rounded up to whole days, nor held to MAX_HORIZON_DAYS)."""
    return (as_utc(event_at) - as_utc(now)).total_seconds() / 86_400 + EVENT_BUFFER_DAYS
