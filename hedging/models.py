"""The core's vocabulary: what a person holds, what worries them, the market, and the plans."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_serializer

from hedging.base import (
    FINITE,
    FiniteFloat,
    Fraction,
    FuturePreference,
    Instrument,
    MarginMode,
    Model,
    PositiveFloat,
    Scenario,
)
from hedging.plan_details import (
    CarryQuote,
    CollarDetails,
    CorrelationDetails,
    MarginOutcome,
    OptionDetails,
    PutSpreadDetails,
)

MAX_NOTIONAL_USD = 1e12  # beyond this a size is a typo, not a portfolio


class AssetClass(StrEnum):
    CRYPTO = "crypto"
    STOCK = "stock"
    ETF = "etf"
    INDEX = "index"


class Concern(StrEnum):
    FOMC = "fomc"
    CPI = "cpi"
    EARNINGS = "earnings"
    TOKEN_UNLOCK = "token_unlock"
    REGULATORY = "regulatory"
    GENERAL = "general"


class Outlook(StrEnum):
    BIG_DROP = "big_drop"  # expects a significant drop
    UNSURE = "unsure"  # no clear view, wants less risk
    INSURANCE = "insurance"  # wants defined-cost protection and to keep upside


class Region(StrEnum):
    US = "us"
    UK = "uk"
    EU = "eu"
    OTHER = "other"


class HedgeKind(StrEnum):
    FULL = "full"
    PARTIAL = "partial"
    OPTIONS = "options"
    CORRELATED = "correlated"


class Side(StrEnum):
    SHORT = "short"
    LONG = "long"
    BUY_PUT = "buy_put"
    SELL_CALL = "sell_call"
    SELL_PUT = "sell_put"  # the lower leg of a put spread


class Holding(Model):
    """One position the person already owns. Price None means: take it from the market."""

    symbol: Annotated[str, Field(min_length=1, max_length=12, pattern=r"^[A-Z0-9.\-]+$")]
    quantity: PositiveFloat
    price_usd: PositiveFloat | None = None
    asset_class: AssetClass | None = None
    value_usd: PositiveFloat | None = None  # "$500k SPY": the size was given in dollars


class Portfolio(Model):
    holdings: Annotated[list[Holding], Field(min_length=1, max_length=50)]


class Intent(Model):
    """Why and for how long the person wants protection."""

    concern: Concern = Concern.GENERAL
    horizon_days: Annotated[float, Field(ge=1, le=365), FINITE] = 7
    event_at: datetime | None = None
    outlook: Outlook = Outlook.UNSURE
    max_cost_usd: PositiveFloat | None = None
    region: Region = Region.OTHER
    instruments: frozenset[Instrument] = frozenset(Instrument)

    @field_serializer("instruments")
    def _instruments_in_order(self, instruments: frozenset[Instrument]) -> list[Instrument]:
        """In the enum's order: a set's own order changes with the hash seed, run to run."""
        return [instrument for instrument in Instrument if instrument in instruments]


class PlanSettings(Model):
    """Knobs the person may set; None means the core chooses."""

    leverage: Annotated[float, Field(ge=1, le=125), FINITE] = 2
    ratio: Annotated[float, Field(gt=0, le=1), FINITE] | None = None
    taker_fee: Annotated[float, Field(ge=0, le=0.01), FINITE] | None = None
    kinds: Annotated[frozenset[HedgeKind], Field(min_length=1)] = frozenset(HedgeKind)
    margin_mode: MarginMode = MarginMode.ISOLATED  # the mode the plan's headline figure uses
    wallet_usd: PositiveFloat | None = None  # cross-margin wallet; None = the plan's margin
    venue: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_\-]{1,20}$")] | None = None  # "bybit"
    instrument: FuturePreference | None = None  # None = the cheaper future for the horizon

    @field_serializer("kinds")
    def _kinds_in_order(self, kinds: frozenset[HedgeKind]) -> list[HedgeKind]:
        """In the enum's order, as instruments are."""
        return [kind for kind in HedgeKind if kind in kinds]


class HedgeRequest(Model):
    portfolio: Portfolio
    intent: Intent = Intent()
    settings: PlanSettings = PlanSettings()


class FeeSchedule(Model):
    """Fees as fractions of notional (0.0005 = 0.05%)."""

    maker: Fraction = 0.0002
    taker: Fraction = 0.0005
    option_rate: Fraction = 0.0003  # of the underlying per contract
    option_cap: Fraction = 0.125  # of the option's price
    stock_per_share_usd: Annotated[float, Field(ge=0)] = 0.005  # shares and CFDs on shares
    stock_min_usd: Annotated[float, Field(ge=0)] = 1.0  # per order
    future_per_contract_usd: Annotated[float, Field(ge=0)] = 2.25  # CME, per side
    stock_option_per_contract_usd: Annotated[float, Field(ge=0)] = 0.65
    stock_borrow_rate: Annotated[float, Field(ge=0, le=1)] = 0.0025  # a year, easy to borrow
    cfd_financing_markup: Annotated[float, Field(ge=0, le=1)] = 0.025  # a year, under the rate


class AssetMarket(Model):
    """What the market says about one symbol."""

    symbol: str
    asset_class: AssetClass
    price_usd: PositiveFloat
    volatility: PositiveFloat  # annualised, 0.5 = 50%
    implied_volatility: PositiveFloat | None = None
    funding_rate: FiniteFloat | None = None  # per interval; positive = longs pay shorts
    funding_interval_hours: Annotated[float, Field(gt=0, le=24)] | None = None
    beta: FiniteFloat | None = None  # against SPY
    dividend_yield: Fraction = 0.0
    option_contract_size: PositiveFloat | None = None  # 0.1 BTC on Deribit, 100 shares for SPY
    future_contract_size: PositiveFloat | None = (
        None  # smallest listed future (e.g. MES $5 x index)
    )
    name: str | None = None
    max_leverage: Annotated[float, Field(ge=1, le=150)] | None = None  # on its perpetual
    us_future_contract_size: PositiveFloat | None = None  # CME micro contract, if listed
    strike_step_usd: PositiveFloat | None = None
    price_source: str | None = None  # set when the price is not the snapshot's own
    price_as_of: datetime | None = None  # when the price differs in age from the snapshot
    option_expiries: list[datetime] = []  # listed on the options venue now (live data); else a grid
    annual_basis: FiniteFloat | None = None  # next quarterly: ln(F/S)/T, + = contango
    basis_as_of: datetime | None = None
    basis_source: str | None = None
    skew_slope: FiniteFloat = 0.0  # IV added per unit of −ln(K/F): puts below the money cost more
    skew_curvature: FiniteFloat = 0.0  # IV added per unit of ln(K/F)²
    option_spread: Fraction = 0.0  # bid-ask spread as a share of the option's mid price
    future_half_spread: Fraction = 0.0  # half the futures bid-ask, as a share of the price
    future_depth_usd: PositiveFloat | None = None  # book depth within 1% of the price, each side


class MarketSnapshot(Model):
    """Prices, volatilities, correlations and fees, with where and when they came from."""

    source: str
    as_of: datetime
    risk_free_rate: FiniteFloat = 0.04
    assets: dict[str, AssetMarket]
    correlations: dict[str, Annotated[float, Field(ge=-1, le=1)]] = {}  # "BTC/ETH" -> 0.8
    fees: FeeSchedule = FeeSchedule()
    note: str | None = None  # e.g. why a fallback was used
    references: list[str] = []  # where the figures come from


class Leg(Model):
    symbol: str
    instrument: Instrument
    side: Side
    quantity: float  # in units of the symbol (coins, shares, index points x multiplier)
    notional_usd: float
    price_usd: float
    contracts: float | None = None
    contract_size: float | None = None
    funding_rate: float | None = None
    funding_interval_hours: float | None = None
    strike_usd: float | None = None
    venue: str | None = None
    move_beta: float = 1.0  # the leg's underlying moves by move_beta x the portfolio's move
    expiry: datetime | None = None
    premium_usd: float | None = None  # total, paid (buy) or received (sell)
    premium_per_unit_usd: float | None = None
    implied_vol: float | None = None
    rate: float | None = None
    dividend_yield: float | None = None
    years_left_at_horizon: float | None = None
    option_model: str | None = None
    liquidation_price_usd: float | None = None
    annual_basis: float | None = None  # dated futures: the basis locked in by the short
    roll_at: datetime | None = None  # when the horizon outlives the future: roll it then
    slippage_usd: float | None = None  # futures: the round trip's estimated market impact
    coin_margined: bool = False  # an inverse contract, margined in the coin itself


class Costs(Model):
    """Positive when the person pays, negative when they receive; total_usd adds them all."""

    fees_usd: float
    funding_usd: float
    premium_usd: float  # options at the model's mid price
    total_usd: float
    basis_usd: float = 0.0  # dated futures: −notional x annual basis x days/365
    spread_usd: float = 0.0  # options bought at the ask (sold at the bid), beyond the mid
    slippage_usd: float = 0.0  # futures: market impact of the size, open and close


class VenueRef(Model):
    """A place where a plan's legs can be traded, for this region."""

    name: str
    product: str
    url: str | None = None
    note: str | None = None


class Plan(Model):
    kind: HedgeKind
    legs: list[Leg]
    hedge_ratio: float
    leverage: float
    margin_usd: float
    liquidation_price_usd: float | None = None
    costs: Costs
    scenarios: list[Scenario]
    options: OptionDetails | None = None
    correlation: CorrelationDetails | None = None
    available: bool = True  # False when nothing tradable fits the region and instruments
    horizon_days: float = 7
    venues: list[VenueRef] = []
    liquidation_symbol: str | None = None  # the leg nearest to liquidation, if several
    liquidation_distance_pct: float | None = None  # how far the price must rise, 0.5 = +50%
    liquidation_distance_sigmas: float | None = None  # the same in standard deviations
    upside_given_up_usd: float = 0.0  # gain forgone on a +10% move
    option_strikes: list[OptionDetails] = []  # every strike priced, the chosen one included
    collar: CollarDetails | None = None
    notes: list[str] = []
    margin_mode: MarginMode | None = None  # the mode of the headline liquidation figure
    margin_modes: list[MarginOutcome] = []  # every mode side by side, headline one included
    carry_quotes: list[CarryQuote] = []  # perpetual funding beside quarterly basis, per holding
    put_spread: PutSpreadDetails | None = None


class Position(Model):
    """A holding valued at the price the plan used, and where that price came from."""

    symbol: str
    asset_class: AssetClass
    quantity: float
    price_usd: float
    value_usd: float
    price_source: str  # "you" or the market snapshot's source
    price_as_of: datetime | None = None
    price_age_hours: float | None = None


class PortfolioSummary(Model):
    value_usd: float
    holdings: list[Holding]  # with the prices actually used
    positions: list[Position] = []


class MarketSummary(Model):
    source: str
    as_of: datetime
    note: str | None = None


class Recommendation(Model):
    recommended: HedgeKind
    reasons: list[str]
    portfolio: PortfolioSummary
    market: MarketSummary
    intent: Intent
    plans: list[Plan]  # ranked, best first; never hides an alternative
