"""American options on a stock or ETF with a continuous dividend yield: the Barone-Adesi–Whaley
(1987) quadratic approximation, the European price plus an early-exercise premium.

Carry b = r − q. A put's early exercise is worth something whenever r > 0; a call's only when
b < r (the stock pays a dividend). Below the put's critical price S* (above the call's) the
option is worth its intrinsic value.
"""

from __future__ import annotations

import math

from hedging.pricing import OptionType, black_scholes, norm_cdf

MAX_ITERATIONS = 50
TOLERANCE = 1e-7  # on the critical price's defining equation, relative to the strike


def _norm_pdf(x: float) -> float:
    return math.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


def _d1(spot: float, strike: float, years: float, carry: float, vol: float) -> float:
    return (math.log(spot / strike) + (carry + 0.5 * vol * vol) * years) / (vol * math.sqrt(years))


def _q(carry: float, rate: float, vol: float, years: float, sign: int) -> tuple[float, float]:
    """(q for the seed, q for the solution): the roots of BAW's quadratic, − for puts, + calls."""
    n = 2 * carry / (vol * vol)
    m = 2 * rate / (vol * vol)
    # M/K with K = 1 − e^(−rT); its limit as r → 0 is 2/(σ²T)
    tiny = rate * years < 1e-12
    m_over_k = 2 / (vol * vol * years) if tiny else m / -math.expm1(-rate * years)
    seed = (-(n - 1) + sign * math.sqrt((n - 1) ** 2 + 4 * m)) / 2
    return seed, (-(n - 1) + sign * math.sqrt((n - 1) ** 2 + 4 * m_over_k)) / 2


def critical_price(
    kind: OptionType, strike: float, years: float, rate: float, vol: float, dividend_yield: float
) -> float:
    """S*: where holding the option is worth the same as exercising it (Newton, Haug's seed)."""
    carry = rate - dividend_yield
    put = kind is OptionType.PUT
    seed_q, q = _q(carry, rate, vol, years, -1 if put else 1)
    root_t = vol * math.sqrt(years)
    grow = math.exp((carry - rate) * years)
    infinite = strike / (1 - 1 / seed_q)  # the perpetual option's boundary
    if put:
        spot = infinite + (strike - infinite) * math.exp(
            (carry * years - 2 * root_t) * strike / (strike - infinite)
        )
    else:
        spot = strike + (infinite - strike) * (
            1 - math.exp(-(carry * years + 2 * root_t) * strike / (infinite - strike))
        )
    for _ in range(MAX_ITERATIONS):
        d1 = _d1(spot, strike, years, carry, vol)
        european = black_scholes(kind, spot, strike, years, rate, vol, dividend_yield)
        if put:
            lhs = strike - spot
            rhs = european - (1 - grow * norm_cdf(-d1)) * spot / q
            slope = -grow * norm_cdf(-d1) * (1 - 1 / q) - (1 + grow * _norm_pdf(-d1) / root_t) / q
            if abs(lhs - rhs) / strike < TOLERANCE:
                break
            spot = (strike - rhs + slope * spot) / (1 + slope)
        else:
            lhs = spot - strike
            rhs = european + (1 - grow * norm_cdf(d1)) * spot / q
            slope = grow * norm_cdf(d1) * (1 - 1 / q) + (1 - grow * _norm_pdf(d1) / root_t) / q
            if abs(lhs - rhs) / strike < TOLERANCE:
                break
            spot = (strike + rhs - slope * spot) / (1 - slope)
    return spot


def american(
    kind: OptionType,
    spot: float,
    strike: float,
    years: float,
    rate: float,
    vol: float,
    dividend_yield: float = 0.0,
) -> float:
    """Barone-Adesi–Whaley price of an American option; never below intrinsic value."""
    european = black_scholes(kind, spot, strike, years, rate, vol, dividend_yield)
    put = kind is OptionType.PUT
    intrinsic = max(strike - spot, 0.0) if put else max(spot - strike, 0.0)
    carry = rate - dividend_yield
    worth = rate if put else rate - carry  # what waiting costs: interest (put), dividends (call)
    no_early_exercise = worth * years < 1e-9
    if years <= 0 or vol <= 0 or spot <= 0 or no_early_exercise:
        return max(european, intrinsic)
    boundary = critical_price(kind, strike, years, rate, vol, dividend_yield)
    _, q = _q(carry, rate, vol, years, -1 if put else 1)
    d1 = _d1(boundary, strike, years, carry, vol)
    grow = math.exp((carry - rate) * years)
    if put:
        if spot <= boundary:
            return intrinsic
        premium = -(boundary / q) * (1 - grow * norm_cdf(-d1))
    else:
        if spot >= boundary:
            return intrinsic
        premium = (boundary / q) * (1 - grow * norm_cdf(d1))
    return max(european + premium * (spot / boundary) ** q, intrinsic)
