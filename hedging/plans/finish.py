"""The last step of every plan builder: scenarios, venues and the upside given up."""

from __future__ import annotations

from collections.abc import Iterable

from hedging.models import (
    CollarDetails,
    CorrelationDetails,
    Costs,
    HedgeKind,
    Leg,
    OptionDetails,
    Plan,
    VenueRef,
)
from hedging.plans.common import SCENARIO_MOVES, UPSIDE_MOVE, Context
from hedging.scenarios import pnl_at_move


def unique_venues(venues: Iterable[VenueRef]) -> list[VenueRef]:
    """Venues in order of first appearance, each named once."""
    seen: dict[str, VenueRef] = {}
    for venue in venues:
        seen.setdefault(venue.name, venue)
    return list(seen.values())


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
) -> Plan:
    """A Plan with its scenario table filled in by pnl_at_move."""
    draft = Plan.model_construct(
        kind=kind,
        legs=legs,
        hedge_ratio=hedge_ratio,
        leverage=leverage,
        margin_usd=margin_usd,
        liquidation_price_usd=liquidation[2] if liquidation else None,
        costs=costs,
        scenarios=[],
        options=options,
        correlation=correlation,
        available=bool(legs),
        horizon_days=context.horizon_days,
        venues=unique_venues(venues),
        liquidation_distance_pct=liquidation[0] if liquidation else None,
        liquidation_distance_sigmas=liquidation[1] if liquidation else None,
        upside_given_up_usd=0.0,
        option_strikes=option_strikes or [],
        collar=collar,
        notes=notes or [],
    )
    upside = pnl_at_move(draft, context.portfolio, UPSIDE_MOVE)
    return draft.model_copy(
        update={
            "scenarios": [pnl_at_move(draft, context.portfolio, m) for m in SCENARIO_MOVES],
            "upside_given_up_usd": max(0.0, upside.unhedged_pnl_usd - upside.hedged_pnl_usd),
        }
    )
