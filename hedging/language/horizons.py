"""How long a hedge should last, from the user's words, and the day they name for an event.

`read_horizon(text, today)` -> days | None: "for six weeks", "over the weekend", "till the 20th",
"until the end of the month", "next 48 hours"; "bought it 2 years ago" is not a horizon.
`read_day(text, today)` -> date | None: the day a message names ("on Wednesday", "dec 9", "the
16th", "next week", "next month", "march"), used to find the calendar's event.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

UNIT_DAYS = {"hour": 1 / 24, "hr": 1 / 24, "h": 1 / 24, "day": 1, "d": 1, "week": 7, "wk": 7}
UNIT_DAYS |= {"w": 7, "month": 30, "mo": 30, "fortnight": 14, "year": 365, "yr": 365}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_WEEKDAY = r"(?P<weekday>mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:[a-z]*day)?"
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY_NUMBER = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"

MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY_NUMBER}\b")
DAY_MONTH = re.compile(rf"\b{_DAY_NUMBER}\s+(?:of\s+)?{_MONTH}")
DURATION = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?(?=\s?-?[a-z])|an?(?=\s))?\s*-?"
    r"(?P<unit>hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mo|fortnight|years?|yrs?)\b"
    r"(?P<ago>\s+(?:ago|back|old))?",
    re.I,
)
UNTIL = re.compile(r"\b(?:until|till|til|thru|through|to|by|into|over|before|past)\b", re.I)
NOT_A_HORIZON = re.compile(r"\b(?:held|had|owned|been holding|holding it|since)\b", re.I)


def _next_weekday(today: date, index: int) -> date:
    return today + timedelta(days=(index - today.weekday()) % 7 or 7)


def _weekday_index(word: str) -> int:
    return next(i for i, name in enumerate(WEEKDAYS) if name.startswith(word.lower()[:3]))


def _month_index(word: str) -> int:
    return MONTHS.index(word.lower()[:3]) + 1


def _next_day_of_month(today: date, day: int) -> date | None:
    year, month = today.year, today.month
    for _ in range(13):
        if day <= monthrange(year, month)[1] and date(year, month, day) > today:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _dated(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def named_end(text: str, today: date) -> date | None:
    """The last day an "until …" phrase names: the weekend, the end of the month, the 20th…"""
    words = text.lower()
    if re.search(r"\b(?:weekend|wknd)\b", words):
        return _next_weekday(today, 6) if today.weekday() != 6 else today + timedelta(days=7)
    if re.search(r"\bend of (?:the |this )?week\b|\beow\b", words):
        return today + timedelta(days=(4 - today.weekday()) % 7)
    if re.search(r"\bend of (?:the |this )?month\b|\beom\b", words):
        return date(today.year, today.month, monthrange(today.year, today.month)[1])
    if re.search(r"\bend of (?:the |this )?year\b|\beoy\b|\byear[- ]end\b", words):
        return date(today.year, 12, 31)
    if re.search(r"\bnew year", words):
        return date(today.year + 1, 1, 1)
    if re.search(r"\b(?:christmas|xmas)\b", words):
        christmas = date(today.year, 12, 25)
        return christmas if christmas >= today else date(today.year + 1, 12, 25)
    return read_day(words, today)


def read_day(text: str, today: date) -> date | None:
    """The calendar day a message names, the first one ahead of today; None if none is named."""
    words = text.lower()
    if match := re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", words):
        return _dated(int(match[1]), int(match[2]), int(match[3]))
    match = MONTH_DAY.search(words) or DAY_MONTH.search(words)
    if match:
        month = _month_index(match.group("month"))
        day = int(match.group("day"))
        this_year = _dated(today.year, month, day)
        if this_year is not None and this_year >= today:
            return this_year
        return _dated(today.year + 1, month, day)
    if match := re.search(rf"\b(?:on |this |next |by |till |until )?{_WEEKDAY}\b", words):
        return _next_weekday(today, _weekday_index(match.group("weekday")))
    if match := re.search(r"\bthe (\d{1,2})(?:st|nd|rd|th)\b|\bon the (\d{1,2})\b", words):
        return _next_day_of_month(today, int(match[1] or match[2]))
    if re.search(r"\btomorrow\b|\btmrw?\b", words):
        return today + timedelta(days=1)
    if re.search(r"\bnext week\b", words):
        return _next_weekday(today, 0)
    if re.search(r"\bthis week\b", words):
        return today
    if re.search(r"\bnext month\b", words):
        year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return date(year, month, 1)
    if match := re.search(rf"\b(?:in |this |next )?{_MONTH}(?=\s|$|,)", words):
        month = _month_index(match.group("month"))
        if month == today.month:
            return today
        return date(today.year + (month < today.month), month, 1)
    return None


def read_horizon(text: str, today: date) -> float | None:
    """Days of protection the message asks for, or None when it states no horizon."""
    words = text.lower()
    if re.search(r"\bovernight\b", words):
        return 1.0
    matches = sorted(DURATION.finditer(words), key=lambda m: not (m.group("n") or "")[:1].isdigit())
    for match in matches:
        if match.group("ago"):
            continue
        if NOT_A_HORIZON.search(words[max(0, match.start() - 15) : match.start()]):
            continue
        unit = match.group("unit").lower()
        count_text = match.group("n")
        if (
            count_text is None
            and unit != "fortnight"
            and not re.search(r"\b(?:for|next|a)\s*$", words[: match.start("unit")])
        ):
            continue
        count = 1.0 if count_text in (None, "a", "an") else float(count_text)
        key = next(k for k in sorted(UNIT_DAYS, key=len, reverse=True) if unit.startswith(k))
        if (
            key in ("year", "yr")
            and count >= 1
            and not re.search(r"\bfor\b", words[: match.start()])
        ):
            continue
        days = count * UNIT_DAYS[key]
        if days > 0:
            return max(days, 1.0)
    until = UNTIL.search(words)
    if until is not None:
        end = named_end(words[until.start() :], today)
        if end is not None and end > today:
            return float((end - today).days)
    for phrase in ("end of the", "end of this", "weekend", "eow", "eom"):
        if phrase in words:
            end = named_end(words, today)
            if end is not None and end > today:
                return float((end - today).days)
    return None
