"""American options on a stock or ETF with a continuous dividend yield.

`american` follows Andersen, Lake and Offengelt (2016): an American put is the European put plus
an early-exercise premium read off the exercise boundary (hedging/exercise_boundary.py), which is
solved from Barone-Adesi–Whaley's critical price as a starting guess. Over the issue's domain it
is within about 0.05% of QuantLib's own ALO engine at its most accurate
(benchmarks/american_accuracy.py has the figures against the finite-difference and binomial
engines). Where a cheap upper bound shows early exercise cannot add NEGLIGIBLE_PREMIUM of the
price, the European price is the answer and no boundary is solved.

The boundary depends on neither the spot nor, once divided by the strike, the strike, so
`american_many` solves it once for many spots. `barone_adesi_whaley` keeps the plain quadratic
approximation (BAW 1987).

Carry b = r − q. A put's early exercise is worth something whenever r > 0; a call's only when
b < r (the stock pays a dividend). Below the put's critical price S* (above the call's) the
option is worth its intrinsic value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from hedging.exercise_boundary import (
    INV_SQRT_2PI,
    BoundaryBook,
    PutBoundary,
    put_boundary,
    put_premium,
)
from hedging.pricing import SQRT2, OptionType, black_scholes, black_scholes_many, norm_cdf

MAX_ITERATIONS = 50
TOLERANCE = 1e-7  # on the critical price's defining equation, relative to the strike


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
    kind: OptionType,
    strike: float,
    years: float,
    rate: float,
    vol: float,
    dividend_yield: float,
    tolerance: float = TOLERANCE,
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
    # the European price and its d1 written out: this loop is most of the boundary's start
    discount = math.exp(-rate * years)
    drift = (carry + 0.5 * vol * vol) * years
    log, erfc, exp = math.log, math.erfc, math.exp
    for _ in range(MAX_ITERATIONS):
        d1 = (log(spot / strike) + drift) / root_t
        density = exp(-0.5 * d1 * d1) * INV_SQRT_2PI
        if put:
            below = 0.5 * erfc(d1 / SQRT2)  # N(−d1)
            european = strike * discount * 0.5 * erfc((d1 - root_t) / SQRT2) - spot * grow * below
            lhs = strike - spot
            rhs = european - (1 - grow * below) * spot / q
            slope = -grow * below * (1 - 1 / q) - (1 + grow * density / root_t) / q
            if abs(lhs - rhs) / strike < tolerance:
                break
            spot = (strike - rhs + slope * spot) / (1 + slope)
        else:
            above = 0.5 * erfc(-d1 / SQRT2)  # N(d1)
            european = spot * grow * above - strike * discount * 0.5 * erfc((root_t - d1) / SQRT2)
            lhs = spot - strike
            rhs = european + (1 - grow * above) * spot / q
            slope = grow * above * (1 - 1 / q) + (1 - grow * density / root_t) / q
            if abs(lhs - rhs) / strike < tolerance:
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


# Where the put's early exercise is certainly worth less than this share of its European price
# (an upper bound, see _premium_bound), the European price is the American one.
NEGLIGIBLE_PREMIUM = 1e-4


START_TOLERANCE = 1e-5  # on BAW's critical price as the fixed point's start: 0.001% of K


def _baw_start(rate: float, dividend_yield: float, vol: float) -> Callable[[float], float]:
    """The fixed point's starting guess: BAW's critical put price per unit strike. A rougher
    start (a single Newton step from Haug's seed) left the fixed point oscillating when r ≈ q."""

    def start(years: float) -> float:
        return critical_price(
            OptionType.PUT, 1.0, years, rate, vol, dividend_yield, START_TOLERANCE
        )

    return start


def _premium_bound(
    years: float, rate: float, dividend_yield: float, vol: float
) -> Callable[[float], float]:
    """An upper bound on the put's early-exercise premium per unit strike, by moneyness S/K:
    interest on the strike for the whole life, times the highest chance along the way that the
    stock is below X = K·min(1, r/q), which no boundary exceeds. What every spot shares is
    worked out once."""
    interest = -math.expm1(-rate * years)
    barrier = max(dividend_yield / rate, 1.0) if rate > 0 else 1.0
    drift = rate - dividend_yield - 0.5 * vol * vol

    def bound(moneyness: float) -> float:
        distance = math.log(moneyness * barrier)
        if distance <= 0:
            return interest
        at = years if drift <= 0 else min(years, distance / drift)  # where d₋(t, S/X) is least
        return interest * norm_cdf(-(distance + drift * at) / (vol * math.sqrt(at)))

    return bound


def american_many(
    kind: OptionType,
    spots: Sequence[float],
    strike: float,
    years: float,
    rate: float,
    vol: float,
    dividend_yield: float = 0.0,
    boundaries: BoundaryBook | None = None,
) -> list[float]:
    """`american` at many spots: the exercise boundary is worked out once, if any spot needs it,
    or read from `boundaries` when they hold it.

    A call on a dividend payer is priced as the put it equals by McDonald–Schroder symmetry,
    C(S, K, r, q) = P(K, S, q, r): spot and strike change places, and so do r and q."""
    call = kind is OptionType.CALL
    put_rate, put_yield = (dividend_yield, rate) if call else (rate, dividend_yield)
    boundary: PutBoundary | None = None
    europeans = black_scholes_many(kind, spots, strike, years, rate, vol, dividend_yield)
    early = years > 0 and vol > 0 and strike > 0 and put_rate > 0
    bound = _premium_bound(years, put_rate, put_yield, vol) if early else None
    prices = []
    for spot, european in zip(spots, europeans, strict=True):
        intrinsic = max(spot - strike, 0.0) if call else max(strike - spot, 0.0)
        if bound is None or spot <= 0:
            prices.append(max(european, intrinsic))  # never exercised early (r ≤ 0) or no time
            continue
        unit, moneyness = (spot, strike / spot) if call else (strike, spot / strike)
        if unit * bound(moneyness) <= NEGLIGIBLE_PREMIUM * european:
            prices.append(max(european, intrinsic))
            continue
        if boundary is None:
            start = _baw_start(put_rate, put_yield, vol)
            solve = put_boundary if boundaries is None else boundaries.put_boundary
            boundary = solve(years, put_rate, put_yield, vol, start)
        if moneyness <= boundary.at_expiry:  # at or beyond the critical price: exercise now
            prices.append(max(european, intrinsic))
            continue
        premium = unit * max(put_premium(boundary, moneyness), 0.0)
        prices.append(max(european + premium, intrinsic))
    return prices


def american(
    kind: OptionType,
    spot: float,
    strike: float,
    years: float,
    rate: float,
    vol: float,
    dividend_yield: float = 0.0,
    boundaries: BoundaryBook | None = None,
) -> float:
    """Price of an American option on a stock or ETF; never below intrinsic value."""
    return american_many(kind, [spot], strike, years, rate, vol, dividend_yield, boundaries)[0]
