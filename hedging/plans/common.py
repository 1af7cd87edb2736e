"""What every plan builder shares: the priced portfolio, the route a short takes, fees, funding."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from hedging.exercise_boundary import BoundaryBook
from hedging.models import (
    AssetClass,
    AssetMarket,
    Costs,
    FeeSchedule,
    HedgeRequest,
    Instrument,
    Leg,
    MarketSnapshot,
    PortfolioSummary,
    Position,
    Region,
    Scenario,
    Side,
    VenueRef,
)
from hedging.scenarios import scenarios_for

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

SHORT_SALE_MAINTENANCE = 0.30
FUTURE_MAINTENANCE = 0.05


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
    formula: str | None  # the venue's liquidation formula for a crypto future, else None
    annual_basis: float | None = None  # dated futures: ln(F/S)/T of the next quarterly
    expiry: datetime | None = None  # dated futures: the listed expiry traded
    roll_at: datetime | None = None  # set when the horizon outlives that expiry
    coin_margined: bool = False  # an inverse contract, margined in the coin


@dataclass(frozen=True, slots=True)
class Context:
    """A request with its market resolved: prices in force, horizon in years, and the clock."""

    request: HedgeRequest
    market: MarketSnapshot
    assets: dict[str, AssetMarket]  # prices as used (overrides applied)
    portfolio: PortfolioSummary
    now: datetime
    # lookups that depend only on the request and market, kept for this one recommendation
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)
    boundaries: BoundaryBook = field(default_factory=BoundaryBook, compare=False, repr=False)

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
    return basis_cost(notional, route.annual_basis or 0.0, context.horizon_days)


def basis_cost(notional: float, annual_basis: float, days: float) -> float:
    """What the basis costs a short over `days`: −notional × basis × days/365 (contango pays)."""
    return -notional * annual_basis * days / 365


SLIPPAGE_BOOK_SPAN = 0.01  # future_depth_usd is the depth within 1% of the price


def slippage(asset: AssetMarket, notional: float) -> float | None:
    """Open and close through the book: half the spread plus walking a linear book of the
    snapshot's depth, (1% x notional/depth)/2 on average; None without a depth figure."""
    if asset.future_depth_usd is None:
        return None
    walk = SLIPPAGE_BOOK_SPAN * notional / asset.future_depth_usd / 2
    return 2 * notional * (asset.future_half_spread + walk)


def short_costs(parts: list[tuple[Leg, float, float]]) -> Costs:
    """Costs of short legs (leg, fees, carry): carry is basis on dated futures, else funding."""
    basis = sum(c for leg, _, c in parts if leg.instrument is Instrument.QUARTERLY)
    funding = sum(c for leg, _, c in parts if leg.instrument is not Instrument.QUARTERLY)
    fees = sum(f for _, f, _ in parts)
    slipped = sum(leg.slippage_usd or 0.0 for leg, _, _ in parts)
    return Costs.validated(
        {
            "fees_usd": fees,
            "funding_usd": funding,
            "premium_usd": 0.0,
            "basis_usd": basis,
            "slippage_usd": slipped,
            "total_usd": fees + funding + basis + slipped,
        }
    )


def short_leg(
    context: Context,
    asset: AssetMarket,
    route: Route,
    quantity: float,
    move_beta: float = 1.0,
    liquidation_at: Callable[[float], float] | None = None,
) -> tuple[Leg, float, float]:
    """A short leg with its round-trip fees and carry over the horizon; `liquidation_at` gives
    the liquidation price for the quantity traded (after rounding to contracts)."""
    traded, contracts = round_to_contracts(quantity, route.contract_size)
    notional = traded * asset.price_usd
    fees = 2 * trading_fee(context, asset, route, traded, contracts)
    carry = carry_cost(context, asset, route, notional)
    leg = Leg.validated(
        {
            "symbol": asset.symbol,
            "instrument": route.instrument,
            "side": Side.SHORT,
            "quantity": traded,
            "notional_usd": notional,
            "price_usd": asset.price_usd,
            "contracts": contracts,
            "contract_size": route.contract_size,
            "funding_rate": route.funding_rate,
            "funding_interval_hours": route.funding_interval_hours,
            "venue": route.venues[0].name if route.venues else None,
            "move_beta": move_beta,
            "expiry": route.expiry,
            "annual_basis": route.annual_basis,
            "roll_at": route.roll_at,
            "slippage_usd": slippage(asset, notional) if route.formula or route.expiry else None,
            "coin_margined": route.coin_margined,
            "liquidation_price_usd": liquidation_at(traded)
            if liquidation_at and traded > 0
            else None,
        }
    )
    return leg, fees, carry


def horizon_sigma(volatility: float, years: float) -> float:
    """One standard deviation of the return over the horizon."""
    return volatility * math.sqrt(years)


def option_costs(premium: float, fees: float, spread: float) -> Costs:
    """Costs of option legs: the mid premium, the fees and the spread crossed, all in the total."""
    return Costs.validated(
        {
            "fees_usd": fees,
            "funding_usd": 0.0,
            "premium_usd": premium,
            "spread_usd": spread,
            "total_usd": premium + fees + spread,
        }
    )


def draft_scenarios(context: Context, legs: list[Leg], costs: Costs) -> list[Scenario]:
    """The scenario table of a plan, or of a variant (collar, put spread) that is not a plan of
    its own."""
    return scenarios_for(
        legs,
        costs,
        context.portfolio.value_usd,
        SCENARIO_MOVES,
        memo=context.memo,
        boundaries=context.boundaries,
    )
