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

    model_config = ConfigDict(frozen=True, extra="forbid")


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
    kinds: frozenset[HedgeKind] = frozenset(HedgeKind)


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


class MarketSnapshot(Model):
    """Prices, volatilities, correlations and fees, with where and when they came from."""

    source: str
    as_of: datetime
    risk_free_rate: FiniteFloat = 0.04
    assets: dict[str, AssetMarket]
    correlations: dict[str, Annotated[float, Field(ge=-1, le=1)]] = {}  # "BTC/ETH" -> 0.8
    fees: FeeSchedule = FeeSchedule()
    note: str | None = None  # e.g. why a fallback was used


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


class CorrelationDetails(Model):
    proxy: str
    rho: float
    vol_asset: float
    vol_hedge: float
    hedge_ratio: float
    effectiveness: float
    residual_risk_usd: float


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


class PortfolioSummary(Model):
    value_usd: float
    holdings: list[Holding]  # with the prices actually used


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
