"""A hedge after it was planned: which event it waits for, when it ends, what it saved or cost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from hedging.events import EventCalendar, ScheduledEvent, as_utc
from hedging.models import (
    Concern,
    HedgeRequest,
    Instrument,
    Leg,
    Model,
    Plan,
    PortfolioSummary,
    Recommendation,
    Side,
)

HOURS_PER_YEAR = 365 * 24
SAME_EVENT = timedelta(hours=36)  # a user's event date this close to the calendar's is that event


class LegProgress(Model):
    symbol: str
    side: Side
    instrument: Instrument
    quantity: float
    entry_price_usd: float
    current_price_usd: float | None
    price_pnl_usd: float | None  # the leg's gain (+) or loss (−) from the price move
    funding_usd: float  # paid (+) or received (−) so far, at the plan's funding rate


class HedgeProgress(Model):
    """Positive costs are paid; `saved_usd` > 0 means the hedge left the person better off."""

    elapsed_hours: float
    event_passed: bool
    legs: list[LegProgress]
    funding_paid_usd: float
    fees_usd: float  # opening and closing both legs, as planned
    premium_usd: float
    prices_known: bool
    holdings_change_usd: float | None  # what the unhedged holdings gained or lost
    hedge_pnl_usd: float | None  # what the hedge legs gained or lost from prices
    saved_usd: float | None  # hedge P&L minus funding, fees and premium: hedged vs not hedged


def funding_so_far(leg: Leg, elapsed_hours: float) -> float:
    """Funding a perpetual leg has paid (+) or received (−): rate × notional × intervals elapsed.

    A positive rate means longs pay shorts; an estimate, because real rates change each interval.
    """
    if leg.instrument != Instrument.PERPETUAL or not leg.funding_rate:
        return 0.0
    intervals = elapsed_hours / (leg.funding_interval_hours or 8.0)
    direction = -1.0 if leg.side == Side.SHORT else 1.0
    return direction * leg.funding_rate * leg.notional_usd * intervals


def leg_price_pnl(leg: Leg, price: float) -> float:
    """The leg's gain from the price moving from its entry to `price` (options: intrinsic value)."""
    if leg.side == Side.SHORT:
        return (leg.price_usd - price) * leg.quantity
    if leg.side == Side.LONG:
        return (price - leg.price_usd) * leg.quantity
    strike = leg.strike_usd or leg.price_usd
    if leg.side == Side.BUY_PUT:
        return max(strike - price, 0.0) * leg.quantity
    return -max(price - strike, 0.0) * leg.quantity  # SELL_CALL


def hedge_progress(
    plan: Plan,
    portfolio: PortfolioSummary,
    *,
    opened_at: datetime,
    now: datetime,
    prices: dict[str, float],
    event_at: datetime | None = None,
) -> HedgeProgress:
    """Where the hedge stands at `now`, given the prices known now (any may be missing)."""
    elapsed_hours = max(0.0, (now - opened_at).total_seconds() / 3600)
    legs = [
        LegProgress(
            symbol=leg.symbol,
            side=leg.side,
            instrument=leg.instrument,
            quantity=leg.quantity,
            entry_price_usd=leg.price_usd,
            current_price_usd=prices.get(leg.symbol),
            price_pnl_usd=leg_price_pnl(leg, prices[leg.symbol]) if leg.symbol in prices else None,
            funding_usd=funding_so_far(leg, elapsed_hours),
        )
        for leg in plan.legs
    ]
    funding = sum(leg.funding_usd for leg in legs)
    priced = all(leg.price_pnl_usd is not None for leg in legs) and all(
        holding.symbol in prices and holding.price_usd for holding in portfolio.holdings
    )
    holdings_change = hedge_pnl = saved = None
    if priced:
        holdings_change = sum(
            (prices[holding.symbol] - (holding.price_usd or 0.0)) * holding.quantity
            for holding in portfolio.holdings
        )
        hedge_pnl = sum(leg.price_pnl_usd or 0.0 for leg in legs)
        saved = hedge_pnl - funding - plan.costs.fees_usd - plan.costs.premium_usd
    return HedgeProgress(
        elapsed_hours=elapsed_hours,
        event_passed=event_at is not None and event_at <= now,
        legs=legs,
        funding_paid_usd=funding,
        fees_usd=plan.costs.fees_usd,
        premium_usd=plan.costs.premium_usd,
        prices_known=priced,
        holdings_change_usd=holdings_change,
        hedge_pnl_usd=hedge_pnl,
        saved_usd=saved,
    )


@dataclass(frozen=True)
class PlanFacts:
    """What a reminder needs to know about its plan."""

    plan: Plan
    recommendation: Recommendation
    request: HedgeRequest
    created_at: datetime
    event: ScheduledEvent | None
    event_at: datetime | None
    horizon_end: datetime


def plan_facts(
    request: HedgeRequest,
    recommendation: Recommendation,
    created_at: datetime,
    calendar: EventCalendar,
) -> PlanFacts | None:
    """Which plan a reminder is about, which calendar event it hedges, when its horizon ends."""
    chosen = next(
        (plan for plan in recommendation.plans if plan.kind == recommendation.recommended),
        recommendation.plans[0] if recommendation.plans else None,
    )
    if chosen is None:
        return None
    intent = recommendation.intent
    event = None
    if intent.concern in (Concern.FOMC, Concern.CPI):
        event = calendar.next_event(intent.concern, after=created_at)
    event_at = event.at if event else None
    if intent.event_at is not None:
        said = as_utc(intent.event_at)
        # the calendar knows the hour of the statement; the user's "on Wednesday" only the day
        if event is None or abs(event.at - said) > SAME_EVENT:
            # another day than the calendar's: trust the day, but the event keeps its usual hour
            event = None
            event_at = calendar.usual_moment(intent.concern, said.date()) or said
    return PlanFacts(
        plan=chosen,
        recommendation=recommendation,
        request=request,
        created_at=created_at,
        event=event,
        event_at=event_at,
        horizon_end=created_at + timedelta(days=intent.horizon_days),
    )
