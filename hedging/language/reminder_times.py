"""Read the answer to "When should I remind you?" and turn it into a checked moment.

    read_when(text, context: WhenContext, now) -> WhenAnswer

`WhenAnswer` holds exactly one of `due` (aware UTC datetime), `error` ("past" | "too_far" |
"unreadable") or `ask` ("morning" | "date_order"), a `message` to show, and `needs_timezone`
(False for "in 2 hours": only absolute times need the user's zone). `outcome()` is the
`hedgebot understand --when` JSON object.

Our own words come first: the plan's event and its end, a named event from the calendar, the
user's morning, parts of the day, weekdays, ordinals, numeric dates read by the user's locale,
relative times with word numbers. Dates written with a month name go to dateparser (imported
only then: it costs about 0.3 s to load), with languages=["en"] so a miss is quick.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from hedging.events import EventCalendar, load_calendar
from hedging.language.clock import (
    BadClock,
    OutOfRange,
    UnknownZone,
    describe_local,
    read_clock,
    wall_time_to_utc,
    zone,
)
from hedging.language.days import DateOrder, Refused, read_day
from hedging.language.numbers import words_to_digits
from hedging.models import Concern

MAX_AHEAD = timedelta(days=365)
DEFAULT_EVENT_BUFFER = timedelta(hours=2)
PARTS_OF_DAY = {"afternoon": time(15), "evening": time(18), "night": time(20), "noon": time(12)}
PARTS_OF_DAY |= {"midday": time(12), "lunch": time(12), "lunchtime": time(12), "midnight": time(0)}
PARTS_OF_DAY |= {"end of day": time(17), "end of the day": time(17), "close": time(17)}
SHORT_WORDS = {
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow", "tomo": "tomorrow",
    "2moro": "tomorrow", "2morrow": "tomorrow", "2mrw": "tomorrow", "tmw": "tomorrow",
    "tommorow": "tomorrow", "tomorow": "tomorrow", "tonite": "tonight", "nite": "night",
    "mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday",
    "weds": "wednesday", "thu": "thursday", "thur": "thursday", "thurs": "thursday",
    "fri": "friday", "sat": "saturday", "sun": "sunday", "eve": "evening", "arvo": "afternoon",
    "min": "minutes", "mins": "minutes", "m": "minutes", "hr": "hours", "hrs": "hours",
    "h": "hours", "d": "days", "wk": "weeks", "wks": "weeks", "w": "weeks", "nxt": "next",
    "eod": "end of day", "eow": "end of the week", "eom": "end of the month", "mo": "months",
}  # fmt: skip
FILLER = re.compile(
    r"\b(?:remind me|please|pls|plz|thx|thanks|on|at|around|about|approx|o'?clock|ok|maybe)\b"
)
UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600}
UNIT_DAYS = {"day": 1, "week": 7}
RELATIVE = re.compile(
    r"^(?:in\s+)?(?P<n>\d+(?:\.\d+)?|an?|one)\s*(?P<unit>seconds?|minutes?|hours?|days?|weeks?"
    r"|months?|years?)(?:\s+(?P<tail>from now|later|time))?(?:\s+(?P<clock>.+))?$"
)
PLAN_EVENT = re.compile(
    r"^(?:after|once|when)\s+(?:the\s+)?(?P<what>event|announcement|release|meeting|decision|"
    r"print|data|report|fomc|fed|powell|rate decision|cpi|inflation(?: print| data)?)"
    r"(?:\s+is out)?$"
)
HEDGE_END = re.compile(
    r"^(?:(?:when|once)\s+(?:the\s+)?(?:hedge|it|plan|protection)\s+(?:ends|expires|is over|"
    r"finishes|runs out)|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:hedge|horizon|plan|protection)|"
    r"(?:at\s+)?expiry|horizon)$"
)
NAMED_KINDS = {"fomc": Concern.FOMC, "fed": Concern.FOMC, "powell": Concern.FOMC}
NAMED_KINDS |= {"rate decision": Concern.FOMC, "cpi": Concern.CPI, "inflation": Concern.CPI}
NAMED_KINDS |= {"inflation print": Concern.CPI, "inflation data": Concern.CPI}

Error = Literal["past", "too_far", "unreadable"]
Ask = Literal["morning", "date_order"]


@dataclass(frozen=True)
class WhenContext:
    """What the reader needs besides the text: the user's zone and morning, the plan's event."""

    timezone: str = "UTC"
    morning: time | None = None  # what this user calls "morning"; None = not asked yet
    event_at: datetime | None = None
    event_buffer: timedelta = DEFAULT_EVENT_BUFFER
    horizon_end: datetime | None = None
    date_order: Literal["dmy", "mdy"] | None = None  # from the user's locale; None = ask
    calendar: EventCalendar | None = None


@dataclass(frozen=True)
class WhenAnswer:
    due: datetime | None = None
    error: Error | None = None
    ask: Ask | None = None
    message: str = ""
    needs_timezone: bool = True
    shifted_for_dst: bool = False
    choices: tuple[date, ...] = ()  # the two readings of an ambiguous numeric date
    reason: str = ""  # finer than `error`: no_event, no_horizon, bad_date, bad_time, ...
    shown: str | None = None  # the refused moment on the user's clock, when there is one

    def outcome(self) -> dict[str, str]:
        """The `--when` contract: {"due", "message"} | {"error", "message"} | {"ask", "message"}."""
        if self.due is not None:
            return {"due": self.due.isoformat(), "message": self.message}
        if self.ask is not None:
            return {"ask": self.ask, "message": self.message}
        return {"error": self.error or "unreadable", "message": self.message}


class _AskMorning(Exception):
    pass


UNREADABLE = 'I couldn\'t read a time there. Try "tomorrow 9am", "in 2 hours" or "friday evening".'


def normalise(text: str) -> str:
    """Lower case, abbreviations spelled out, word numbers as digits, filler words dropped."""
    words = words_to_digits(str(text)[:200].lower().replace(",", " "))
    words = re.sub(r"(\d)\s*(min|mins|m|hr|hrs|h|d|wk|wks|w)\b", r"\1 \2", words)
    words = " ".join(SHORT_WORDS.get(word, word) for word in words.strip(" .!?").split())
    words = FILLER.sub(" ", words)
    words = re.sub(r"\b0\.5 hours?\b", "30 minutes", words)
    words = re.sub(r"\bhalf an hour\b|\bhalf hour\b", "30 minutes", words)
    words = re.sub(r"\btonight\b", "today night", words)
    words = re.sub(r"\bthis (morning|afternoon|evening)\b", r"today \1", words)
    words = re.sub(r"\bfirst thing\b|\bin the morning\b", "morning", words)
    words = re.sub(r"\bin the (afternoon|evening)\b", r"\1", words)
    return " ".join(words.split())


def read_when(text: str, context: WhenContext, now: datetime) -> WhenAnswer:
    """A checked reminder moment for what the user typed, or why not, or the one question."""
    now = now.astimezone(UTC)
    words = normalise(text)
    try:
        if not words or not re.search(r"[a-z0-9]", words):
            raise Refused("unreadable", UNREADABLE)
        due, relative, shifted = _read(words, context, now)
        return _checked(due, context, now, relative, shifted)
    except Refused as refused:
        return WhenAnswer(error=refused.error, message=refused.message, reason=refused.reason)
    except _AskMorning:
        return WhenAnswer(ask="morning", message="What time is your morning? For example 8:00.")
    except DateOrder as both:
        first, second = f"{both.first:%-d %B}", f"{both.second:%-d %B}"
        return WhenAnswer(
            ask="date_order",
            message=f"Did you mean {first} or {second}?",
            choices=(both.first, both.second),
        )
    except BadClock:
        message = "That is not a time on a clock; try 18:00."
        return WhenAnswer(error="unreadable", message=message, reason="bad_time")
    except OutOfRange as edge:
        if edge.past:
            return WhenAnswer(
                error="past", message="That time has long passed.", reason="in_the_past"
            )
        message = "That is more than a year ahead; pick a time within 365 days."
        return WhenAnswer(error="too_far", message=message, reason="too_far")
    except UnknownZone:
        return WhenAnswer(error="unreadable", message="I don't know that timezone.")


def _checked(
    due: datetime, context: WhenContext, now: datetime, relative: bool, shifted: bool
) -> WhenAnswer:
    local = due.astimezone(zone(context.timezone))
    if due <= now:
        shown = describe_local(local)
        return WhenAnswer(
            error="past", message=f"{shown} has already passed.", reason="in_the_past", shown=shown
        )
    if due - now > MAX_AHEAD:
        message = "That is more than a year ahead; pick a time within 365 days."
        return WhenAnswer(
            error="too_far", message=message, reason="too_far", shown=describe_local(local)
        )
    return WhenAnswer(
        due=due,
        message=f"I'll remind you on {describe_local(local)}.",
        needs_timezone=not relative,
        shifted_for_dst=shifted,
    )


def _read(words: str, context: WhenContext, now: datetime) -> tuple[datetime, bool, bool]:
    """(due in UTC, whether it is relative to now, whether DST moved the wall time)."""
    if words.startswith(("earlier", "yesterday", "last ")) or words.endswith(" ago"):
        raise Refused("past", "That time has already passed; give me one still ahead.")
    if match := PLAN_EVENT.match(words):
        return _event(match.group("what"), context, now), True, False
    if HEDGE_END.match(words):
        if context.horizon_end is None:
            raise Refused("unreadable", "This plan has no end date to remind you at.", "no_horizon")
        return context.horizon_end.astimezone(UTC), True, False
    if match := RELATIVE.match(words):
        return _relative(match, context, now)
    return _day_and_clock(words, context, now)


def _event(what: str, context: WhenContext, now: datetime) -> datetime:
    kind = NAMED_KINDS.get(what)
    calendar = context.calendar or load_calendar()
    if kind is not None:
        same = context.event_at is not None and any(
            abs(event.at - context.event_at) < timedelta(hours=1)
            for event in calendar.of_kind(kind)
        )
        if not same:
            event = calendar.next_event(kind, now)
            if event is None:
                raise Refused("unreadable", "The calendar has no date for that event yet.")
            return event.at + context.event_buffer
    if context.event_at is None:
        raise Refused(
            "unreadable", "This plan has no event date; give me a time instead.", "no_event"
        )
    return context.event_at.astimezone(UTC) + context.event_buffer


def _relative(
    match: re.Match[str], context: WhenContext, now: datetime
) -> tuple[datetime, bool, bool]:
    count_text, unit = match.group("n"), match.group("unit").rstrip("s")
    count = 1.0 if count_text in ("a", "an", "one") else float(count_text)
    days = count * {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24}.get(unit, 0)
    days += count * {"day": 1, "week": 7, "month": 30.44, "year": 365.25}.get(unit, 0)
    if days > 2 * MAX_AHEAD.days:
        raise Refused("too_far", "That is more than a year ahead; pick a time within 365 days.")
    if unit in UNIT_SECONDS or count != int(count):
        if match.group("clock"):
            raise Refused("unreadable", UNREADABLE)
        return now + timedelta(days=days), True, False
    local = now.astimezone(zone(context.timezone))
    if unit in ("month", "year"):
        months = int(count) * (12 if unit == "year" else 1)
        year, month = divmod(local.month - 1 + months, 12)
        day = _clamped(local.year + year, month + 1, local.day)
    else:
        day = local.date() + timedelta(days=int(days))
    clock_words = match.group("clock")
    clock = _clock(clock_words, context) if clock_words else local.time().replace(tzinfo=None)
    if clock is None:
        raise Refused("unreadable", UNREADABLE)
    due, shifted = wall_time_to_utc(day, clock, context.timezone)
    return due, clock_words is None, shifted


def _clamped(year: int, month: int, day: int) -> date:
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def _clock(words: str, context: WhenContext) -> time | None:
    """A clock time or a part of the day; raises _AskMorning when "morning" is still unknown."""
    words = words.strip()
    if words == "morning":
        if context.morning is None:
            raise _AskMorning
        return context.morning
    if words in PARTS_OF_DAY:
        return PARTS_OF_DAY[words]
    if match := re.match(r"^(night|evening|afternoon|morning)\s+(.+)$", words):
        return read_clock(match.group(2), evening=match.group(1) in ("night", "evening"))
    if match := re.match(r"^(.+?)\s+(night|evening|afternoon|morning|pm|am)$", words):
        part = match.group(2)
        if part in ("am", "pm"):
            return read_clock(f"{match.group(1)}{part}")
        return read_clock(match.group(1), evening=part in ("night", "evening"))
    return read_clock(words)


def _day_and_clock(words: str, context: WhenContext, now: datetime) -> tuple[datetime, bool, bool]:
    local_now = now.astimezone(zone(context.timezone))
    today = local_now.date()
    tokens = words.split()
    for split in range(len(tokens), -1, -1):
        for day_words, clock_words in (
            (" ".join(tokens[:split]), " ".join(tokens[split:])),
            (" ".join(tokens[len(tokens) - split :]), " ".join(tokens[: len(tokens) - split])),
        ):
            if not day_words and not clock_words:
                continue
            day = read_day(day_words, today, context.date_order) if day_words else None
            if day_words and day is None:
                continue
            clock = _clock(clock_words, context) if clock_words else None
            if clock_words and clock is None:
                continue
            return _combine(day, clock, context, now, today)
    raise Refused("unreadable", UNREADABLE)


def _combine(
    day: tuple[date, time | None] | None,
    clock: time | None,
    context: WhenContext,
    now: datetime,
    today: date,
) -> tuple[datetime, bool, bool]:
    if day is None:
        assert clock is not None
        due, shifted = wall_time_to_utc(today, clock, context.timezone)
        if due <= now:  # a clock time alone means the next time the clock shows it
            due, shifted = wall_time_to_utc(today + timedelta(days=1), clock, context.timezone)
        return due, False, shifted
    moment, default_clock = day
    if clock is None:
        clock = default_clock if default_clock is not None else _clock("morning", context)
    assert clock is not None
    due, shifted = wall_time_to_utc(moment, clock, context.timezone)
    return due, False, shifted
