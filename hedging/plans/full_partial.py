"""Full and partial hedges: short a share of each holding on its best direct instrument."""

from __future__ import annotations

from hedging.liquidation import (
    binance_isolated_short,
    cfd_close_out_short,
    close_out_short,
    distance_pct,
    distance_sigmas,
)
from hedging.models import Costs, HedgeKind, Instrument, Leg, Outlook, Plan, VenueRef
from hedging.plans.common import (
    FUTURE_MAINTENANCE,
    INSTRUMENT_NAMES,
    SHORT_SALE_MAINTENANCE,
    Context,
    Route,
    short_leg,
    short_route,
)
from hedging.plans.finish import finish_plan

PARTIAL_RATIO_BY_OUTLOOK = {Outlook.BIG_DROP: 0.75, Outlook.UNSURE: 0.5, Outlook.INSURANCE: 0.25}


def partial_ratio(context: Context) -> float:
    """The person's ratio if they set one, otherwise one that follows their outlook."""
    chosen = context.request.settings.ratio
    return (
        chosen if chosen is not None else PARTIAL_RATIO_BY_OUTLOOK[context.request.intent.outlook]
    )


def liquidation_price(route: Route, entry: float, quantity: float, leverage: float) -> float:
    """Where this short is liquidated (perpetual) or closed out (CFD, futures, borrowed shares)."""
    if route.binance_liquidation:
        return binance_isolated_short(entry, quantity, quantity * entry / leverage)
    if route.instrument is Instrument.CFD:
        return cfd_close_out_short(entry, leverage)
    if route.instrument is Instrument.SHORT_SALE:
        return close_out_short(entry, leverage, SHORT_SALE_MAINTENANCE)
    return close_out_short(entry, leverage, FUTURE_MAINTENANCE)


def build_short_plan(context: Context, kind: HedgeKind, ratio: float) -> Plan:
    """Short `ratio` of every holding directly; holdings with no direct route stay unhedged."""
    wanted = context.request.settings.leverage
    legs: list[Leg] = []
    venues: list[VenueRef] = []
    notes: list[str] = []
    fees = carry = margin = 0.0
    leverage_used = wanted
    nearest: tuple[float, float, float] | None = None  # (distance %, sigmas, price)
    for position in context.positions:
        asset = context.assets[position.symbol]
        route = short_route(context, asset)
        if route is None:
            notes.append(
                f"No direct short on {position.symbol} fits your region and instruments, "
                "so it stays unhedged here."
            )
            continue
        leg, leg_fees, leg_carry = short_leg(context, asset, route, position.quantity * ratio)
        if leg.quantity == 0:
            notes.append(
                f"Hedging {position.quantity * ratio:g} {asset.symbol} needs less than half of "
                f"one {leg.contract_size:g} {asset.symbol} contract, so it stays unhedged here."
            )
            continue
        leverage = min(wanted, route.max_leverage)
        if leverage < wanted:
            notes.append(
                f"A {INSTRUMENT_NAMES[route.instrument]} on {asset.symbol} allows at most "
                f"{leverage:g}x, so margin is sized at {leverage:g}x."
            )
        leverage_used = min(leverage_used, leverage)
        if leg.contracts is not None and abs(leg.quantity - position.quantity * ratio) > 1e-9:
            notes.append(
                f"Rounded to {leg.contracts:g} contracts of {leg.contract_size:g} {asset.symbol} "
                f"({leg.quantity:g} {asset.symbol} instead of {position.quantity * ratio:g})."
            )
        price = liquidation_price(route, asset.price_usd, leg.quantity, leverage)
        leg = leg.model_copy(update={"liquidation_price_usd": price})
        distance = distance_pct(asset.price_usd, price)
        sigmas = distance_sigmas(asset.price_usd, price, asset.volatility, context.years)
        if nearest is None or sigmas < nearest[1]:  # the least likely to survive, in sds
            nearest = (distance, sigmas, price)
        legs.append(leg)
        venues.extend(route.venues)
        fees += leg_fees
        carry += leg_carry
        margin += leg.notional_usd / leverage
    costs = Costs(fees_usd=fees, funding_usd=carry, premium_usd=0.0, total_usd=fees + carry)
    return finish_plan(
        context,
        kind=kind,
        legs=legs,
        hedge_ratio=ratio,
        leverage=leverage_used,
        margin_usd=margin,
        costs=costs,
        liquidation=nearest,
        notes=notes,
        venues=venues,
    )
