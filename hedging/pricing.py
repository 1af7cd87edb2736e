"""European option prices: Black-Scholes-Merton on a spot, Black-76 on a future or forward."""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import StrEnum

SQRT2 = math.sqrt(2.0)


class OptionType(StrEnum):
    CALL = "call"
    PUT = "put"


def norm_cdf(x: float) -> float:
    """Standard normal cumulative distribution, via erfc so both tails stay accurate."""
    return 0.5 * math.erfc(-x / SQRT2)


def _intrinsic(kind: OptionType, underlying: float, strike: float) -> float:
    if kind is OptionType.PUT:
        return max(strike - underlying, 0.0)
    return max(underlying - strike, 0.0)


def _d1_d2(forward: float, strike: float, years: float, vol: float) -> tuple[float, float]:
    spread = vol * math.sqrt(years)
    d1 = (math.log(forward / strike) + 0.5 * spread * spread) / spread
    return d1, d1 - spread


def black76(
    kind: OptionType, forward: float, strike: float, years: float, rate: float, vol: float
) -> float:
    """Price of a European option on a future/forward F: e^(-rT)·[F·N(d1) − K·N(d2)] for a call."""
    discount = math.exp(-rate * years) if years > 0 else 1.0
    if years <= 0 or vol <= 0 or forward <= 0:
        return discount * _intrinsic(kind, forward, strike)
    d1, d2 = _d1_d2(forward, strike, years, vol)
    if kind is OptionType.CALL:
        return discount * (forward * norm_cdf(d1) - strike * norm_cdf(d2))
    return discount * (strike * norm_cdf(-d2) - forward * norm_cdf(-d1))


def black76_many(
    kind: OptionType, forwards: list[float], strike: float, years: float, rate: float, vol: float
) -> list[float]:
    """black76 at many forwards: the same arithmetic, with what they share worked out once."""
    discount = math.exp(-rate * years) if years > 0 else 1.0
    if years <= 0 or vol <= 0:
        return [discount * _intrinsic(kind, forward, strike) for forward in forwards]
    spread = vol * math.sqrt(years)
    half_variance = 0.5 * spread * spread
    erfc, log = math.erfc, math.log
    prices = []
    for forward in forwards:
        if forward <= 0:
            prices.append(discount * _intrinsic(kind, forward, strike))
            continue
        d1 = (log(forward / strike) + half_variance) / spread
        d2 = d1 - spread
        if kind is OptionType.CALL:  # norm_cdf(x) = 0.5·erfc(−x/√2), written out
            prices.append(
                discount
                * (forward * (0.5 * erfc(-d1 / SQRT2)) - strike * (0.5 * erfc(-d2 / SQRT2)))
            )
        else:
            prices.append(
                discount * (strike * (0.5 * erfc(d2 / SQRT2)) - forward * (0.5 * erfc(d1 / SQRT2)))
            )
    return prices


def black_scholes(
    kind: OptionType,
    spot: float,
    strike: float,
    years: float,
    rate: float,
    vol: float,
    dividend_yield: float = 0.0,
) -> float:
    """Black-Scholes-Merton price with a continuous dividend (or carry) yield q."""
    if years <= 0 or vol <= 0 or spot <= 0:
        forward = spot * math.exp((rate - dividend_yield) * max(years, 0.0))
        return math.exp(-rate * max(years, 0.0)) * _intrinsic(kind, forward, strike)
    d1, d2 = _d1_d2(spot * math.exp((rate - dividend_yield) * years), strike, years, vol)
    carried_spot = spot * math.exp(-dividend_yield * years)
    discounted_strike = strike * math.exp(-rate * years)
    if kind is OptionType.CALL:
        return carried_spot * norm_cdf(d1) - discounted_strike * norm_cdf(d2)
    return discounted_strike * norm_cdf(-d2) - carried_spot * norm_cdf(-d1)


def black_scholes_many(
    kind: OptionType,
    spots: Sequence[float],
    strike: float,
    years: float,
    rate: float,
    vol: float,
    dividend_yield: float = 0.0,
) -> list[float]:
    """black_scholes at many spots: the same arithmetic, with the discounting and the spread
    that every spot shares worked out once."""
    if years <= 0 or vol <= 0:
        return [black_scholes(kind, s, strike, years, rate, vol, dividend_yield) for s in spots]
    grow = math.exp((rate - dividend_yield) * years)
    carry = math.exp(-dividend_yield * years)
    discounted_strike = strike * math.exp(-rate * years)
    spread = vol * math.sqrt(years)
    half_variance = 0.5 * spread * spread
    erfc, log = math.erfc, math.log
    call = kind is OptionType.CALL
    prices = []
    for spot in spots:
        if spot <= 0:
            prices.append(black_scholes(kind, spot, strike, years, rate, vol, dividend_yield))
            continue
        d1 = (log(spot * grow / strike) + half_variance) / spread
        d2 = d1 - spread
        carried_spot = spot * carry
        if call:  # norm_cdf(x) = 0.5·erfc(−x/√2), written out
            prices.append(
                carried_spot * (0.5 * erfc(-d1 / SQRT2))
                - discounted_strike * (0.5 * erfc(-d2 / SQRT2))
            )
        else:
            prices.append(
                discounted_strike * (0.5 * erfc(d2 / SQRT2))
                - carried_spot * (0.5 * erfc(d1 / SQRT2))
            )
    return prices


def black_scholes_delta(
    kind: OptionType,
    spot: float,
    strike: float,
    years: float,
    rate: float,
    vol: float,
    dividend_yield: float = 0.0,
) -> float:
    """dPrice/dSpot: e^(−qT)·N(d1) for a call, −e^(−qT)·N(−d1) for a put."""
    if years <= 0 or vol <= 0:
        in_the_money = spot < strike if kind is OptionType.PUT else spot > strike
        if not in_the_money:
            return 0.0
        return -1.0 if kind is OptionType.PUT else 1.0
    d1, _ = _d1_d2(spot * math.exp((rate - dividend_yield) * years), strike, years, vol)
    carry = math.exp(-dividend_yield * years)
    if kind is OptionType.CALL:
        return carry * norm_cdf(d1)
    return -carry * norm_cdf(-d1)
