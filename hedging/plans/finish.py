"""The last step of every plan builder: scenarios, venues and the upside given up."""

from __future__ import annotations

from collections.abc import Iterable

from hedging.models import (
    AssetClass,
    CarryQuote,
    CollarDetails,
    CorrelationDetails,
    Costs,
    HedgeKind,
    Instrument,
    Leg,
    MarginMode,
    MarginOutcome,
    OptionDetails,
    Plan,
    PutSpreadDetails,
    Region,
    VenueRef,
)
from hedging.plans.common import SCENARIO_MOVES, UPSIDE_MOVE, Context, draft_scenarios


def unique_venues(venues: Iterable[VenueRef]) -> list[VenueRef]:
    """Venues in order of first appearance, each named once."""
    seen: dict[str, VenueRef] = {}
    for venue in venues:
        seen.setdefault(venue.name, venue)
    return list(seen.values())


INSTRUMENT_NOTES = {
    Instrument.PERPETUAL: "The liquidation price is for the margin mode shown; the plan lists "
    "isolated, cross and portfolio margin side by side, and the last two sit much further away.",
    Instrument.QUARTERLY: "A dated future has no funding, but its price can drift from spot (the "
    "basis) if you close it before expiry.",
    Instrument.CFD: "CFD financing is charged daily: a short earns about the interest rate minus "
    "the broker's markup, and pays any dividends.",
    Instrument.SHORT_SALE: "Borrowed shares carry a lending fee, and a short owes any dividends "
    "paid while it is open.",
}
REGION_CRYPTO_NOTES = {
    Region.US: "Offshore exchanges such as Binance, Bybit and Deribit don't accept US residents, "
    "so only US-regulated venues are listed.",
    Region.UK: "UK rules keep crypto derivatives away from retail clients; this is only open to "
    "you as a professional client.",
}


def standard_notes(context: Context, legs: list[Leg]) -> list[str]:
    """Notes every plan with these legs should carry: instrument caveats and regional rules."""
    notes = [
        INSTRUMENT_NOTES[instrument]
        for instrument in dict.fromkeys(leg.instrument for leg in legs)
        if instrument in INSTRUMENT_NOTES
    ]
    crypto = any(context.assets[leg.symbol].asset_class is AssetClass.CRYPTO for leg in legs)
    if crypto and context.region in REGION_CRYPTO_NOTES:
        notes.append(REGION_CRYPTO_NOTES[context.region])
    return notes


def _nearest_symbol(legs: list[Leg], price: float) -> str | None:
    return next((leg.symbol for leg in legs if leg.liquidation_price_usd == price), None)


def finish_plan(
    context: Context,
    *,
    kind: HedgeKind,
    legs: list[Leg],
    hedge_ratio: float,
    leverage: float,
    margin_usd: float,
    costs: Costs,
    liquidation: tuple[float, float, float] | None = None,
    notes: list[str] | None = None,
    venues: Iterable[VenueRef] = (),
    options: OptionDetails | None = None,
    option_strikes: list[OptionDetails] | None = None,
    collar: CollarDetails | None = None,
    correlation: CorrelationDetails | None = None,
    margin_mode: MarginMode | None = None,
    margin_modes: list[MarginOutcome] | None = None,
    carry_quotes: list[CarryQuote] | None = None,
    put_spread: PutSpreadDetails | None = None,
) -> Plan:
    """A Plan with its scenario table filled in by the same function as pnl_at_move, built (and
    validated) once."""
    scenarios = draft_scenarios(context, legs, costs)
    upside = scenarios[SCENARIO_MOVES.index(UPSIDE_MOVE)]  # the +10% row of the table
    return Plan.validated(
        {
            "kind": kind,
            "legs": legs,
            "hedge_ratio": hedge_ratio,
            "leverage": leverage,
            "margin_usd": margin_usd,
            "liquidation_price_usd": liquidation[2] if liquidation else None,
            "liquidation_symbol": _nearest_symbol(legs, liquidation[2]) if liquidation else None,
            "costs": costs,
            "scenarios": scenarios,
            "options": options,
            "correlation": correlation,
            "available": bool(legs),
            "horizon_days": context.horizon_days,
            "venues": unique_venues(venues),
            "liquidation_distance_pct": liquidation[0] if liquidation else None,
            "liquidation_distance_sigmas": liquidation[1] if liquidation else None,
            "upside_given_up_usd": max(0.0, upside.unhedged_pnl_usd - upside.hedged_pnl_usd),
            "option_strikes": option_strikes or [],
            "collar": collar,
            "notes": [*(notes or []), *standard_notes(context, legs)],
            "margin_mode": margin_mode,
            "margin_modes": margin_modes or [],
            "carry_quotes": carry_quotes or [],
            "put_spread": put_spread,
        }
    )
