"""Which instrument and venue a direct short uses: the region's list, and between a perpetual and
a dated future, the one cheaper over the horizon (or the one the person asked for)."""

from __future__ import annotations

from hedging.base import FuturePreference
from hedging.expiries import front_future
from hedging.models import AssetClass, AssetMarket, Instrument, Region, VenueRef
from hedging.plans.common import Context, Route, carry_cost
from hedging.venues import venues_for

# instruments a direct short may use, in order of preference
SHORT_PREFERENCE = {
    AssetClass.CRYPTO: (Instrument.PERPETUAL, Instrument.QUARTERLY, Instrument.CFD),
    AssetClass.STOCK: (Instrument.CFD, Instrument.SHORT_SALE),
    AssetClass.ETF: (Instrument.CFD, Instrument.SHORT_SALE),
    AssetClass.INDEX: (Instrument.QUARTERLY, Instrument.CFD),
}
US_SHORT_PREFERENCE = {
    AssetClass.CRYPTO: (Instrument.QUARTERLY, Instrument.PERPETUAL),
    AssetClass.STOCK: (Instrument.SHORT_SALE,),
    AssetClass.ETF: (Instrument.SHORT_SALE,),
    AssetClass.INDEX: (Instrument.QUARTERLY,),
}
CFD_MAX_LEVERAGE = {  # ESMA retail limits
    AssetClass.CRYPTO: 2.0,
    AssetClass.STOCK: 5.0,
    AssetClass.ETF: 5.0,
    AssetClass.INDEX: 20.0,
}
REGULATED_FUTURE_MAX_LEVERAGE = {AssetClass.CRYPTO: 3.0, AssetClass.INDEX: 15.0}
US_PERPETUAL_MAX_LEVERAGE = 10.0
DEFAULT_PERPETUAL_MAX_LEVERAGE = 20.0
SHORT_SALE_MAX_LEVERAGE = 2.0  # Reg T: 50% initial margin
US_FUNDING_INTERVAL_HOURS = 1.0  # Coinbase Derivatives accrues funding hourly
FUTURES = (Instrument.PERPETUAL, Instrument.QUARTERLY)
FORMULAS = {"Binance": "binance", "Bybit": "bybit", "OKX": "okx"}
GENERIC_FORMULA = "generic"


def candidate_routes(context: Context, asset: AssetMarket) -> list[Route]:
    """Every way to short this asset directly in the person's region, in preference order
    (worked out once per asset and recommendation: the full, partial and correlated plans all
    ask)."""
    key = ("routes", id(asset))
    known = context.memo.get(key)
    if known is None:  # the asset is kept beside its routes, so its id stays unique
        known = context.memo[key] = (asset, _candidate_routes(context, asset))
    return list(known[1])  # type: ignore[index]  # a copy: callers may reorder theirs


def _candidate_routes(context: Context, asset: AssetMarket) -> list[Route]:
    us = context.region is Region.US
    preference = (US_SHORT_PREFERENCE if us else SHORT_PREFERENCE)[asset.asset_class]
    allowed = context.request.intent.instruments
    routes = []
    for instrument in preference:
        if instrument not in allowed:
            continue
        venues = venues_for(context.region, asset.asset_class, asset.symbol, instrument)
        if venues:
            routes.append(_route(context, asset, instrument, _venue_first(context, venues), us))
    return routes


def _venue_first(context: Context, venues: tuple[VenueRef, ...]) -> tuple[VenueRef, ...]:
    """The person's venue first when it lists the product."""
    wanted = context.request.settings.venue
    if wanted is None:
        return venues
    return tuple(sorted(venues, key=lambda venue: venue.name.lower() != wanted))


def cost_rate(context: Context, asset: AssetMarket, route: Route) -> float:
    """A route's fees (open and close) and carry over the horizon per dollar of notional."""
    if route.fee_per_contract and route.contract_size:
        fee = context.fees.future_per_contract_usd / (route.contract_size * asset.price_usd)
    else:
        fee = context.taker_fee
    return 2 * fee + carry_cost(context, asset, route, 1.0)


def short_route(context: Context, asset: AssetMarket) -> Route | None:
    """The best way to short this asset directly, or None if none fits (see choose_route)."""
    return choose_route(context, asset, candidate_routes(context, asset))


def choose_route(context: Context, asset: AssetMarket, routes: list[Route]) -> Route | None:
    """The best of the candidate routes, or None if there are none.

    Between a perpetual and a dated future: the one the settings ask for, else the cheaper over
    the horizon (funding against basis) where a perpetual comes first; in the US the regulated
    dated future stays first (both are still priced side by side). Other instruments follow the
    region's order.
    """
    if not routes or routes[0].instrument not in FUTURES:
        return routes[0] if routes else None
    futures = [r for r in routes if r.instrument in FUTURES]
    wanted = context.request.settings.instrument
    if wanted is not None:
        quarterly = wanted is FuturePreference.QUARTERLY
        kind = Instrument.QUARTERLY if quarterly else Instrument.PERPETUAL
        matching = [r for r in futures if r.instrument is kind]
        if matching:
            return matching[0]
    if routes[0].instrument is not Instrument.PERPETUAL:
        return routes[0]
    return min(futures, key=lambda route: cost_rate(context, asset, route))


def _route(
    context: Context,
    asset: AssetMarket,
    instrument: Instrument,
    venues: tuple[VenueRef, ...],
    us: bool,
) -> Route:
    offshore_leverage = asset.max_leverage or DEFAULT_PERPETUAL_MAX_LEVERAGE
    formula = FORMULAS.get(venues[0].name, GENERIC_FORMULA)
    if instrument is Instrument.PERPETUAL:
        rate = asset.funding_rate or 0.0
        interval = asset.funding_interval_hours or 8.0
        if us:  # same funding per hour, accrued hourly
            rate, interval = rate * US_FUNDING_INTERVAL_HOURS / interval, US_FUNDING_INTERVAL_HOURS
        inverse = context.request.settings.instrument is FuturePreference.INVERSE
        return Route(
            instrument=instrument,
            venues=venues,
            max_leverage=US_PERPETUAL_MAX_LEVERAGE if us else offshore_leverage,
            contract_size=None,
            funding_rate=rate,
            funding_interval_hours=interval,
            fee_per_contract=False,
            formula=None if us else formula,
            coin_margined=inverse and not us,
        )
    if instrument is Instrument.QUARTERLY:
        index = asset.asset_class is AssetClass.INDEX
        regulated = us or index
        expiry, roll_at = front_future(
            context.now, asset.asset_class, regulated, context.horizon_days
        )
        return Route(
            instrument=instrument,
            venues=venues,
            max_leverage=REGULATED_FUTURE_MAX_LEVERAGE.get(asset.asset_class, 3.0)
            if regulated
            else offshore_leverage,
            contract_size=asset.future_contract_size
            if index
            else (asset.us_future_contract_size if us else None),
            funding_rate=None,
            funding_interval_hours=None,
            fee_per_contract=regulated,
            formula=None if regulated else formula,
            annual_basis=asset.annual_basis if asset.annual_basis is not None else 0.0,
            expiry=expiry,
            roll_at=roll_at,
        )
    return Route(
        instrument=instrument,
        venues=venues,
        max_leverage=CFD_MAX_LEVERAGE[asset.asset_class]
        if instrument is Instrument.CFD
        else SHORT_SALE_MAX_LEVERAGE,
        contract_size=None,
        funding_rate=None,
        funding_interval_hours=None,
        fee_per_contract=False,
        formula=None,
    )
