"""American options on a stock or ETF with a continuous dividend yield.

`american` is Ju and Zhong's (1999) refinement of the Barone-Adesi–Whaley (1987) quadratic
approximation: the European price plus the early-exercise premium hA·(S/S*)^λ, divided by
(1 − χ), a correction for how that premium changes with time to expiry. It needs the same
Newton search for the critical price S* as BAW and nothing more, so it stays fast enough to
value every scenario; `barone_adesi_whaley` keeps the plain BAW price.

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


def barone_adesi_whaley(
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


NEGLIGIBLE_CARRY = 1e-3  # rate × years below which early exercise adds about 0.1% or less


def american(
    kind: OptionType,
    spot: float,
    strike: float,
    years: float,
    rate: float,
    vol: float,
    dividend_yield: float = 0.0,
) -> float:
    """Ju–Zhong price of an American option; never below intrinsic value.

    A call on a dividend payer is priced as the put it equals by McDonald–Schroder symmetry,
    C(S, K, r, q) = P(K, S, q, r): the put's formula stays well conditioned as r nears zero,
    where the call's own would divide by almost nothing."""
    if kind is OptionType.CALL and dividend_yield > 0:
        return american(OptionType.PUT, strike, spot, years, dividend_yield, vol, rate)
    european = black_scholes(kind, spot, strike, years, rate, vol, dividend_yield)
    put = kind is OptionType.PUT
    intrinsic = max(strike - spot, 0.0) if put else max(spot - strike, 0.0)
    if years <= 0 or vol <= 0 or spot <= 0 or not put or rate * years < NEGLIGIBLE_CARRY:
        # early exercise is worth (next to) nothing, and the formula below loses its footing
        return max(european, intrinsic)
    boundary = critical_price(kind, strike, years, rate, vol, dividend_yield)
    if spot <= boundary:  # at or below the critical price: exercise now
        return intrinsic
    variance = vol * vol * years
    root_v = math.sqrt(variance)
    alpha = 2 * rate / (vol * vol)
    beta = 2 * (rate - dividend_yield) / (vol * vol)
    h = -math.expm1(-rate * years)
    root = math.sqrt((beta - 1) ** 2 + 4 * alpha / h)
    lam = (-(beta - 1) - root) / 2
    lam_h = alpha / (h * h * root)  # dλ/dh
    forward = boundary * math.exp((rate - dividend_yield) * years)
    d1 = (math.log(forward / strike) + 0.5 * variance) / root_v
    d2 = d1 - root_v
    at_boundary = black_scholes(kind, boundary, strike, years, rate, vol, dividend_yield)
    premium = strike - boundary - at_boundary  # hA: exercise value less the European at S*
    # ∂V_E/∂h at S*: the European put's change with time to expiry, per unit of h
    european_h = (
        forward * _norm_pdf(d1) / (alpha * root_v)
        + forward * norm_cdf(-d1) * dividend_yield / rate
        - strike * norm_cdf(-d2)
    )
    denominator = 2 * lam + beta - 1
    b = (1 - h) * alpha * lam_h / (2 * denominator)
    c = -((1 - h) * alpha / denominator) * (european_h / premium + 1 / h + lam_h / denominator)
    log_ratio = math.log(spot / boundary)
    chi = log_ratio * (b * log_ratio + c)
    early_exercise = premium * (spot / boundary) ** lam / (1 - chi)
    # the right to exercise early is never worth less than nothing; near a zero rate the
    # approximation can say otherwise, and the European price is then the better answer
    return max(european + max(early_exercise, 0.0), intrinsic)
