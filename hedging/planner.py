"""The core's front door: a request and a market in, every hedge priced and ranked out."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from hedging.errors import HedgeInputError
from hedging.events import MAX_HORIZON_DAYS, days_past_event
from hedging.market import MarketDataProvider, asset_for
from hedging.models import (
    MAX_NOTIONAL_USD,
    AssetMarket,
    HedgeKind,
    HedgeRequest,
    Holding,
    MarketSnapshot,
    MarketSummary,
    Plan,
    PortfolioSummary,
    Position,
    Recommendation,
)
from hedging.plans.common import Context
from hedging.plans.correlated import build_correlated_plan
from hedging.plans.full_partial import build_short_plan, partial_ratio
from hedging.plans.options import build_options_plan
from hedging.recommend import rank_plans

YOU = "you"


def _position(
    holding: Holding, asset: AssetMarket, market: MarketSnapshot, now: datetime
) -> tuple[Position, AssetMarket]:
    if holding.price_usd is not None:
        price, source, as_of = holding.price_usd, YOU, None
    else:
        price = asset.price_usd
        source = asset.price_source or market.source
        as_of = None if source == YOU else asset.price_as_of or market.as_of
    quantity = holding.value_usd / price if holding.value_usd is not None else holding.quantity
    value = quantity * price
    if value > MAX_NOTIONAL_USD:
        raise HedgeInputError(f"{holding.symbol} worth {value:,.0f} dollars is not a real size.")
    age = max(0.0, (now - as_of).total_seconds() / 3600) if as_of is not None else None
    position = Position.validated(
        {
            "symbol": holding.symbol,
            "asset_class": asset.asset_class,
            "quantity": quantity,
            "price_usd": price,
            "value_usd": value,
            "price_source": source,
            "price_as_of": as_of,
            "price_age_hours": age,
        }
    )
    used = asset if price == asset.price_usd else asset.model_copy(update={"price_usd": price})
    return position, used


def horizon_until_event(request: HedgeRequest, now: datetime) -> HedgeRequest:
    """With an event date and no explicit horizon, hedge until a day after the event."""
    intent = request.intent
    if intent.event_at is None or "horizon_days" in intent.model_fields_set:
        return request
    days = days_past_event(intent.event_at, now)
    if days < 1:
        raise HedgeInputError("That event has already passed; pick a horizon in days instead.")
    horizon = min(math.ceil(days), MAX_HORIZON_DAYS)
    return request.model_copy(
        update={"intent": intent.model_copy(update={"horizon_days": float(horizon)})}
    )


def build_context(request: HedgeRequest, market: MarketSnapshot, now: datetime) -> Context:
    """Price every holding (merging repeats of a symbol) and fix the market the plans will use."""
    request = horizon_until_event(request, now)
    positions: dict[str, Position] = {}
    assets: dict[str, AssetMarket] = {}
    for holding in request.portfolio.holdings:
        asset = asset_for(market, holding.symbol, holding.price_usd, holding.asset_class)
        position, used = _position(holding, asset, market, now)
        earlier = positions.get(holding.symbol)
        if earlier is not None:
            quantity = earlier.quantity + position.quantity
            position = position.model_copy(
                update={"quantity": quantity, "value_usd": quantity * position.price_usd}
            )
        positions[holding.symbol] = position
        assets[holding.symbol] = used
    for symbol, asset in market.assets.items():
        assets.setdefault(symbol, asset)
    ordered = sorted(positions.values(), key=lambda position: -position.value_usd)
    summary = PortfolioSummary.validated(
        {
            "value_usd": sum(position.value_usd for position in ordered),
            "holdings": [
                Holding.validated(
                    {
                        "symbol": p.symbol,
                        "quantity": p.quantity,
                        "price_usd": p.price_usd,
                        "asset_class": p.asset_class,
                        "value_usd": None,
                    }
                )
                for p in ordered
            ],
            "positions": ordered,
        }
    )
    return Context(request=request, market=market, assets=assets, portfolio=summary, now=now)


def build_plans(context: Context) -> list[Plan]:
    """One plan per kind the person asked for."""
    kinds = context.request.settings.kinds
    plans = []
    if HedgeKind.FULL in kinds:
        plans.append(build_short_plan(context, HedgeKind.FULL, 1.0))
    if HedgeKind.PARTIAL in kinds:
        plans.append(build_short_plan(context, HedgeKind.PARTIAL, partial_ratio(context)))
    if HedgeKind.OPTIONS in kinds:
        plans.append(build_options_plan(context))
    if HedgeKind.CORRELATED in kinds:
        plans.append(build_correlated_plan(context))
    return plans


def recommend(
    request: HedgeRequest,
    market: MarketSnapshot | MarketDataProvider,
    *,
    now: datetime | None = None,
) -> Recommendation:
    """Price all four hedges for this request and rank them, best first, with the reasons."""
    if not isinstance(market, MarketSnapshot):
        market = market.snapshot([holding.symbol for holding in request.portfolio.holdings])
    context = build_context(request, market, now or datetime.now(UTC))
    ranked, reasons = rank_plans(context, build_plans(context))
    return Recommendation.validated(
        {
            "recommended": ranked[0].kind,
            "reasons": reasons,
            "portfolio": context.portfolio,
            "market": MarketSummary.validated(
                {
                    "source": market.source,
                    "as_of": market.as_of,
                    "note": market.note,
                }
            ),
            "intent": context.request.intent,
            "plans": ranked,
        }
    )
