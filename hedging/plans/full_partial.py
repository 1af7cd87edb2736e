"""Full and partial hedges: short a share of each holding on its best direct instrument."""

from __future__ import annotations

from functools import partial

from hedging.liquidation import (
    cfd_close_out_short,
    close_out_short,
    distance_pct,
    distance_sigmas,
)
from hedging.margin import ShortExposure, margin_outcomes, venue_short
from hedging.models import (
    CarryQuote,
    HedgeKind,
    Instrument,
    Leg,
    MarginMode,
    MarginOutcome,
    Outlook,
    Plan,
    VenueRef,
)
from hedging.plans.common import (
    FUTURE_MAINTENANCE,
    INSTRUMENT_NAMES,
    SHORT_SALE_MAINTENANCE,
    Context,
    Route,
    short_costs,
    short_leg,
)
from hedging.plans.finish import finish_plan
from hedging.plans.futures_notes import carry_quotes, future_notes
from hedging.plans.routes import candidate_routes, choose_route

PARTIAL_RATIO_BY_OUTLOOK = {Outlook.BIG_DROP: 0.75, Outlook.UNSURE: 0.5, Outlook.INSURANCE: 0.25}


def partial_ratio(context: Context) -> float:
    """The person's ratio if they set one, otherwise one that follows their outlook."""
    chosen = context.request.settings.ratio
    return (
        chosen if chosen is not None else PARTIAL_RATIO_BY_OUTLOOK[context.request.intent.outlook]
    )


def liquidation_price(
    route: Route, entry: float, quantity: float, leverage: float, taker_fee: float = 0.0
) -> float:
    """Where this short is liquidated in isolated margin (crypto futures, by the venue's formula)
    or closed out (CFD, regulated futures, borrowed shares)."""
    if route.formula is not None:
        return venue_short(route.formula, entry, quantity, quantity * entry / leverage, taker_fee)
    if route.instrument is Instrument.CFD:
        return cfd_close_out_short(entry, leverage)
    if route.instrument is Instrument.SHORT_SALE:
        return close_out_short(entry, leverage, SHORT_SALE_MAINTENANCE)
    return close_out_short(entry, leverage, FUTURE_MAINTENANCE)


def build_short_plan(context: Context, kind: HedgeKind, ratio: float) -> Plan:
    """Short `ratio` of every holding directly; holdings with no direct route stay unhedged."""
    wanted = context.request.settings.leverage
    parts: list[tuple[Leg, float, float]] = []
    exposures: list[ShortExposure] = []
    venues: list[VenueRef] = []
    notes: list[str] = []
    quotes: list[CarryQuote] = []
    margin = 0.0
    leverage_used = wanted
    for position in context.positions:
        asset = context.assets[position.symbol]
        routes = candidate_routes(context, asset)
        route = choose_route(context, asset, routes)
        if route is None:
            notes.append(
                f"No direct short on {position.symbol} fits your region and instruments, "
                "so it stays unhedged here."
            )
            continue
        leverage = min(wanted, route.max_leverage)
        leg, leg_fees, leg_carry = short_leg(
            context,
            asset,
            route,
            position.quantity * ratio,
            liquidation_at=partial(
                liquidation_price,
                route,
                asset.price_usd,
                leverage=leverage,
                taker_fee=context.taker_fee,
            ),
        )
        if leg.quantity == 0:
            notes.append(
                f"Hedging {position.quantity * ratio:g} {asset.symbol} needs less than half of "
                f"one {leg.contract_size:g} {asset.symbol} contract, so it stays unhedged here."
            )
            continue
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
        exposures.append(
            ShortExposure(
                symbol=asset.symbol,
                entry=asset.price_usd,
                quantity=leg.quantity,
                held_quantity=position.quantity,
                margin_usd=leg.notional_usd / leverage,
                volatility=asset.volatility,
                formula=route.formula or "",
                coin_margined=route.coin_margined,
            )
        )
        quotes.extend(carry_quotes(context, asset, position.quantity * ratio, route, routes))
        notes.extend(future_notes(context, leg))
        parts.append((leg, leg_fees, leg_carry))
        venues.extend(route.venues)
        margin += leg.notional_usd / leverage
    legs, outcomes, nearest, mode = _with_margin_modes(context, parts, exposures)
    return finish_plan(
        context,
        kind=kind,
        legs=legs,
        hedge_ratio=ratio,
        leverage=leverage_used,
        margin_usd=margin,
        costs=short_costs(parts),
        liquidation=nearest,
        notes=notes,
        venues=venues,
        margin_mode=mode,
        margin_modes=outcomes,
        carry_quotes=quotes,
    )


def _with_margin_modes(
    context: Context, parts: list[tuple[Leg, float, float]], exposures: list[ShortExposure]
) -> tuple[list[Leg], list[MarginOutcome], tuple[float, float, float] | None, MarginMode | None]:
    """Legs with the headline mode's liquidation price, every mode's outcome, the nearest leg."""
    legs = [leg for leg, _, _ in parts]
    nearest: tuple[float, float, float] | None = None
    venue_legs = [e for e in exposures if e.formula]
    if not venue_legs or len(venue_legs) != len(legs):  # brokers' close-outs: isolated only
        for leg in legs:
            price = leg.liquidation_price_usd or 0.0
            asset = context.assets[leg.symbol]
            sigmas = distance_sigmas(asset.price_usd, price, asset.volatility, context.years)
            if nearest is None or sigmas < nearest[1]:
                nearest = (distance_pct(asset.price_usd, price), sigmas, price)
        return legs, [], nearest, None
    settings = context.request.settings
    by_mode = margin_outcomes(exposures, context.taker_fee, context.years, settings.wallet_usd)
    headline, per_leg = by_mode[settings.margin_mode]
    legs = [
        leg
        if leg.liquidation_price_usd == figure.price
        else leg.model_copy(update={"liquidation_price_usd": figure.price})
        for leg, figure in zip(legs, per_leg, strict=True)
    ]
    if headline.liquidation_price_usd is not None:
        nearest = (
            headline.liquidation_distance_pct or 0.0,
            headline.liquidation_distance_sigmas or 0.0,
            headline.liquidation_price_usd,
        )
    return legs, [outcome for outcome, _ in by_mode.values()], nearest, settings.margin_mode
