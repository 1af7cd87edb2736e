"""What a direct short on a future says beside its cost: funding against basis for each
instrument, the roll date and the basis risk of closing a dated future early."""

from __future__ import annotations

from hedging.models import AssetMarket, CarryQuote, Instrument, Leg
from hedging.plans.common import (
    Context,
    Route,
    carry_cost,
    round_to_contracts,
    slippage,
    trading_fee,
)
from hedging.plans.routes import FUTURES

HOURS_PER_YEAR = 365 * 24


def annual_rate(route: Route) -> float:
    """Funding a short receives in a year at the current rate, or the dated future's basis."""
    if route.instrument is Instrument.QUARTERLY:
        return route.annual_basis or 0.0
    return (route.funding_rate or 0.0) * HOURS_PER_YEAR / (route.funding_interval_hours or 8.0)


def carry_quotes(
    context: Context, asset: AssetMarket, wanted: float, chosen: Route, routes: list[Route]
) -> list[CarryQuote]:
    """The perpetual and the dated future side by side for shorting `wanted` units, the chosen
    one marked; empty unless both are open to the person."""
    futures = [r for r in routes if r.instrument in FUTURES]
    if len(futures) < 2:
        return []
    quotes = []
    for route in futures:
        traded, contracts = round_to_contracts(wanted, route.contract_size)
        notional = traded * asset.price_usd
        fees = 2 * trading_fee(context, asset, route, traded, contracts)
        carry = carry_cost(context, asset, route, notional)
        slipped = slippage(asset, notional) or 0.0
        quarterly = route.instrument is Instrument.QUARTERLY
        quotes.append(
            CarryQuote.validated(
                {
                    "instrument": route.instrument,
                    "venue": route.venues[0].name if route.venues else None,
                    "annual_rate": annual_rate(route),
                    "funding_usd": 0.0 if quarterly else carry,
                    "basis_usd": carry if quarterly else 0.0,
                    "fees_usd": fees,
                    "slippage_usd": slipped,
                    "total_usd": fees + carry + slipped,
                    "chosen": route.instrument is chosen.instrument,
                }
            )
        )
    return quotes


def future_notes(context: Context, leg: Leg) -> list[str]:
    """Roll date and early-close basis risk for a dated future; nothing for other legs."""
    if leg.instrument is not Instrument.QUARTERLY or leg.expiry is None:
        return []
    basis = leg.annual_basis or 0.0
    notes = [
        f"The {leg.symbol} future expires {leg.expiry:%d %b %Y}; at a {basis:+.1%} a year basis "
        f"the short {'earns' if basis >= 0 else 'pays'} about "
        f"${abs(leg.notional_usd * basis * context.horizon_days / 365):,.0f} over your horizon."
    ]
    if leg.roll_at is not None:
        notes.append(
            f"Your horizon runs past that expiry: roll into the next {leg.symbol} future on "
            f"{leg.roll_at:%d %b %Y}, at whatever basis it then trades."
        )
    else:
        days_left = (leg.expiry - context.now).total_seconds() / 86400 - context.horizon_days
        unlocked = leg.notional_usd * abs(basis) * max(days_left, 0.0) / 365
        notes.append(
            f"Closing at your horizon, {days_left:.0f} days before expiry, leaves about "
            f"${unlocked:,.0f} of basis not yet earned, and it can widen or shrink by then "
            "(basis risk)."
        )
    return notes
