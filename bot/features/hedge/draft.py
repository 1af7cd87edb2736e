"""From a user's draft (holdings, concern, horizon, outlook) to a stored recommendation."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any, TypedDict, cast

from pydantic import ValidationError

from bot.features.hedge.reading import MessageReading, horizon_from_event, scheduled_event
from bot.services import Services
from bot.storage.plans import StoredPlan
from bot.storage.users import UserSettings
from hedging.errors import HedgeInputError
from hedging.models import (
    Concern,
    HedgeRequest,
    Holding,
    Intent,
    Outlook,
    PlanSettings,
    Portfolio,
    Region,
)
from marketdata import market_for

STEPS = ("holdings", "concern", "horizon", "outlook")
STEP_FIELD = {
    "holdings": "holdings",
    "concern": "concern",
    "horizon": "horizon_days",
    "outlook": "outlook",
}


# what a plan takes for an input nobody gave: the core's own defaults
DEFAULTS: dict[str, Any] = {
    "concern": Intent.model_fields["concern"].default.value,
    "horizon_days": float(Intent.model_fields["horizon_days"].default),
    "outlook": Intent.model_fields["outlook"].default.value,
}
ASSUMABLE = {"concern": "concern", "horizon_days": "horizon", "outlook": "outlook"}


class Draft(TypedDict, total=False):
    """The answers so far, kept in user_data (JSON) while the conversation runs."""

    step: str
    guided: bool  # /hedge: every question is asked; otherwise only holdings are a must
    holdings: list[dict[str, Any]]
    concern: str
    horizon_days: float
    event_at: str | None
    outlook: str
    max_cost_usd: float | None
    assumed: list[str]  # steps given a default, said on the card with a tap to change each
    unpriced: list[str]
    notes: list[str]
    unsized: list[dict[str, Any]]  # assets named without a size, whose size is being asked


def absorb(reading: MessageReading, draft: Draft, now: datetime) -> set[str]:
    """Copy into the draft what a message read at `now` said; returns the fields it filled.

    In the guided flow a horizon that only follows from the event's date is left out, so that
    its question is still asked."""
    found: set[str] = set()
    if reading.holdings:
        draft["holdings"] = [h.model_dump(mode="json", exclude_none=True) for h in reading.holdings]
        draft["unpriced"] = list(reading.unpriced)
        found.add("holdings")
    if reading.concern is not None:
        draft["concern"] = reading.concern.value
        draft["event_at"] = reading.event_at.isoformat() if reading.event_at else None
        found.add("concern")
    horizon = reading.horizon_days
    if horizon is not None and not (draft.get("guided") and horizon_from_event(reading, now)):
        draft["horizon_days"] = horizon
        if reading.concern is None and (reading.event_at or not has_event(draft)):
            draft["event_at"] = reading.event_at.isoformat() if reading.event_at else None
        found.add("horizon_days")
    if reading.outlook is not None:
        draft["outlook"] = reading.outlook.value
        found.add("outlook")
    if reading.max_cost_usd is not None:
        draft["max_cost_usd"] = reading.max_cost_usd
        found.add("max_cost_usd")
    if reading.notes:
        draft["notes"] = [*draft.get("notes", []), *reading.notes]
    draft["assumed"] = [s for s in draft.get("assumed", []) if STEP_FIELD[s] not in found]
    return found


def sized(text: str, draft: Draft) -> str:
    """A bare size answering "how much ETH?" as a holding ("2" -> "2 ETH", "$5k" -> "$5k in tech
    stocks"); other text as it is."""
    unsized = draft.get("unsized") or []
    if len(unsized) != 1:
        return text
    proxy, symbol = unsized[0].get("proxy_for"), unsized[0]["symbol"]
    return f"{text} in {proxy}" if proxy else f"{text} {symbol}"


def has_event(draft: Draft) -> bool:
    """The draft hedges a named event, whose date a new horizon leaves alone."""
    return draft.get("concern") not in (None, DEFAULTS["concern"])


def take_the_calendars_event(draft: Draft, now: datetime) -> None:
    """A tapped event with a calendar is its next occurrence; an assumed horizon then runs until
    just after it."""
    event_at, horizon = scheduled_event(Concern(draft["concern"]), now)
    draft["event_at"] = event_at.isoformat() if event_at else None
    if event_at is not None and horizon is not None and "horizon" in draft.get("assumed", []):
        draft["horizon_days"] = horizon
        draft["assumed"].remove("horizon")


def fill_defaults(draft: Draft) -> None:
    """Give every missing input its default and remember which ones were assumed."""
    assumed = list(draft.get("assumed", []))
    for name, value in DEFAULTS.items():
        if draft.get(name) is None:
            cast(dict[str, Any], draft)[name] = value
            if ASSUMABLE[name] not in assumed:
                assumed.append(ASSUMABLE[name])
    draft["assumed"] = [step for step in STEPS if step in assumed]


def next_missing(draft: Draft) -> str | None:
    """The first step the draft has no answer for, or None when a plan can be made."""
    for step in STEPS:
        if not draft.get(STEP_FIELD[step]):
            return step
    return None


def draft_of(request: HedgeRequest) -> Draft:
    """A stored plan's inputs as a draft, to change one of them."""
    intent = request.intent
    return {
        "holdings": [
            h.model_dump(mode="json", exclude_none=True) for h in request.portfolio.holdings
        ],
        "concern": intent.concern.value,
        "horizon_days": intent.horizon_days,
        "event_at": intent.event_at.isoformat() if intent.event_at else None,
        "outlook": intent.outlook.value,
        "max_cost_usd": intent.max_cost_usd,
    }


def build_request(draft: Draft, settings: UserSettings) -> HedgeRequest:
    """The core's request from a complete draft and the user's settings."""
    try:
        holdings = [Holding.model_validate(h) for h in draft["holdings"]]
        event_at = draft.get("event_at")
        return HedgeRequest(
            portfolio=Portfolio(holdings=holdings),
            intent=Intent(
                concern=Concern(draft["concern"]),
                horizon_days=float(draft["horizon_days"]),
                event_at=datetime.fromisoformat(event_at) if event_at else None,
                outlook=Outlook(draft["outlook"]),
                max_cost_usd=draft.get("max_cost_usd"),
                region=Region.US if settings.region == "us" else Region.OTHER,
            ),
            settings=PlanSettings.model_validate(
                {
                    "leverage": settings.leverage,
                    "taker_fee": settings.taker_fee,
                    "margin_mode": settings.margin_mode,
                    "wallet_usd": settings.wallet_usd,
                }
            ),
        )
    except ValidationError as error:
        raise HedgeInputError.from_validation(error) from error


async def make_plan(services: Services, user_id: int, draft: Draft) -> StoredPlan:
    """Price every hedge for the draft, store it, and return it; HedgeInputError for bad input."""
    from hedging.market import SnapshotProvider
    from hedging.planner import recommend

    request = build_request(draft, services.users.settings(user_id))
    symbols = [h.symbol for h in request.portfolio.holdings]
    market = market_for(services.market, request.intent.region)
    snapshot = (
        market.snapshot(symbols)
        if isinstance(market, SnapshotProvider)  # in memory: a thread hop would only cost time
        else await asyncio.to_thread(market.snapshot, symbols)
    )
    now = services.clock.now()
    try:
        recommendation = recommend(request, snapshot, now=now)
    except ValidationError as error:
        raise HedgeInputError.from_validation(error) from error
    return services.plans.save(user_id, request, recommendation, now)
