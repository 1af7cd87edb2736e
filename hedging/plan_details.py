"""What a plan reports beside its legs: option strikes, collar, put spread, correlation, margin
modes side by side and the carry of each instrument."""

from __future__ import annotations

from datetime import datetime

from hedging.base import Instrument, MarginMode, Model, Scenario


class OptionDetails(Model):
    strike_usd: float
    expiry_days: float
    implied_vol: float
    rate: float
    premium_per_unit_usd: float
    model: str  # "black-scholes", "black-76" or "american" (hedging.american)
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
    ask_per_unit_usd: float = 0.0  # what a buyer pays: the model's mid plus half the spread
    spread_usd: float = 0.0  # paid above the mid for all contracts (ask − mid) x quantity
    premium_adjusted_delta: float | None = None  # coin-settled: delta less the premium in coin
    premium_coin: float | None = None  # the premium per unit quoted in the coin (Deribit)


class CollarDetails(Model):
    """A put bought and paid for (partly or fully) by a call sold above the price."""

    put_strike_usd: float
    call_strike_usd: float
    call_premium_per_unit_usd: float
    net_premium_usd: float  # put premium minus call premium, positive = paid
    fees_usd: float
    spread_usd: float = 0.0  # crossing the spread on both options
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


class PutSpreadDetails(Model):
    """A put bought and a lower put sold: cheaper than the put alone, protection only in a band."""

    long_strike_usd: float  # the floor: losses below it are covered...
    short_strike_usd: float  # ...until here; below it the holding loses again
    floor_usd: float
    gap_usd: float  # long − short strike: the most the spread pays per unit
    contracts: float
    contract_size: float
    quantity: float
    net_premium_usd: float  # long put premium minus short put premium (mid)
    spread_usd: float
    fees_usd: float
    max_payout_usd: float  # gap x quantity, reached at or below the short strike
    saving_vs_put_usd: float  # what it costs less than the plain put at the same floor
    rounding: str  # how the contract count was reached
    scenarios: list[Scenario]


class MarginOutcome(Model):
    """Where one margin mode would liquidate the plan's short, and how far away that is."""

    mode: MarginMode
    formula: str  # "binance", "bybit", "okx" or "generic" (equity reaches maintenance)
    wallet_usd: float  # USD the short can draw on in this mode
    collateral_haircut: float | None = None  # portfolio: share of the coin's value not counted
    liquidation_price_usd: float | None  # None: a rise never liquidates it
    liquidation_low_usd: float | None = None  # the near end of the range (mark vs last, fees)
    liquidation_distance_pct: float | None  # 0.5 = the price must rise 50%
    liquidation_distance_sigmas: float | None
    note: str


class CarryQuote(Model):
    """What shorting through one instrument costs over the horizon (+ = you pay)."""

    instrument: Instrument
    venue: str | None
    annual_rate: float  # funding received by a short a year, or the annualised basis
    funding_usd: float
    basis_usd: float
    fees_usd: float
    slippage_usd: float
    total_usd: float
    chosen: bool = False
