"""Read why and for how long someone wants a hedge from their own words: event, horizon, outlook."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TypeVar

from hedging.models import Concern, Model, Outlook

T = TypeVar("T")
MAX_TEXT = 2000  # longer messages are not read further: nothing useful hides past this

CONCERN_WORDS: list[tuple[Concern, str]] = [
    (
        Concern.FOMC,
        (
            r"fomc|the fed|fed meeting|fed decision|powell|rate decision|"
            r"interest rates?|rate (?:cut|hike)s?"
        ),
    ),
    (Concern.CPI, r"cpi|inflation(?: print| data| report)?"),
    (Concern.EARNINGS, r"earnings|quarterly results|results season|earnings call"),
    (Concern.TOKEN_UNLOCK, r"(?:token )?unlocks?|vesting|cliff"),
    (
        Concern.REGULATORY,
        r"regulat\w*|the sec|sec (?:ruling|decision|lawsuit)|lawsuit|crackdown|\bban\b",
    ),
    (
        Concern.GENERAL,
        (
            r"nothing specific|no (?:specific|particular) event|in general|"
            r"general(?:ly)?|just (?:protect|hedge)"
        ),
    ),
]
OUTLOOK_WORDS: list[tuple[Outlook, str]] = [
    (
        Outlook.INSURANCE,
        r"upside|insurance|insure|protective puts?|limited cost|capped cost|keep (?:my|the) gains",
    ),
    (
        Outlook.BIG_DROP,
        (
            r"big (?:drop|fall|dip)|crash\w*|dump\w*|bearish|tank\w*|collapse|"
            r"expect (?:a |the )?(?:drop|fall|decline)|significant (?:drop|fall)|"
            r"going down"
        ),
    ),
    (
        Outlook.UNSURE,
        (
            r"not sure|unsure|(?:don'?t|do not) know|uncertain|reduce (?:my )?risk|"
            r"less risk|nervous|no (?:clear )?view"
        ),
    ),
]
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "couple of": 2,
    "few": 3,
    "a few": 3,
}
UNIT_DAYS = {
    "hour": 1 / 24,
    "hr": 1 / 24,
    "h": 1 / 24,
    "day": 1,
    "d": 1,
    "week": 7,
    "wk": 7,
    "w": 7,
    "month": 30,
    "mo": 30,
}
WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sunday": 6,
}
MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}

_WORD_NUMBER = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_DURATION_RE = re.compile(
    rf"\b(?:(\d+(?:\.\d+)?)[\s-]*(hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mo)"
    rf"|({_WORD_NUMBER})[\s-]+(hours?|days?|weeks?|months?))\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(
    r"\b(on|until|till|til|through|thru|by|before|after|this|next)?\s*("
    + "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_DATE_RE = re.compile(
    (
        r"\b(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\s+([a-z]{3})[a-z]*|"
        r"([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?)\b"
    ),
    re.IGNORECASE,
)


class ParsedIntent(Model):
    """What a sentence says about the hedge's purpose; None where it says nothing."""

    concern: Concern | None = None
    horizon_days: float | None = None
    event_at: datetime | None = None
    outlook: Outlook | None = None
    max_cost_usd: float | None = None


def _first_match(table: list[tuple[T, str]], text: str) -> T | None:
    best: tuple[int, T] | None = None
    for value, words in table:
        match = re.search(rf"\b(?:{words})\b", text, re.IGNORECASE)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), value)
    return best[1] if best else None


def parse_concern(text: str) -> Concern | None:
    """FOMC / CPI / earnings / token unlock / regulation / general, or None if not mentioned."""
    return _first_match(CONCERN_WORDS, text[:MAX_TEXT])


def parse_outlook(text: str) -> Outlook | None:
    """Keep upside (insurance) / expect a big drop / unsure, or None if not mentioned."""
    return _first_match(OUTLOOK_WORDS, text[:MAX_TEXT])


def _number(word: str) -> float:
    word = word.lower()
    return float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else float(word)


def _unit(word: str) -> float:
    word = word.lower()
    for unit in sorted(UNIT_DAYS, key=len, reverse=True):
        if word.startswith(unit):
            return UNIT_DAYS[unit]
    raise ValueError(word)


def _date(match: re.Match[str], now: datetime) -> datetime | None:
    year, month_num, day_num, day_a, month_a, month_b, day_b = match.groups()
    try:
        if year:
            return now.replace(year=int(year), month=int(month_num), day=int(day_num))
        month = MONTHS.get((month_a or month_b or "").lower()[:3])
        if month is None:
            return None
        when = now.replace(month=month, day=int(day_a or day_b))
    except ValueError:
        return None
    return when if when.date() >= now.date() else when.replace(year=now.year + 1)


def parse_horizon(text: str, now: datetime) -> tuple[float | None, datetime | None]:
    """(days, event date) from "for a week", "3 days", "until Friday", "FOMC on Wednesday"."""
    text = text[:MAX_TEXT]
    duration = _DURATION_RE.search(text)
    if duration:
        number, unit = (
            duration.group(1) or duration.group(3),
            duration.group(2) or duration.group(4),
        )
        days = _number(number) * _unit(unit)
        return (max(days, 1.0) if days > 0 else 0.0), None  # hours round up to a day
    if re.search(r"\b(?:next week|a week)\b", text, re.IGNORECASE):
        return 7.0, None
    if re.search(r"\b(?:tomorrow|overnight)\b", text, re.IGNORECASE):
        return 1.0, now + timedelta(days=1)
    if re.search(r"\btoday\b", text, re.IGNORECASE):
        return 1.0, now
    weekday = _WEEKDAY_RE.search(text)
    if weekday:
        ahead = (WEEKDAYS[weekday.group(2).lower()] - now.weekday()) % 7 or 7
        event = now + timedelta(days=ahead)
        # a date named for an event ("on Wednesday") needs a day after it for the market to react
        until = (weekday.group(1) or "").lower() in (
            "until",
            "till",
            "til",
            "through",
            "thru",
            "by",
            "before",
        )
        return float(ahead if until else ahead + 1), None if until else event
    date = _DATE_RE.search(text)
    if date:
        when = _date(date, now)
        if when is not None:
            ahead = (when.date() - now.date()).days
            return float(max(ahead, 0) + 1), when
    return None, None


_BUDGET_RE = re.compile(
    r"\b(?:under|below|at most|up to|no more than|max(?:imum)?|budget(?: of| is)?|"
    r"spend(?: at most| up to)?|cap(?:ped)? at)\s*\$\s*(\d[\d,]*(?:\.\d+)?)\s*([km])?\b",
    re.IGNORECASE,
)


def parse_budget(text: str) -> float | None:
    """The most someone wants to spend: "under $500", "budget of $2k", "spend at most $1,000"."""
    match = _BUDGET_RE.search(text[:MAX_TEXT])
    if not match:
        return None
    scale = {"k": 1e3, "m": 1e6}.get((match.group(2) or "").lower(), 1.0)
    return float(match.group(1).replace(",", "")) * scale


def parse_intent(text: str, now: datetime) -> ParsedIntent:
    """Everything a free sentence says about concern, horizon, outlook and budget."""
    horizon, event_at = parse_horizon(text, now)
    return ParsedIntent(
        concern=parse_concern(text),
        horizon_days=horizon,
        event_at=event_at,
        outlook=parse_outlook(text),
        max_cost_usd=parse_budget(text),
    )
