"""Wall-clock pieces the reminder reader shares: zones, clock times, local time to UTC.

`zone(name)`, `wall_time_to_utc(day, clock, tz) -> (utc, shifted_for_dst)`, `read_clock(words)`
("18:00", "6pm", "6:30 pm", "7.45", "21h30" -> time | None; raises BadClock for "25:00" or
"13pm"), `describe_local(moment)` ("Fri 04 Dec 2026, 18:00 CET").
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

CLOCK = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|a|p)?$")


class BadClock(ValueError):
    """Looks like a clock time but is not one: "25:00", "13pm"."""


class OutOfRange(ValueError):
    """A date at the very ends of the calendar (year 1 or 9999), where UTC arithmetic overflows."""

    def __init__(self, past: bool) -> None:
        super().__init__("past" if past else "too far")
        self.past = past


class UnknownZone(ValueError):
    """Not an IANA timezone name."""


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise UnknownZone(name) from error


def describe_local(local: datetime) -> str:
    """'Fri 11 Dec 2026, 18:00 CET': weekday, date, time and the zone's abbreviation."""
    return f"{local:%a %d %b %Y, %H:%M} {local.tzname()}"


def wall_time_to_utc(day: date, clock: time, timezone: str) -> tuple[datetime, bool]:
    """A wall-clock time in a zone as UTC; True when DST skipped that wall time that day."""
    naive = datetime.combine(day, clock)
    aware = naive.replace(tzinfo=zone(timezone))  # fold=0: the first of two repeated times
    try:
        due = aware.astimezone(UTC)
        due.astimezone(zone(timezone))
    except OverflowError as error:
        raise OutOfRange(past=day.year < 5000) from error
    return due, due.astimezone(zone(timezone)).replace(tzinfo=None) != naive


def read_clock(words: str, *, evening: bool = False) -> time | None:
    """A clock time, or None when the words are not one; "8" said of an evening is 20:00."""
    match = CLOCK.match(words.strip())
    if match is None:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), (match[3] or "")[:1]
    if half:
        if not 1 <= hour <= 12:
            raise BadClock(words)
        hour = hour % 12 + (12 if half == "p" else 0)
    elif evening and 1 <= hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        raise BadClock(words)
    return time(hour, minute)
