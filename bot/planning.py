"""From a user's draft (holdings, concern, horizon, outlook) to a stored recommendation."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from telegram.ext import ContextTypes

from bot.plans import StoredPlan, save_plan
from bot.users import UserSettings, load_user_settings
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

STEPS = ("holdings", "concern", "horizon", "outlook")
Draft = dict[str, Any]


def next_missing(draft: Draft) -> str | None:
    """The first step the draft has no answer for, or None when a plan can be made."""
    for step in STEPS:
        key = "horizon_days" if step == "horizon" else step
        if not draft.get(key):
            return step
    return None


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
            settings=PlanSettings(leverage=settings.leverage, taker_fee=settings.taker_fee),
        )
    except ValidationError as error:
        raise HedgeInputError.from_validation(error) from error


async def make_plan(context: ContextTypes.DEFAULT_TYPE, user_id: int, draft: Draft) -> StoredPlan:
    """Price every hedge for the draft, store it, and return it; HedgeInputError for bad input."""
    from hedging.market import SnapshotProvider
    from hedging.planner import recommend

    bot_data = context.bot_data
    settings = load_user_settings(bot_data["db"], user_id, bot_data["settings"].bot)
    request = build_request(draft, settings)
    symbols = [h.symbol for h in request.portfolio.holdings]
    market = bot_data["market"]
    snapshot = (
        market.snapshot(symbols)
        if isinstance(market, SnapshotProvider)  # in memory: a thread hop would only cost time
        else await asyncio.to_thread(market.snapshot, symbols)
    )
    now = bot_data["clock"].now()
    try:
        recommendation = recommend(request, snapshot, now=now)
    except ValidationError as error:
        raise HedgeInputError.from_validation(error) from error
    plan_id = save_plan(bot_data["db"], user_id, request, recommendation, now)
    return StoredPlan(plan_id, user_id, request, recommendation)
