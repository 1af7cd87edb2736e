"""The reminder-time reader in the shapes the reminders feature already uses.

`resolve_when(text, context, now)` -> `Resolved` (due in UTC, the local moment, `shown`) or
`NeedsMorning(day)`, and raises `WhenError(problem, shown)` for a time it cannot use. It is
`reminder_times.read_when` underneath; new callers should use that directly. Also:
`parse_morning`, `parse_timezone`, `describe`, `describe_local`, `zone`, `check_window`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from hedging.language.clock import (
    BadClock,
    UnknownZone,
    describe_local,
    read_clock,
    wall_time_to_utc,
)
from hedging.language.clock import zone as _zone
from hedging.language.reminder_times import (
    DEFAULT_EVENT_BUFFER,
    MAX_AHEAD,
    WhenContext,
    normalise,
    read_when,
)
from hedging.language.timezones import read_timezone

__all__ = [
    "DEFAULT_EVENT_BUFFER", "MAX_AHEAD", "NeedsMorning", "Resolved", "WhenContext", "WhenError",
    "WhenProblem", "check_window", "describe", "describe_local", "parse_morning",
    "parse_timezone", "resolve_when", "wall_time_to_utc", "zone",
]  # fmt: skip


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
    """The ZoneInfo for an IANA name, or a WhenError."""
    try:
        return _zone(name)
    except UnknownZone as error:
        raise WhenError(WhenProblem.UNKNOWN_TIMEZONE) from error


def describe(moment: datetime, timezone: str) -> str:
    """A UTC moment as the user's wall clock shows it, with the weekday."""
    return describe_local(moment.astimezone(zone(timezone)))


def check_window(due: datetime, timezone: str, now: datetime, shifted: bool = False) -> Resolved:
    """Refuse a moment already past or more than a year ahead; otherwise wrap it."""
    local = due.astimezone(zone(timezone))
    if due <= now:
        raise WhenError(WhenProblem.IN_THE_PAST, describe_local(local))
    if due - now > MAX_AHEAD:
        raise WhenError(WhenProblem.TOO_FAR, describe_local(local))
    return Resolved(due=due, local=local, shifted_for_dst=shifted)


def resolve_when(text: str, context: WhenContext, now: datetime) -> Resolved | NeedsMorning:
    """Turn the user's words into a checked UTC moment (or ask what their morning is)."""
    zone(context.timezone)
    answer = read_when(text, context, now)
    if answer.due is not None:
        local = answer.due.astimezone(zone(context.timezone))
        return Resolved(due=answer.due, local=local, shifted_for_dst=answer.shifted_for_dst)
    if answer.ask == "morning":
        local_now = now.astimezone(zone(context.timezone))
        tomorrow_words = ("tomorrow", "tmrw", "tmr", "2moro")
        ahead = 1 if any(word in text.lower() for word in tomorrow_words) else 0
        return NeedsMorning(day=local_now.date() + timedelta(days=ahead))
    if answer.ask == "date_order":
        raise WhenError(WhenProblem.BAD_DATE)
    try:
        problem = WhenProblem(answer.reason)
    except ValueError:
        problem = WhenProblem.NOT_UNDERSTOOD
    raise WhenError(problem, answer.shown)


def parse_morning(text: str) -> time:
    """What the user calls morning: a time between 04:00 and 12:00."""
    try:
        clock = read_clock(normalise(text).removesuffix(" morning"))
    except BadClock as error:
        raise WhenError(WhenProblem.BAD_TIME) from error
    if clock is None or not time(4, 0) <= clock <= time(12, 0):
        raise WhenError(WhenProblem.BAD_TIME)
    return clock


def parse_timezone(text: str) -> str:
    """An IANA zone from what the user typed (see hedging.language.timezones), or WhenError."""
    name = read_timezone(text)
    if name is None:
        raise WhenError(WhenProblem.UNKNOWN_TIMEZONE)
    return name
