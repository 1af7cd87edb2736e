"""The one place the reminders feature reads what people type: a time, a morning, a timezone.

Each function raises hedging.language.when.WhenError with the problem to explain; the reading
itself is the language layer's (read_when behind resolve_when)."""

from __future__ import annotations

from datetime import datetime, time

from hedging.language.when import (
    NeedsMorning,
    Resolved,
    WhenContext,
    parse_morning,
    parse_timezone,
    resolve_when,
)


def read_time(text: str, context: WhenContext, now: datetime) -> Resolved | NeedsMorning:
    """When a reminder is due, from what was typed at "When should I remind you?"."""
    return resolve_when(text, context, now)


def read_morning(text: str) -> time:
    """What the person calls morning."""
    return parse_morning(text)


def read_zone(text: str) -> str:
    """An IANA timezone from a city, a zone name, an offset or an abbreviation."""
    return parse_timezone(text)
