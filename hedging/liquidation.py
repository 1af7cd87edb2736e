"""Where a short hedge gets liquidated, and how far away that is in % and in sigmas."""

from __future__ import annotations

import math
from typing import NamedTuple


class MarginTier(NamedTuple):
    """One row of a venue's maintenance-margin table, by position notional in USD."""

    floor_usd: float
    cap_usd: float
    maintenance_rate: float
    maintenance_amount: float  # Binance's "cum", which keeps the margin continuous across tiers


# Binance BTCUSDT USDⓈ-M tiers (2025, verify on the venue); used for every perpetual here.
BINANCE_BTCUSDT_TIERS: tuple[MarginTier, ...] = (
    MarginTier(0, 300_000, 0.004, 0),
    MarginTier(300_000, 800_000, 0.005, 300),
    MarginTier(800_000, 3_000_000, 0.0065, 1_500),
    MarginTier(3_000_000, 12_000_000, 0.01, 12_000),
)


def binance_isolated_short(
    entry_price: float,
    quantity: float,
    margin_usd: float,
    tiers: tuple[MarginTier, ...] = BINANCE_BTCUSDT_TIERS,
) -> float:
    """Liquidation price of an isolated one-way short: (WB + cum + Q·EP) / (Q·(1 + MMR)).

    The tier is the one that contains the position's notional at the liquidation price itself.
    """
    for tier in tiers:
        price = (margin_usd + tier.maintenance_amount + quantity * entry_price) / (
            quantity * (1 + tier.maintenance_rate)
        )
        if tier.floor_usd <= quantity * price < tier.cap_usd:
            return price
    last = tiers[-1]
    return (margin_usd + last.maintenance_amount + quantity * entry_price) / (
        quantity * (1 + last.maintenance_rate)
    )


def close_out_short(entry_price: float, leverage: float, maintenance_rate: float) -> float:
    """Price at which a short's equity falls to maintenance: EP·(1 + 1/L) / (1 + m)."""
    return entry_price * (1 + 1 / leverage) / (1 + maintenance_rate)


def cfd_close_out_short(entry_price: float, leverage: float, close_out_level: float = 0.5) -> float:
    """A CFD short is closed when losses eat (1 − level) of its margin (ESMA retail: level 50%)."""
    return entry_price * (1 + (1 - close_out_level) / leverage)


def distance_pct(entry_price: float, liquidation_price: float) -> float:
    """How far the price must rise to reach liquidation: 0.5 = +50%."""
    return liquidation_price / entry_price - 1


def distance_sigmas(
    entry_price: float, liquidation_price: float, volatility: float, years: float
) -> float:
    """The same distance in standard deviations of the log price over the horizon."""
    spread = volatility * math.sqrt(years)
    return math.log(liquidation_price / entry_price) / spread
