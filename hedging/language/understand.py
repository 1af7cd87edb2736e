"""Read one whole message: what the person holds and why, how long and how much they would pay.

    understand(text, *, now, tz="UTC", calendar=None, prices=None) -> Understanding

`Understanding` is a pydantic model; `contract()` gives exactly the JSON of `hedgebot understand`
(holdings, unpriced, prices_usd, concern, event_at, horizon_days, outlook, max_cost_usd, route,
error) and `notes` adds the one-line remarks a card shows (the calendar's date used instead of
the user's, a horizon that ends before the event, the index standing in for a portfolio).
`plan_holdings()` turns the holdings into core `Holding`s priced for the planner.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from functools import cache
from types import MappingProxyType
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field

from hedging.events import EventCalendar, days_past_event, load_calendar
from hedging.language.assets import AssetBook
from hedging.language.events import calendar_event
from hedging.language.horizons import read_day, read_horizon
from hedging.language.intent import read_budget, read_concern, read_outlook
from hedging.language.positions import read_positions
from hedging.language.tokens import clean
from hedging.language.unsized import read_unsized
from hedging.models import MAX_NOTIONAL_USD, Concern, Holding, Model, Outlook

Route = Literal["plan", "question", "error"]
CONTRACT_KEYS = (
    "holdings", "unpriced", "prices_usd", "concern", "event_at", "horizon_days", "outlook",
    "max_cost_usd", "route", "error",
)  # fmt: skip


class UnderstoodHolding(Model):
    symbol: str
    quantity: float | None = None  # units; None when only a dollar size was given
    value_usd: float | None = None  # a stated dollar size
    price_usd: float | None = None  # today's price as the user gave it ("@ 150")
    cost_basis_usd: float | None = None  # what they paid ("bought at 2.5k")
    proxy_for: str | None = None  # "US stocks", "tech stocks", "small caps"


class Understanding(Model):
    holdings: list[UnderstoodHolding] = Field(default_factory=list)
    unpriced: list[str] = Field(default_factory=list)
    prices_usd: dict[str, float] = Field(default_factory=dict)
    concern: Concern | None = None
    event_at: datetime | None = None
    horizon_days: float | None = None
    outlook: Outlook | None = None
    max_cost_usd: float | None = None
    route: Route = "question"
    error: str | None = None
    # not in the contract: assets said to be held with no size ("hedge my ETH"), to ask it
    unsized: list[UnderstoodHolding] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # not in the contract: every remark
    # the remarks nothing else here implies (the calendar's date, an index proxy); the bot's card
    # words an unpriced asset and a horizon that ends too early from the fields themselves
    remarks: list[str] = Field(default_factory=list)

    def contract(self) -> dict[str, object]:
        """The `hedgebot understand --json` object: the contract keys, in order."""
        data = self.model_dump(mode="json")
        return {key: data[key] for key in CONTRACT_KEYS}

    def plan_holdings(self) -> list[Holding]:
        """The holdings as the core's `Holding`s, with units worked out from dollar sizes."""
        found = []
        for held in self.holdings:
            price = self.prices_usd[held.symbol]
            quantity = held.quantity if held.quantity is not None else (held.value_usd or 0) / price
            found.append(
                Holding(
                    symbol=held.symbol,
                    quantity=quantity,
                    price_usd=held.price_usd,
                    value_usd=held.value_usd,
                )
            )
        return found


def _local_today(now: datetime, tz: str) -> date:
    try:
        return now.astimezone(ZoneInfo(tz)).date()
    except (ZoneInfoNotFoundError, ValueError):
        return now.astimezone(UTC).date()


@cache  # the shipped snapshot never changes in a process; this ran for every message
def _default_prices() -> Mapping[str, float]:
    from hedging.market import load_snapshot

    return MappingProxyType({s: asset.price_usd for s, asset in load_snapshot().assets.items()})


def _how_to_price(names: list[str]) -> str:
    listed = ", ".join(names)
    example = names[0].upper() if names[0].isupper() or len(names[0]) <= 5 else "LINK"
    return (
        f"I have no price for {listed}. Add one after the amount, like "
        f'"100 {example} @ 25", and I will include it.'
    )


def understand(
    text: str,
    *,
    now: datetime,
    tz: str = "UTC",
    calendar: EventCalendar | None = None,
    prices: Mapping[str, float] | None = None,
) -> Understanding:
    """Everything one message says, read with the calendar as the truth for event dates."""
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    today = _local_today(now, tz)  # "until friday" is the user's Friday
    prices = _default_prices() if prices is None else prices
    cleaned = clean(text)
    book = AssetBook(prices)
    read = read_positions(cleaned, book, is_clean=True)
    concern = read_concern(cleaned)
    event = calendar_event(concern, cleaned, now, calendar or load_calendar(), today)
    horizon = read_horizon(cleaned, today)
    notes = [event.note] if event.note else []
    remarks = list(notes)
    if event.at is not None and horizon is None:
        horizon = float(math.ceil(days_past_event(event.at, now)))
    elif event.at is not None and horizon is not None and now + timedelta(days=horizon) < event.at:
        notes.append(
            f"Your {horizon:g}-day hedge ends before the event on {event.at:%a %d %b}; "
            "it would not cover it."
        )
    found: dict[str, UnderstoodHolding] = {}
    prices_used: dict[str, float] = {}
    problem = read.problem
    for position in read.holdings if problem is None else []:
        price = position.price_usd or prices[position.symbol]  # unpriced ones came with a price
        units = position.quantity if position.quantity is not None else 0.0
        if units * price > MAX_NOTIONAL_USD:
            problem = (
                f"That much {position.symbol} is worth more than all the money in the world; "
                "check the size."
            )
            break
        found[position.symbol] = UnderstoodHolding(
            symbol=position.symbol,
            quantity=position.quantity,
            value_usd=position.value_usd,
            price_usd=position.price_usd,
            cost_basis_usd=position.cost_basis_usd,
            proxy_for=position.proxy_for,
        )
        prices_used[position.symbol] = price
        if position.proxy_for:
            proxy = f"I read {position.proxy_for} as {position.symbol}, the index fund."
            notes.append(proxy)
            remarks.append(proxy)
    if problem is not None:
        route: Route = "error"
        found, prices_used = {}, {}
    elif found:
        route = "plan"
    elif read.unpriced:
        route, problem = "error", _how_to_price(read.unpriced)
    else:
        route = "question"
    unsized = (
        [
            UnderstoodHolding(symbol=h.symbol, proxy_for=h.proxy_for)
            for h in read_unsized(cleaned, book)
        ]
        if route == "question"
        else []
    )
    if found and read.unpriced:
        notes.append(_how_to_price(read.unpriced))
    return Understanding(
        holdings=list(found.values()),
        unpriced=read.unpriced,
        prices_usd=prices_used,
        concern=concern,
        event_at=event.at,
        horizon_days=horizon,
        outlook=read_outlook(cleaned),
        max_cost_usd=read_budget(cleaned),
        route=route,
        error=problem,
        unsized=unsized,
        notes=notes,
        remarks=remarks,
    )


class ParsedIntent(Model):
    """The purpose half of a reading, for callers that build a core `Intent` field by field."""

    concern: Concern | None = None
    horizon_days: float | None = None
    event_at: datetime | None = None
    outlook: Outlook | None = None
    max_cost_usd: float | None = None


def parse_intent(text: str, now: datetime, calendar: EventCalendar | None = None) -> ParsedIntent:
    """Concern, the horizon as stated (not derived from the event), the calendar's event date,
    outlook and budget of a free sentence."""
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    cleaned = clean(text)
    concern = read_concern(cleaned)
    event = calendar_event(concern, cleaned, now, calendar or load_calendar())
    horizon = read_horizon(cleaned, now.date())
    if horizon is None and event.at is not None and read_day(cleaned, now.date()):
        # "FOMC on Wednesday": until the event plus a day
        horizon = float(math.ceil(days_past_event(event.at, now)))
    return ParsedIntent(
        concern=concern,
        horizon_days=horizon,
        event_at=event.at,
        outlook=read_outlook(cleaned),
        max_cost_usd=read_budget(cleaned),
    )
