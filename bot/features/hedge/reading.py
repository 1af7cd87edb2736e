"""The one place the bot reads a hedge message, through the language layer's understand():
what is held, what worries the person, for how long, their view and budget, with a scheduled
event's date taken from the calendar. Also the calendar rules the buttons need."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from bot.ui.render import Texts
from hedging.events import (
    MAX_HORIZON_DAYS,
    EventCalendar,
    ScheduledEvent,
    days_past_event,
    load_calendar,
)
from hedging.language.holdings import names_a_negative_holding
from hedging.models import Concern, Holding, Outlook

if TYPE_CHECKING:
    from bot.services import Services
    from hedging.language.understand import UnderstoodHolding

Route = Literal["plan", "question", "error"]
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
    unsized: list[UnderstoodHolding] = field(default_factory=list)  # "hedge my ETH": no size


def read_message(
    text: str, *, now: datetime, tz: str, calendar: EventCalendar | None = None
) -> MessageReading:
    """Everything `text` says about a hedge, read at `now` in the person's timezone `tz`."""
    from hedging.language.understand import understand

    if names_a_negative_holding(text):
        return MessageReading(route="error", error=texts("negative_amount"))
    read = understand(text, now=now, tz=tz, calendar=calendar)
    return MessageReading(
        holdings=read.plan_holdings(),
        unpriced=list(read.unpriced) if read.holdings else [],
        concern=read.concern,
        event_at=read.event_at,
        horizon_days=read.horizon_days,
        outlook=read.outlook,
        max_cost_usd=read.max_cost_usd,
        route=read.route,
        error=read.error,
        notes=list(read.remarks),
        unsized=list(read.unsized),
    )


def read_for(services: Services, user_id: int, text: str) -> tuple[MessageReading, datetime]:
    """The message read at the bot's time in the user's timezone (the one call of the reader)."""
    now = services.clock.now()
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    return read_message(text, now=now, tz=services.users.settings(user_id).timezone), now


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
    return float(min(max(math.ceil(days_past_event(event_at, now)), 1), MAX_HORIZON_DAYS))


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
