"""The day part of a reminder time: "tomorrow", "next monday", "the 3rd", "25/12", "january 2nd".

`read_day(words, today, date_order)` -> (day, default clock or None for the user's morning) or
None when the words name no day. Numeric dates follow `date_order` ("dmy" / "mdy", from the
user's locale); when both orders are real dates and no order is known it raises `DateOrder`.
Dates with a month name go to dateparser, imported only then (about 0.3 s to load).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal

CLOSE_OF_DAY = time(17)
Error = Literal["past", "too_far", "unreadable"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_WORDS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"

NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4})?)?\.?$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
ORDINAL = re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)$")
_DAY_OF_MONTH = r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?"
MONTH_DATE = re.compile(
    rf"^(?:{_DAY_OF_MONTH}\s+(?:of\s+)?(?:{MONTH_WORDS})[a-z]*\.?|(?:{MONTH_WORDS})[a-z]*\.?\s+"
    rf"{_DAY_OF_MONTH})(?:\s+\d{{4}})?$"
)


class Refused(Exception):
    def __init__(self, error: Error, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.error, self.message = error, message
        self.reason = reason or {"past": "in_the_past", "too_far": "too_far"}.get(
            error, "not_understood"
        )


@dataclass(frozen=True)
class DateOrder(Exception):
    first: date
    second: date


# a day phrase -> (the day, the clock it defaults to: None means the user's morning)
def _named_day(words: str, today: date) -> tuple[date, time | None] | None:
    if words in ("today", ""):
        return today, None
    if words == "tomorrow":
        return today + timedelta(days=1), None
    if words == "day after tomorrow":
        return today + timedelta(days=2), None
    plain = re.sub(r"^(?:this|next|coming|the)\s+", "", words)
    if plain in WEEKDAYS:
        return today + timedelta(days=(WEEKDAYS.index(plain) - today.weekday()) % 7 or 7), None
    if plain in ("weekend", "week end"):
        return today + timedelta(days=(5 - today.weekday()) % 7 or 7), None
    if words == "next week":
        return today + timedelta(days=(0 - today.weekday()) % 7 or 7), None
    if re.fullmatch(r"(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?week", words):
        return today + timedelta(days=(4 - today.weekday()) % 7), CLOSE_OF_DAY
    if re.fullmatch(r"(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?month", words):
        following = date(today.year + today.month // 12, today.month % 12 + 1, 1)
        return following - timedelta(days=1), CLOSE_OF_DAY
    return None


def read_day(
    words: str, today: date, date_order: str | None = None
) -> tuple[date, time | None] | None:
    named = _named_day(words, today)
    if named is not None:
        return named
    if match := ISO_DATE.match(words):
        return _real_date(int(match[1]), int(match[2]), int(match[3])), None
    if match := ORDINAL.match(words):
        day = int(match[1])
        for ahead in range(13):
            year, month = divmod(today.month - 1 + ahead, 12)
            try:
                candidate = date(today.year + year, month + 1, day)
            except ValueError:
                continue
            if candidate >= today:
                return candidate, None
        return None
    if match := NUMERIC_DATE.match(words):
        return _numeric_date(match, date_order, today), None
    if MONTH_DATE.match(words):
        found = _dateparser_day(words, today)
        return (found, None) if found is not None else None
    return None


def _real_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise Refused("unreadable", "That date does not exist.", "bad_date") from None


def _next_date(month: int, day: int, today: date) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None


def _numeric_date(match: re.Match[str], date_order: str | None, today: date) -> date:
    first, second, year_text = int(match[1]), int(match[2]), match[3]
    if year_text:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        day, month = (second, first) if date_order == "mdy" else (first, second)
        return _real_date(year, month, day)
    if "." in match.group():
        found = _next_date(second, first, today)  # "24.12." is always day.month
        if found is None:
            raise Refused("unreadable", "That date does not exist.", "bad_date")
        return found
    day_month = _next_date(second, first, today)
    month_day = _next_date(first, second, today)
    if day_month and month_day and day_month != month_day:
        if date_order is None:
            raise DateOrder(day_month, month_day)
        return day_month if date_order == "dmy" else month_day
    found = day_month or month_day
    if found is None:
        raise Refused("unreadable", "That date does not exist.", "bad_date")
    return found


@lru_cache(maxsize=512)
def _dateparser_day(words: str, today: date) -> date | None:
    """A date with a month name ("january 2nd", "4th of december"), the next one ahead."""
    import dateparser  # heavy: loaded only when a month name is typed

    settings = {"PREFER_DATES_FROM": "future", "RELATIVE_BASE": datetime.combine(today, time(12))}
    found = dateparser.parse(words, languages=["en"], settings=settings)
    return found.date() if found is not None else None
