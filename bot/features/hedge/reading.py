"""The one place the bot reads a hedge message: what is held, what worries the person, for how
long, their view and budget, with a scheduled event's date taken from the calendar.

Its result has the shape of the language layer's Understanding (issue 10), so that swapping the
body of `read_message` for that reader changes nothing else in the bot.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from bot.ui.render import Texts
from hedging.errors import HedgeInputError
from hedging.events import EventCalendar, ScheduledEvent, load_calendar
from hedging.holdings import (
    DOLLAR_HOLDING,
    UNIT_HOLDING,
    holding_fragment,
    holding_problem,
    names_a_negative_holding,
    parse_holdings,
)
from hedging.models import Concern, Holding, Outlook
from hedging.text import parse_intent

Route = Literal["plan", "question", "error"]
DAY_SECONDS = 86_400
# capitals after an amount that are units or words, never an asset someone holds
NOT_ASSETS = frozenset(
    {"AM", "PM", "ET", "UTC", "GMT", "FOMC", "CPI", "PPI", "GDP", "PCE", "NFP", "USD", "EUR", "GBP"}
)
TICKER_LIKE = re.compile(r"[A-Z][A-Z0-9]{1,11}")
texts = Texts("hedge")


@dataclass(frozen=True)
class MessageReading:
    """What one message says; None (or empty) where it says nothing."""

    holdings: list[Holding] = field(default_factory=list)
    unpriced: list[str] = field(default_factory=list)  # assets named that have no price
    concern: Concern | None = None
    event_at: datetime | None = None  # the calendar's moment for fomc/cpi
    horizon_days: float | None = None  # as stated, or until the event plus the buffer
    outlook: Outlook | None = None
    max_cost_usd: float | None = None
    route: Route = "question"
    error: str | None = None  # the reply to give when route is "error"
    notes: list[str] = field(default_factory=list)  # one line each, shown on the card


def read_message(
    text: str, *, now: datetime, tz: str, calendar: EventCalendar | None = None
) -> MessageReading:
    """Everything `text` says about a hedge, read at `now` in the person's timezone `tz`."""
    local_now = now.astimezone(ZoneInfo(tz)) if now.tzinfo else now.replace(tzinfo=UTC)
    intent = parse_intent(text, local_now)
    said = {
        "concern": intent.concern,
        "outlook": intent.outlook,
        "max_cost_usd": intent.max_cost_usd,
    }
    event_at, horizon, notes = _event_and_horizon(
        intent.concern, intent.event_at, intent.horizon_days, local_now, calendar
    )
    try:
        holdings, error = _holdings(text)
    except HedgeInputError as problem:
        holdings, error = [], problem.message
    route: Route = "error" if error else "plan" if holdings else "question"
    return MessageReading(
        holdings=holdings,
        unpriced=_unpriced(text, holdings) if holdings else [],
        event_at=event_at,
        horizon_days=horizon,
        route=route,
        error=error,
        notes=notes,
        **said,  # type: ignore[arg-type]
    )


def _holdings(text: str) -> tuple[list[Holding], str | None]:
    """The holdings read, or the reason a holding-shaped part of the text cannot be read."""
    if names_a_negative_holding(text):
        return [], texts("negative_amount")
    holdings = parse_holdings(text)
    if holdings:
        return holdings, None
    fragment = holding_fragment(text)
    if fragment is None:
        return [], None
    for pattern in (DOLLAR_HOLDING, UNIT_HOLDING):  # the part that looks like "2 XYZQ" says why
        for match in pattern.finditer(fragment):
            if TICKER_LIKE.fullmatch(match.group("ticker").upper()):
                problem = holding_problem(match.group())
                if problem:
                    return [], problem
    return [], holding_problem(fragment) or texts("no_holdings")


def _unpriced(text: str, holdings: list[Holding]) -> list[str]:
    """Tickers named with an amount that have no price: said on the card, never dropped."""
    from hedging.market import load_snapshot  # the market module is heavy; read only when needed

    known = load_snapshot().assets
    read = {holding.symbol for holding in holdings}
    names: list[str] = []
    for pattern in (DOLLAR_HOLDING, UNIT_HOLDING):
        for match in pattern.finditer(text[:2000]):
            ticker = match.group("ticker")
            symbol = ticker.upper()
            if (
                TICKER_LIKE.fullmatch(ticker)
                and symbol not in known
                and symbol not in read
                and symbol not in NOT_ASSETS
                and symbol not in names
            ):
                names.append(symbol)
    return names


def _event_and_horizon(
    concern: Concern | None,
    said_at: datetime | None,
    said_days: float | None,
    now: datetime,
    calendar: EventCalendar | None,
) -> tuple[datetime | None, float | None, list[str]]:
    """The event's moment and the horizon; a scheduled event's date is the calendar's.

    A date the person gave ("on Wednesday") sets only the event, not a stated horizon."""
    stated = said_days if said_at is None else None
    calendar = calendar or load_calendar()
    event = _calendar_event(calendar, concern, said_at, now) if concern else None
    if event is None:
        return said_at, said_days, []
    notes = []
    calendar_day = event.at.astimezone(now.tzinfo).date()
    if said_at is not None and said_at.date() != calendar_day:
        notes.append(_calendar_note(event.title, calendar_day, said_at.date()))
    return event.at, stated if stated is not None else until_after(event.at, now), notes


@lru_cache(maxsize=256)  # the same few lines for everyone on a given day
def _calendar_note(title: str, calendar_day: date, said_day: date) -> str:
    return texts("calendar_date", title=title, calendar=calendar_day, said=said_day)


def _calendar_event(
    calendar: EventCalendar, concern: Concern, said_at: datetime | None, now: datetime
) -> ScheduledEvent | None:
    """The next event of this kind, or the one nearest the date the person gave."""
    upcoming = [event for event in calendar.of_kind(concern) if event.at > now]
    if not upcoming:
        return None
    if said_at is None:
        return upcoming[0]
    return min(upcoming, key=lambda event: abs(event.at - said_at))


def until_after(event_at: datetime, now: datetime) -> float:
    """Whole days from now to the event plus the core's buffer (the core's own rule)."""
    from hedging.planner import EVENT_BUFFER_DAYS, MAX_HORIZON_DAYS  # heavy: imported when used

    days = (event_at - now).total_seconds() / DAY_SECONDS + EVENT_BUFFER_DAYS
    return float(min(max(math.ceil(days), 1), MAX_HORIZON_DAYS))


def horizon_from_event(reading: MessageReading, now: datetime) -> bool:
    """True when the horizon only follows from the event (the message stated none)."""
    if reading.event_at is None or reading.horizon_days is None:
        return False
    return reading.horizon_days == until_after(reading.event_at, now)


def scheduled_event(
    concern: Concern, now: datetime, calendar: EventCalendar | None = None
) -> tuple[datetime | None, float | None]:
    """A concern picked from a button: its next calendar moment and the horizon until just
    after it, or (None, None) for a kind the calendar does not schedule."""
    event = _calendar_event(calendar or load_calendar(), concern, None, now)
    if event is None:
        return None, None
    return event.at, until_after(event.at, now)
