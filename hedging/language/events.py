"""Which scheduled event a message means, with the calendar as the source of truth.

`calendar_event(concern, text, now, calendar)` -> `EventReading(at, note)`: for FOMC and CPI the
calendar's occurrence the user means ("FOMC on Wednesday", "the Fed next month", "march fomc",
"the fed meeting on dec 9"); when the day they typed is not the calendar's, `at` is the
calendar's and `note` says so in one line. Other kinds have no calendar: `at` is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from hedging.events import EventCalendar
from hedging.language.horizons import read_day
from hedging.models import Concern

CALENDAR_KINDS = (Concern.FOMC, Concern.CPI)
NAMES = {Concern.FOMC: "FOMC decision", Concern.CPI: "CPI release"}


@dataclass(frozen=True)
class EventReading:
    at: datetime | None = None
    note: str | None = None


def _day_text(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b}"


def calendar_event(
    concern: Concern | None,
    text: str,
    now: datetime,
    calendar: EventCalendar,
    today: date | None = None,
) -> EventReading:
    """The calendar's event the message means, and a note when the user's date was not it."""
    if concern not in CALENDAR_KINDS:
        return EventReading()
    assert concern is not None
    upcoming = [event for event in calendar.of_kind(concern) if event.at > now]
    if not upcoming:
        return EventReading()
    said = read_day(text, today or now.astimezone(UTC).date())
    if said is None:
        return EventReading(upcoming[0].at)
    month_only = (
        said.day == 1
        and f"{said:%b}".lower() in text.lower()
        and not any(ch.isdigit() for ch in text.lower().split(f"{said:%b}".lower(), 1)[-1][:4])
    )
    lowered = text.lower()
    if "next week" in lowered or "this week" in lowered:
        week = [e for e in upcoming if 0 <= (e.at.date() - said).days < 7]
        if week:
            return EventReading(week[0].at)
    in_month = [e for e in upcoming if (e.at.year, e.at.month) == (said.year, said.month)]
    if ("next month" in text.lower() or month_only) and in_month:
        return EventReading(in_month[0].at)
    nearest = min(
        upcoming,
        key=lambda e: (abs(e.at.date() - said).days, e.at.date() < said),
    )
    if nearest.at.date() == said or abs(nearest.at.date() - said) <= timedelta(days=1):
        return EventReading(nearest.at)
    note = (
        f"You said {_day_text(datetime.combine(said, now.timetz()))}; the calendar has the "
        f"{NAMES[concern]} on {_day_text(nearest.at)}, so I used that date."
    )
    return EventReading(nearest.at, note)
