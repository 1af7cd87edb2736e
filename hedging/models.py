"""The core's vocabulary: what a person holds, what worries them, the market, and the plans."""

from __future__ import annotations

import math
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

MAX_NOTIONAL_USD = 1e12  # beyond this a size is a typo, not a portfolio


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


FiniteFloat = Annotated[float, AfterValidator(_finite)]
PositiveFloat = Annotated[float, Field(gt=0), AfterValidator(_finite)]
Fraction = Annotated[float, Field(ge=0, le=1), AfterValidator(_finite)]


class Model(BaseModel):
    """Base for every core model: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


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


class Instrument(StrEnum):
    PERPETUAL = "perpetual"
    QUARTERLY = "quarterly"
    OPTION = "option"
    CFD = "cfd"
    SHORT_SALE = "short_sale"  # borrow and sell the shares themselves


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
    horizon_days: Annotated[float, Field(ge=1, le=365), AfterValidator(_finite)] = 7
    event_at: datetime | None = None
    outlook: Outlook = Outlook.UNSURE
    max_cost_usd: PositiveFloat | None = None
    region: Region = Region.OTHER
    instruments: frozenset[Instrument] = frozenset(Instrument)


class PlanSettings(Model):
    """Knobs the person may set; None means the core chooses."""

    leverage: Annotated[float, Field(ge=1, le=125), AfterValidator(_finite)] = 2
    ratio: Annotated[float, Field(gt=0, le=1), AfterValidator(_finite)] | None = None
    taker_fee: Annotated[float, Field(ge=0, le=0.01), AfterValidator(_finite)] | None = None
    kinds: Annotated[frozenset[HedgeKind], Field(min_length=1)] = frozenset(HedgeKind)


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


class Costs(Model):
    """Positive when the person pays, negative when they receive."""

    fees_usd: float
    funding_usd: float
    premium_usd: float
    total_usd: float


class Scenario(Model):
    move: float  # -0.10 = a 10% fall at the horizon
    unhedged_pnl_usd: float
    hedged_pnl_usd: float  # price effects of spot and hedge, premium included
    net_pnl_usd: float  # after fees and funding


class OptionDetails(Model):
    strike_usd: float
    expiry_days: float
    implied_vol: float
    rate: float
    premium_per_unit_usd: float
    model: str  # "black-scholes" or "black-76"
    symbol: str = ""
    strike_pct: float = 0.0  # -0.05 = 5% below the price
    expiry: datetime | None = None
    contracts: float = 0.0
    contract_size: float = 0.0
    quantity: float = 0.0  # units protected after rounding to contracts
    premium_usd: float = 0.0
    fees_usd: float = 0.0
    delta: float = 0.0
    worst_case_loss_usd: float = 0.0  # spot falling to zero by expiry, premium and fees included
    breakeven_usd: float = 0.0  # price at expiry above which the hedged position is in profit


class CollarDetails(Model):
    """A put bought and paid for (partly or fully) by a call sold above the price."""

    put_strike_usd: float
    call_strike_usd: float
    call_premium_per_unit_usd: float
    net_premium_usd: float  # put premium minus call premium, positive = paid
    fees_usd: float
    capped_above_usd: float  # gains stop at this price
    scenarios: list[Scenario]


class CorrelationDetails(Model):
    proxy: str
    rho: float
    vol_asset: float
    vol_hedge: float
    hedge_ratio: float
    effectiveness: float
    residual_risk_usd: float  # one standard deviation of the hedged P&L over the horizon
    vol_portfolio_usd: float = 0.0  # one standard deviation of the unhedged P&L over the horizon
    proxy_beta: float = 0.0  # how much the proxy moves per 1 of the portfolio's move
    breakdown_rho: float = 0.3
    breakdown_scenarios: list[Scenario] = []
    contracts: dict[str, float] = {}  # e.g. {"ES": 4.8, "MES": 48}


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
