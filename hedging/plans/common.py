"""What every plan builder shares: the priced portfolio, the route a short takes, fees, funding."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from hedging.models import (
    AssetClass,
    AssetMarket,
    FeeSchedule,
    HedgeRequest,
    Instrument,
    Leg,
    MarketSnapshot,
    PortfolioSummary,
    Position,
    Region,
    Side,
    VenueRef,
)
from hedging.venues import venues_for

HOURS_PER_YEAR = 365 * 24
INSTRUMENT_NAMES = {
    Instrument.PERPETUAL: "perpetual",
    Instrument.QUARTERLY: "dated future",
    Instrument.OPTION: "option",
    Instrument.CFD: "CFD",
    Instrument.SHORT_SALE: "short sale",
}
SCENARIO_MOVES = (-0.30, -0.20, -0.10, -0.05, 0.0, 0.05, 0.10, 0.20, 0.30)
UPSIDE_MOVE = 0.10

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
SHORT_SALE_MAINTENANCE = 0.30
FUTURE_MAINTENANCE = 0.05
US_FUNDING_INTERVAL_HOURS = 1.0  # Coinbase Derivatives accrues funding hourly


@dataclass(frozen=True, slots=True)
class Route:
    """How a short on one asset is traded for this person."""

    instrument: Instrument
    venues: tuple[VenueRef, ...]
    max_leverage: float
    contract_size: float | None  # None: any size in small steps
    funding_rate: float | None  # per interval, positive = shorts receive
    funding_interval_hours: float | None
    fee_per_contract: bool  # regulated futures; otherwise a rate of notional or per share
    binance_liquidation: bool


@dataclass(frozen=True, slots=True)
class Context:
    """A request with its market resolved: prices in force, horizon in years, and the clock."""

    request: HedgeRequest
    market: MarketSnapshot
    assets: dict[str, AssetMarket]  # prices as used (overrides applied)
    portfolio: PortfolioSummary
    now: datetime

    @property
    def positions(self) -> list[Position]:
        return self.portfolio.positions

    @property
    def region(self) -> Region:
        return self.request.intent.region

    @property
    def horizon_days(self) -> float:
        return self.request.intent.horizon_days

    @property
    def years(self) -> float:
        return self.request.intent.horizon_days / 365

    @property
    def fees(self) -> FeeSchedule:
        return self.market.fees

    @property
    def taker_fee(self) -> float:
        chosen = self.request.settings.taker_fee
        return self.market.fees.taker if chosen is None else chosen


def short_route(context: Context, asset: AssetMarket) -> Route | None:
    """The best way to short this asset directly in the person's region, or None if none fits."""
    us = context.region is Region.US
    preference = (US_SHORT_PREFERENCE if us else SHORT_PREFERENCE)[asset.asset_class]
    if (asset.funding_rate or 0.0) < 0 and Instrument.QUARTERLY in preference:
        # shorts pay funding: a dated future, which has none, is the better direct hedge
        preference = (
            Instrument.QUARTERLY,
            *(i for i in preference if i is not Instrument.QUARTERLY),
        )
    allowed = context.request.intent.instruments
    for instrument in preference:
        if instrument not in allowed:
            continue
        venues = venues_for(context.region, asset.asset_class, asset.symbol, instrument)
        if venues:
            return _route(asset, instrument, venues, us)
    return None


def _route(
    asset: AssetMarket, instrument: Instrument, venues: tuple[VenueRef, ...], us: bool
) -> Route:
    offshore_leverage = asset.max_leverage or DEFAULT_PERPETUAL_MAX_LEVERAGE
    if instrument is Instrument.PERPETUAL:
        rate = asset.funding_rate or 0.0
        interval = asset.funding_interval_hours or 8.0
        if us:  # same funding per hour, accrued hourly
            rate, interval = rate * US_FUNDING_INTERVAL_HOURS / interval, US_FUNDING_INTERVAL_HOURS
        return Route(
            instrument=instrument,
            venues=venues,
            max_leverage=US_PERPETUAL_MAX_LEVERAGE if us else offshore_leverage,
            contract_size=None,
            funding_rate=rate,
            funding_interval_hours=interval,
            fee_per_contract=False,
            binance_liquidation=not us,
        )
    if instrument is Instrument.QUARTERLY:
        index = asset.asset_class is AssetClass.INDEX
        regulated = us or index
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
            binance_liquidation=not regulated,
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
        binance_liquidation=False,
    )


def round_to_contracts(quantity: float, contract_size: float | None) -> tuple[float, float | None]:
    """(quantity actually traded, contracts): the nearest whole number of contracts (maybe 0)."""
    if contract_size is None:
        return quantity, None
    contracts = float(round(quantity / contract_size))
    return contracts * contract_size, contracts


def trading_fee(
    context: Context, asset: AssetMarket, route: Route, quantity: float, contracts: float | None
) -> float:
    """Fee for one side (open or close) of a short."""
    notional = quantity * asset.price_usd
    if route.fee_per_contract and contracts is not None:
        return contracts * context.fees.future_per_contract_usd
    if asset.asset_class in (AssetClass.STOCK, AssetClass.ETF) and route.instrument in (
        Instrument.CFD,
        Instrument.SHORT_SALE,
    ):
        return max(context.fees.stock_min_usd, quantity * context.fees.stock_per_share_usd)
    return notional * context.taker_fee


def carry_cost(context: Context, asset: AssetMarket, route: Route, notional: float) -> float:
    """Funding, financing, borrow and dividends owed by the short over the horizon (+ = pays)."""
    if route.instrument is Instrument.PERPETUAL:
        periods = context.horizon_days * 24 / (route.funding_interval_hours or 8.0)
        return -(route.funding_rate or 0.0) * notional * periods
    years = context.years
    dividends = asset.dividend_yield * notional * years
    if route.instrument is Instrument.CFD:
        financing = context.market.risk_free_rate - context.fees.cfd_financing_markup
        return dividends - financing * notional * years
    if route.instrument is Instrument.SHORT_SALE:
        return dividends + context.fees.stock_borrow_rate * notional * years
    return 0.0


def short_leg(
    context: Context, asset: AssetMarket, route: Route, quantity: float, move_beta: float = 1.0
) -> tuple[Leg, float, float]:
    """A short leg with its round-trip fees and carry over the horizon."""
    traded, contracts = round_to_contracts(quantity, route.contract_size)
    notional = traded * asset.price_usd
    fees = 2 * trading_fee(context, asset, route, traded, contracts)
    carry = carry_cost(context, asset, route, notional)
    leg = Leg(
        symbol=asset.symbol,
        instrument=route.instrument,
        side=Side.SHORT,
        quantity=traded,
        notional_usd=notional,
        price_usd=asset.price_usd,
        contracts=contracts,
        contract_size=route.contract_size,
        funding_rate=route.funding_rate,
        funding_interval_hours=route.funding_interval_hours,
        venue=route.venues[0].name if route.venues else None,
        move_beta=move_beta,
    )
    return leg, fees, carry


def horizon_sigma(volatility: float, years: float) -> float:
    """One standard deviation of the return over the horizon."""
    return volatility * math.sqrt(years)
