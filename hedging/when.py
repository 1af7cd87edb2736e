"""Read a reminder time the way a person types it, in their timezone, and turn it into UTC."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hedging.timezones import read_timezone

MAX_AHEAD = timedelta(days=365)
DEFAULT_EVENT_BUFFER = timedelta(hours=2)
AFTERNOON = time(15, 0)
EVENING = time(19, 0)
TONIGHT = time(21, 0)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
UNIT_SECONDS = {"minute": 60, "hour": 3600}
UNIT_DAYS = {"day": 1, "week": 7}
UNIT_ALIASES = {
    "m": "minute", "min": "minute", "mins": "minute", "minute": "minute", "minutes": "minute",
    "h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "hours": "hour",
    "d": "day", "day": "day", "days": "day",
    "w": "week", "wk": "week", "week": "week", "weeks": "week",
}  # fmt: skip

RELATIVE = re.compile(r"^in\s+(an?|one|\d+(?:[.,]\d+)?)\s*([a-z]+)$")
EVENT = re.compile(r"^after\s+(?:the\s+)?(?:event|fomc|cpi|meeting|release|announcement)$")
HORIZON = re.compile(
    r"^(?:at\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?(?:horizon|hedge|plan)$|^horizon$"
)
CLOCK = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DOTTED_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
DAY_MONTH = re.compile(r"^(\d{1,2})\s+([a-z]{3})[a-z]*$|^([a-z]{3})[a-z]*\s+(\d{1,2})$")
FILLER = re.compile(r"^(?:remind\s+me\s+)?(?:on\s+|at\s+)?")


class WhenProblem(StrEnum):
    NOT_UNDERSTOOD = "not_understood"
    IN_THE_PAST = "in_the_past"
    TOO_FAR = "too_far"
    NO_EVENT = "no_event"
    NO_HORIZON = "no_horizon"
    BAD_DATE = "bad_date"
    BAD_TIME = "bad_time"
    UNKNOWN_TIMEZONE = "unknown_timezone"


class WhenError(ValueError):
    """A time we cannot use; the handler renders `problem` with its template."""

    def __init__(self, problem: WhenProblem, shown: str | None = None) -> None:
        super().__init__(problem.value if shown is None else f"{problem.value}: {shown}")
        self.problem = problem
        self.shown = shown  # the moment we understood, in the user's zone, when there is one


@dataclass(frozen=True)
class WhenContext:
    """What the reader needs besides the text: the user's zone and what their plan is about."""

    timezone: str = "UTC"
    morning: time | None = None  # what this user calls "morning"; None = not asked yet
    event_at: datetime | None = None
    event_buffer: timedelta = DEFAULT_EVENT_BUFFER
    horizon_end: datetime | None = None


@dataclass(frozen=True)
class Resolved:
    """A usable moment: `due` in UTC and the same instant on the user's wall clock."""

    due: datetime
    local: datetime
    shifted_for_dst: bool = False  # the typed wall time does not exist that day (clocks jumped)
    shown: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "shown", describe_local(self.local))


@dataclass(frozen=True)
class NeedsMorning:
    """The text said "morning" and we do not know yet what morning means to this user."""

    day: date


def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name, or a friendly error."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise WhenError(WhenProblem.UNKNOWN_TIMEZONE) from error


def describe_local(local: datetime) -> str:
    """'Fri 11 Dec 2026, 18:00 CET': weekday, date, time and the zone's abbreviation."""
    return f"{local:%a %d %b %Y, %H:%M} {local.tzname()}"


def describe(moment: datetime, timezone: str) -> str:
    """A UTC moment as the user's wall clock shows it, with the weekday."""
    return describe_local(moment.astimezone(zone(timezone)))


def wall_time_to_utc(day: date, clock: time, timezone: str) -> tuple[datetime, bool]:
    """A wall-clock time in a zone as UTC; True when that wall time was skipped by DST."""
    naive = datetime.combine(day, clock)
    aware = naive.replace(tzinfo=zone(timezone))  # fold=0: the first of two repeated times
    try:
        due = aware.astimezone(UTC)
        due.astimezone(zone(timezone))
    except OverflowError as error:  # only at the calendar's ends: year 1 or year 9999
        far_side = WhenProblem.IN_THE_PAST if day.year < 5000 else WhenProblem.TOO_FAR
        raise WhenError(far_side) from error
    return due, due.astimezone(zone(timezone)).replace(tzinfo=None) != naive


def resolve_when(text: str, context: WhenContext, now: datetime) -> Resolved | NeedsMorning:
    """Turn the user's words into a checked UTC moment (or ask what their morning is)."""
    words = normalise(text)
    if not words:
        raise WhenError(WhenProblem.NOT_UNDERSTOOD)
    result = _read(words, context, now)
    if isinstance(result, NeedsMorning):
        return result
    due, shifted = result
    return check_window(due, context.timezone, now, shifted)


def check_window(due: datetime, timezone: str, now: datetime, shifted: bool = False) -> Resolved:
    """Refuse a moment already past or more than a year ahead; otherwise wrap it."""
    local = due.astimezone(zone(timezone))
    if due <= now:
        raise WhenError(WhenProblem.IN_THE_PAST, describe_local(local))
    if due - now > MAX_AHEAD:
        raise WhenError(WhenProblem.TOO_FAR, describe_local(local))
    return Resolved(due=due, local=local, shifted_for_dst=shifted)


def normalise(text: str) -> str:
    """Lower case, single spaces, no trailing punctuation, no 'remind me at' in front."""
    words = " ".join(text.lower().replace(",", " ").split()).strip(" .!?")
    return FILLER.sub("", words, count=1).strip()


def _read(words: str, context: WhenContext, now: datetime) -> tuple[datetime, bool] | NeedsMorning:
    if match := RELATIVE.match(words):
        return _relative(match.group(1), match.group(2), context, now), False
    if EVENT.match(words):
        if context.event_at is None:
            raise WhenError(WhenProblem.NO_EVENT)
        return context.event_at.astimezone(UTC) + context.event_buffer, False
    if HORIZON.match(words):
        if context.horizon_end is None:
            raise WhenError(WhenProblem.NO_HORIZON)
        return context.horizon_end.astimezone(UTC), False
    return _day_and_time(words, context, now)


def _relative(amount_text: str, unit_text: str, context: WhenContext, now: datetime) -> datetime:
    unit = UNIT_ALIASES.get(unit_text)
    if unit is None:
        raise WhenError(WhenProblem.NOT_UNDERSTOOD)
    amount = 1.0 if amount_text in ("a", "an", "one") else float(amount_text.replace(",", "."))
    seconds = amount * UNIT_SECONDS.get(unit, 86400 * UNIT_DAYS.get(unit, 1))
    if seconds > 2 * MAX_AHEAD.total_seconds():  # refuse before date arithmetic overflows
        raise WhenError(WhenProblem.TOO_FAR)
    if unit in UNIT_SECONDS:
        return now + timedelta(seconds=amount * UNIT_SECONDS[unit])
    if amount != int(amount):  # "in 1.5 days": count it in hours, there is no wall time to keep
        return now + timedelta(days=amount * UNIT_DAYS[unit])
    # whole days keep the wall-clock time, so "in 3 days" across a DST change is still 18:00
    local = now.astimezone(zone(context.timezone))
    later = local.date() + timedelta(days=int(amount) * UNIT_DAYS[unit])
    return wall_time_to_utc(later, local.time().replace(tzinfo=None), context.timezone)[0]


def _day_and_time(
    words: str, context: WhenContext, now: datetime
) -> tuple[datetime, bool] | NeedsMorning:
    today = now.astimezone(zone(context.timezone)).date()
    tokens = words.split()
    for split in range(len(tokens), -1, -1):  # the longest prefix that reads as a day
        day_words, time_words = " ".join(tokens[:split]), " ".join(tokens[split:])
        day = _day(day_words, today) if day_words else None
        if day_words and day is None:
            continue
        clock = _clock(time_words, context) if time_words else None
        if time_words and clock is None:
            continue
        if day is None and clock is None:
            break
        return _combine(day, clock, day_words, today, context, now)
    raise WhenError(WhenProblem.NOT_UNDERSTOOD)


def _combine(
    day: date | None,
    clock: time | NeedsMorning | None,
    day_words: str,
    today: date,
    context: WhenContext,
    now: datetime,
) -> tuple[datetime, bool] | NeedsMorning:
    if clock is None:  # a day alone means that day's morning
        clock = context.morning if context.morning is not None else NeedsMorning(today)
    if isinstance(clock, NeedsMorning):
        return NeedsMorning(day or today)
    if day is None:  # a time alone means the next time the clock shows it
        due, shifted = wall_time_to_utc(today, clock, context.timezone)
        if due > now:
            return due, shifted
        return wall_time_to_utc(today + timedelta(days=1), clock, context.timezone)
    due, shifted = wall_time_to_utc(day, clock, context.timezone)
    if due <= now and day == today and day_words in WEEKDAYS_AND_SHORT:
        # "friday 9:00" said on a Friday at 10:00 means next Friday
        due, shifted = wall_time_to_utc(day + timedelta(days=7), clock, context.timezone)
    return due, shifted


WEEKDAYS_AND_SHORT = {name for day in WEEKDAYS for name in (day, day[:3], f"next {day}")}


def _day(words: str, today: date) -> date | None:
    if words == "today":
        return today
    if words == "tomorrow":
        return today + timedelta(days=1)
    plain = words.removeprefix("next ").removeprefix("this ")
    for index, name in enumerate(WEEKDAYS):
        if plain in (name, name[:3]):
            ahead = (index - today.weekday()) % 7
            return today + timedelta(days=ahead)
    return _calendar_date(words, today)


def _calendar_date(words: str, today: date) -> date | None:
    if match := ISO_DATE.match(words):
        return _checked_date(int(match[1]), int(match[2]), int(match[3]))
    if match := DOTTED_DATE.match(words):
        return _checked_date(int(match[3]), int(match[2]), int(match[1]))
    if match := DAY_MONTH.match(words):
        day_text, month_text = (match[1], match[2]) if match[1] else (match[4], match[3])
        if month_text not in MONTHS:
            return None
        month = MONTHS.index(month_text) + 1
        this_year = _checked_date(today.year, month, int(day_text))
        if this_year >= today:
            return this_year
        return _checked_date(today.year + 1, month, int(day_text))
    return None


def _checked_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise WhenError(WhenProblem.BAD_DATE) from error


def _clock(words: str, context: WhenContext) -> time | NeedsMorning | None:
    words = words.removeprefix("at ").removeprefix("in the ").strip()
    if words in ("morning", "am"):
        return context.morning if context.morning is not None else NeedsMorning(date.min)
    named = {"afternoon": AFTERNOON, "evening": EVENING, "tonight": TONIGHT, "night": TONIGHT}
    if words in named:
        return named[words]
    if words == "noon":
        return time(12, 0)
    if words == "midnight":
        return time(0, 0)
    return parse_clock(words)


def parse_clock(words: str) -> time | None:
    """'18:00', '6pm', '6:30 pm', '7.45', '9h30' -> a time; None when it is not a time."""
    match = CLOCK.match(words.strip())
    if match is None:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            raise WhenError(WhenProblem.BAD_TIME)
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise WhenError(WhenProblem.BAD_TIME)
    return time(hour, minute)


def parse_morning(text: str) -> time:
    """What the user calls morning: a time between 04:00 and 12:00."""
    clock = parse_clock(normalise(text).removesuffix(" in the morning"))
    if clock is None or not time(4, 0) <= clock <= time(12, 0):
        raise WhenError(WhenProblem.BAD_TIME)
    return clock


def parse_timezone(text: str) -> str:
    """An IANA zone from what the user typed (see hedging.timezones), or WhenError."""
    name = read_timezone(text)
    if name is None:
        raise WhenError(WhenProblem.UNKNOWN_TIMEZONE)
    return name
