"""Liquidation of a short hedge in each margin mode: isolated (per venue), cross and portfolio.

Formulas, as each venue publishes them for a one-way USDT-margined position:
- Binance: LP = (WB + cum + Q·EP) / (Q·(1 + MMR)) for a short; isolated WB = the position's
  margin, cross WB = the futures wallet. The tier is the one holding the notional at LP.
- Bybit: LP = EP ± (IM − MM)/Q (+ for a short), IM = Q·EP/L, MM = Q·EP·MMR − deduction; in cross
  the wallet stands in for IM.
- OKX: LP = (margin + Q·EP) / (Q·(1 + MMR + taker fee)) for a short.
- Portfolio / unified margin: the coin held is collateral at (1 − haircut) of its value, so for a
  1:1 hedge it gains what the short loses; liquidation is far away or never happens.
Tier tables and haircuts are 2025 levels (verify on the venue before relying on them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hedging.base import MarginMode
from hedging.liquidation import (
    BINANCE_BTCUSDT_TIERS,
    MarginTier,
    binance_isolated_short,
    distance_pct,
    distance_sigmas,
)
from hedging.plan_details import MarginOutcome

# Bybit BTCUSDT risk-limit tiers: MMR and the deduction that keeps MM continuous (verify)
BYBIT_BTCUSDT_TIERS: tuple[MarginTier, ...] = (
    MarginTier(0, 2_000_000, 0.005, 0),
    MarginTier(2_000_000, 10_000_000, 0.01, 10_000),
    MarginTier(10_000_000, 20_000_000, 0.015, 60_000),
    MarginTier(20_000_000, 40_000_000, 0.02, 160_000),
)
# OKX BTC-USDT-SWAP position tiers in USD (verify); OKX applies one MMR to the whole position
OKX_BTCUSDT_TIERS: tuple[MarginTier, ...] = (
    MarginTier(0, 500_000, 0.004, 0),
    MarginTier(500_000, 2_000_000, 0.006, 0),
    MarginTier(2_000_000, 6_000_000, 0.008, 0),
    MarginTier(6_000_000, 20_000_000, 0.012, 0),
)
GENERIC_MAINTENANCE = 0.005  # venues whose formula is not modelled: equity reaches 0.5%
FORMULAS = ("binance", "bybit", "okx")
# share of a coin's value not counted as collateral under portfolio/unified margin (verify)
MAJOR_HAIRCUT = 0.05  # BTC, ETH on Binance PM, Bybit UTA and OKX multi-currency
MINOR_HAIRCUT = 0.15  # other coins
MAJORS = frozenset({"BTC", "ETH"})
MARK_LAST_GAP = 0.005  # mark and last price can part by about this much in a fast market


def tier_for(tiers: tuple[MarginTier, ...], notional: float) -> MarginTier:
    """The tier whose bracket holds this notional (the last one beyond the table)."""
    return next((t for t in tiers if t.floor_usd <= notional < t.cap_usd), tiers[-1])


def bybit_liquidation(
    entry: float,
    quantity: float,
    margin_usd: float,
    *,
    short: bool = True,
    tiers: tuple[MarginTier, ...] = BYBIT_BTCUSDT_TIERS,
) -> float:
    """Bybit: EP ± (margin − MM)/Q, MM = Q·EP·MMR − deduction at the entry value's tier.

    `margin_usd` is IM plus any extra margin (isolated) or the wallet balance (cross).
    """
    tier = tier_for(tiers, quantity * entry)
    maintenance = quantity * entry * tier.maintenance_rate - tier.maintenance_amount
    move = (margin_usd - maintenance) / quantity
    return entry + move if short else entry - move


def okx_short(
    entry: float,
    quantity: float,
    margin_usd: float,
    taker_fee: float,
    tiers: tuple[MarginTier, ...] = OKX_BTCUSDT_TIERS,
) -> float:
    """OKX: (margin + Q·EP) / (Q·(1 + MMR + taker fee)); the closing fee counts as maintenance."""
    for tier in tiers:
        price = (margin_usd + quantity * entry) / (
            quantity * (1 + tier.maintenance_rate + taker_fee)
        )
        if tier.floor_usd <= quantity * price < tier.cap_usd:
            return price
    last = tiers[-1]
    return (margin_usd + quantity * entry) / (quantity * (1 + last.maintenance_rate + taker_fee))


def generic_short(entry: float, quantity: float, margin_usd: float, maintenance: float) -> float:
    """Equity (margin + Q·(EP − P)) reaches maintenance Q·P·m: (margin + Q·EP) / (Q·(1 + m))."""
    return (margin_usd + quantity * entry) / (quantity * (1 + maintenance))


def venue_short(formula: str, entry: float, quantity: float, margin: float, fee: float) -> float:
    """The short's liquidation price by the venue's own formula for this margin."""
    if formula == "binance":
        return binance_isolated_short(entry, quantity, margin, BINANCE_BTCUSDT_TIERS)
    if formula == "bybit":
        return bybit_liquidation(entry, quantity, margin)
    if formula == "okx":
        return okx_short(entry, quantity, margin, fee)
    return generic_short(entry, quantity, margin, GENERIC_MAINTENANCE)


def maintenance_rate(formula: str, notional: float) -> float:
    tiers = {"binance": BINANCE_BTCUSDT_TIERS, "bybit": BYBIT_BTCUSDT_TIERS}
    table = tiers.get(formula, OKX_BTCUSDT_TIERS if formula == "okx" else None)
    return GENERIC_MAINTENANCE if table is None else tier_for(table, notional).maintenance_rate


def portfolio_short(
    entry: float,
    short_quantity: float,
    coin_quantity: float,
    haircut: float,
    maintenance: float,
    usd_margin: float = 0.0,
) -> float | None:
    """Where equity = coin·P·(1 − h) + M + Qs·(EP − P) meets maintenance Qs·P·m, or None.

    Equity less maintenance is linear in P with slope coin·(1 − h) − Qs·(1 + m): when the
    counted coin grows at least as fast as the short loses, no rise ever liquidates it.
    """
    slope = short_quantity * (1 + maintenance) - coin_quantity * (1 - haircut)
    if slope <= 0:
        return None
    return (usd_margin + short_quantity * entry) / slope


def haircut_for(symbol: str, coin_margined: bool) -> float:
    """No haircut when the contract is margined in the coin itself (inverse), else the venue's."""
    if coin_margined:
        return 0.0
    return MAJOR_HAIRCUT if symbol in MAJORS else MINOR_HAIRCUT


@dataclass(frozen=True, slots=True)
class ShortExposure:
    """One short leg as margin sees it, with the holding it protects."""

    symbol: str
    entry: float
    quantity: float
    held_quantity: float
    margin_usd: float  # notional / leverage
    volatility: float
    formula: str  # "binance", "bybit", "okx" or "generic"
    coin_margined: bool = False


@dataclass(frozen=True, slots=True)
class LegLiquidation:
    """One leg's figure in one mode."""

    price: float | None
    distance: float | None
    sigmas: float | None
    wallet_usd: float
    haircut: float | None


def leg_liquidation(
    exposure: ShortExposure, mode: MarginMode, wallet_usd: float, taker_fee: float, years: float
) -> LegLiquidation:
    """The leg's liquidation in a mode; `wallet_usd` is its share of the cross wallet."""
    haircut: float | None = None
    if exposure.coin_margined:  # inverse: the margin is coin, worth more as the price rises
        haircut = 0.0
        coin = {
            MarginMode.ISOLATED: exposure.margin_usd / exposure.entry,
            MarginMode.CROSS: wallet_usd / exposure.entry,
            MarginMode.PORTFOLIO: exposure.held_quantity,
        }[mode]
        rate = maintenance_rate(exposure.formula, exposure.quantity * exposure.entry)
        price = portfolio_short(exposure.entry, exposure.quantity, coin, haircut, rate)
        wallet_usd = coin * exposure.entry
    elif mode is MarginMode.PORTFOLIO:
        haircut = haircut_for(exposure.symbol, exposure.coin_margined)
        rate = maintenance_rate(exposure.formula, exposure.quantity * exposure.entry)
        price = portfolio_short(
            exposure.entry, exposure.quantity, exposure.held_quantity, haircut, rate
        )
        wallet_usd = 0.0
    else:
        margin = exposure.margin_usd if mode is MarginMode.ISOLATED else wallet_usd
        wallet_usd = margin
        price = venue_short(exposure.formula, exposure.entry, exposure.quantity, margin, taker_fee)
    if price is None:
        return LegLiquidation(None, None, None, wallet_usd, haircut)
    return LegLiquidation(
        price,
        distance_pct(exposure.entry, price),
        distance_sigmas(exposure.entry, price, exposure.volatility, years),
        wallet_usd,
        haircut,
    )


MODE_NOTES = {
    MarginMode.ISOLATED: "Only the margin posted for this short protects it.",
    MarginMode.CROSS: "The short draws on the whole futures wallet of {wallet}; the coin you hold "
    "elsewhere does not count.",
    MarginMode.PORTFOLIO: "The coin you hold is posted as collateral (at {haircut} below its "
    "value), so it gains what the short loses.",
}
RANGE_NOTE = (
    " The venue triggers on its mark price and keeps back the closing fee, so its own calculator "
    "may show a figure up to {buffer:.1%} nearer."
)


def margin_outcomes(
    exposures: list[ShortExposure],
    taker_fee: float,
    years: float,
    wallet_usd: float | None = None,
) -> dict[MarginMode, tuple[MarginOutcome, list[LegLiquidation]]]:
    """Every mode side by side: the nearest leg's figure (in sigmas) and every leg's own.

    The cross wallet (the plan's margin unless given) is shared by notional across the legs.
    """
    total_margin = sum(e.margin_usd for e in exposures)
    wallet = wallet_usd if wallet_usd is not None else total_margin
    buffer = MARK_LAST_GAP + taker_fee
    # what every mode shares, worked out once
    shares = [wallet * e.margin_usd / total_margin if total_margin else wallet for e in exposures]
    wallet_text, range_note = f"${wallet:,.0f}", RANGE_NOTE.format(buffer=buffer)
    wallet_by_mode = {MarginMode.ISOLATED: total_margin, MarginMode.CROSS: wallet}
    result: dict[MarginMode, tuple[MarginOutcome, list[LegLiquidation]]] = {}
    for mode in MarginMode:
        legs = [
            leg_liquidation(e, mode, share, taker_fee, years)
            for e, share in zip(exposures, shares, strict=True)
        ]
        index = min(range(len(legs)), key=lambda i: _sort_key(legs[i]))
        nearest = legs[index]
        note = MODE_NOTES[mode].format(wallet=wallet_text, haircut=f"{nearest.haircut or 0.0:.0%}")
        note += " A rise in price never liquidates it." if nearest.price is None else range_note
        outcome = MarginOutcome.validated(
            {
                "mode": mode,
                "formula": exposures[index].formula,
                "wallet_usd": wallet_by_mode.get(mode, 0.0),
                "collateral_haircut": nearest.haircut,
                "liquidation_price_usd": nearest.price,
                "liquidation_low_usd": None
                if nearest.price is None
                else nearest.price * (1 - buffer),
                "liquidation_distance_pct": nearest.distance,
                "liquidation_distance_sigmas": nearest.sigmas,
                "note": note,
            }
        )
        result[mode] = (outcome, legs)
    return result


def _sort_key(leg: LegLiquidation) -> float:
    return math.inf if leg.sigmas is None else leg.sigmas
