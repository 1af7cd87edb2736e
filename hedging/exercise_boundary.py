"""The early-exercise boundary of an American put, and the premium it is worth.

Andersen, Lake and Offengelt (2016): the boundary B(τ) is the fixed point of Kim's (1990)
equation written at the boundary itself, solved at Chebyshev nodes in √τ with Jacobi–Newton
steps; the premium is the interest earned on the strike, less the dividends given up, over every
moment the stock spends below B (Gauss–Legendre sums throughout). Everything is per unit of
strike, so one boundary serves every spot and strike with the same life, rate, yield and vol;
and B depends only on the time left, so a BoundaryBook serves a somewhat shorter life with the
same three off it too.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from operator import mul

from hedging.pricing import SQRT2

BOUNDARY_NODES = 4  # Chebyshev nodes in √τ beyond τ = 0, where B = X is known
FIXED_POINT_POINTS = 4  # Gauss–Legendre points for the integrals at each node
PREMIUM_POINTS = 10  # Gauss–Legendre points for the premium at the spot
FIXED_POINT_STEPS = 2  # a Jacobi–Newton step from the starting guess, then plain ones
# The shortest share of a solved life whose boundary starts a shorter life's fixed point; below it,
# BAW's guess is used again. Below about half, the few nodes said too little about the shorter life.
SHORTEST_READ = 0.6
INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)


def _gauss_legendre(count: int) -> list[tuple[float, float]]:
    """(node, weight) pairs on [−1, 1]: Newton's method on the Legendre polynomial P_count."""
    points = []
    for i in range(1, count + 1):
        x = math.cos(math.pi * (i - 0.25) / (count + 0.5))
        for _ in range(100):
            previous, value = 1.0, x
            for k in range(2, count + 1):
                previous, value = value, ((2 * k - 1) * x * value - (k - 1) * previous) / k
            slope = count * (x * value - previous) / (x * x - 1)
            step = value / slope
            x -= step
            if abs(step) < 1e-15:
                break
        points.append((x, 2 / ((1 - x * x) * slope * slope)))
    return sorted(points)


# Chebyshev–Lobatto nodes −cos(jπ/n), j = 0..n, and their barycentric weights
_NODES = tuple(-math.cos(j * math.pi / BOUNDARY_NODES) for j in range(BOUNDARY_NODES + 1))
_BARYCENTRIC = tuple(
    (-1) ** j * (0.5 if j in (0, BOUNDARY_NODES) else 1.0) for j in range(BOUNDARY_NODES + 1)
)


def _interpolation_weights(z: float) -> tuple[float, ...]:
    """Weights on the boundary's values at nodes 1..n that interpolate it at z ∈ [−1, 1]
    (barycentric form; node 0, τ = 0, carries a value of 0)."""
    for j, node in enumerate(_NODES):
        if abs(z - node) < 1e-13:
            return tuple(float(k == j) for k in range(1, BOUNDARY_NODES + 1))
    terms = [weight / (z - node) for weight, node in zip(_BARYCENTRIC, _NODES, strict=True)]
    total = sum(terms)
    return tuple(term / total for term in terms[1:])


@dataclass(frozen=True, slots=True)
class _Point:
    """A quadrature point, in fractions of the option's life T so that it serves every T."""

    at: float  # u / T: where the boundary is read (its time to expiry)
    lag: float  # (τ − u) / T, or t / T in the premium: how long the stock has to get there
    root_lag: float  # √lag
    weight: float  # quadrature weight, with the interval's length / T folded in
    boundary: tuple[float, ...]  # interpolation weights that read the boundary at u


@dataclass(frozen=True, slots=True)
class _Scheme:
    nodes: tuple[float, ...]  # τ_i / T
    # per node, ∫ from 0 to τ_i: (u / T, √lag, weight, interpolation weights) at each point
    fixed_point: tuple[tuple[tuple[float, float, float, tuple[float, ...]], ...], ...]
    premium: tuple[_Point, ...]  # ∫ over the option's life, in √t


@cache
def _scheme() -> _Scheme:
    """Where the fixed point and the premium read the boundary: built once, on first use."""
    roots = [(1 - math.cos(j * math.pi / BOUNDARY_NODES)) / 2 for j in range(1, BOUNDARY_NODES + 1)]
    fixed_point = []
    for root in roots:
        tau = root * root
        points = []
        for y, weight in _gauss_legendre(FIXED_POINT_POINTS):
            at = tau * (1 + y) / 2
            z = 2 * math.sqrt(at) - 1
            lag = tau - at
            weights = _interpolation_weights(z)
            points.append((at, math.sqrt(lag), weight * tau / 2, weights))
        fixed_point.append(tuple(points))
    premium = []
    for y, weight in _gauss_legendre(PREMIUM_POINTS):
        root_t = (1 + y) / 2  # t = T·root_t², so dt = T·root_t·dy
        lag = root_t * root_t
        z = 2 * math.sqrt(1 - lag) - 1
        weights = _interpolation_weights(z)
        premium.append(_Point(1 - lag, lag, root_t, weight * root_t, weights))
    return _Scheme(tuple(r * r for r in roots), tuple(fixed_point), tuple(premium))


@dataclass(frozen=True, slots=True)
class PutBoundary:
    """An American put's exercise boundary per unit of strike, and the premium's terms."""

    at_expiry: float  # B(T) / K: at or below it, exercise now
    # per premium point: (ln B/K, 1/(σ√(2t)), d₊·√2 less its ln term, σ√(t/2), interest, dividend)
    terms: tuple[tuple[float, float, float, float, float, float], ...]
    solved: SolvedBoundary  # what was solved, for a shorter life to read


@dataclass(frozen=True, slots=True)
class SolvedBoundary:
    """The fixed point's answer: B(τ) for τ in [0, years], as (ln(B/X))² at the nodes."""

    years: float
    rate: float
    dividend_yield: float
    vol: float
    cap: float  # X / K, B(0⁺)
    heights: tuple[float, ...]

    def guess(self, years: float) -> float:
        """B(τ)/K read off the nodes, for τ ≤ years: a start for a shorter life's fixed point."""
        return math.exp(
            self.log_boundary(_interpolation_weights(2 * math.sqrt(years / self.years) - 1))
        )

    def log_boundary(self, weights: tuple[float, ...]) -> float:
        """ln(B/K) where `weights` read the interpolant."""
        reach = sum(map(mul, weights, self.heights))
        return math.log(self.cap) - math.sqrt(max(reach, 0.0))


def put_boundary(
    years: float, rate: float, dividend_yield: float, vol: float, guess: Callable[[float], float]
) -> PutBoundary:
    """Solve B(τ) = K·e^(−(r−q)τ)·N(τ)/D(τ) at the nodes (ALO's fixed point, unit strike), where
    N = Φ(d₋(τ, B(τ))) + r∫₀^τ e^(ru)·Φ(d₋(τ − u, B(τ)/B(u))) du, and D likewise with d₊ and q,
    from `guess(τ)`, a rough B(τ)/K."""
    return _priced(_solve(years, rate, dividend_yield, vol, guess))


def _priced(solved: SolvedBoundary) -> PutBoundary:
    """The premium's terms over the solved life, B read at each premium point."""
    years, rate, dividend_yield, vol = solved.years, solved.rate, solved.dividend_yield, solved.vol
    sqrt, exp = math.sqrt, math.exp
    life_spread = vol * sqrt(years)
    scale = 1 / (life_spread * SQRT2)
    growth = ((rate - dividend_yield) * sqrt(years) / vol + 0.5 * life_spread) / SQRT2
    half = life_spread / SQRT2
    half_years = years / 2  # Φ = erfc/2
    log_cap = math.log(solved.cap)
    h1, h2, h3, h4 = solved.heights  # unrolled: sum(map(mul, ...)) cost three times as much
    terms = tuple(
        (
            log_cap - sqrt(max(w1 * h1 + w2 * h2 + w3 * h3 + w4 * h4, 0.0)),
            scale / point.root_lag,
            growth * point.root_lag,
            half * point.root_lag,
            point.weight * half_years * rate * exp(-rate * years * point.lag),
            point.weight * half_years * dividend_yield * exp(-dividend_yield * years * point.lag),
        )
        for point in _scheme().premium
        for w1, w2, w3, w4 in (point.boundary,)
    )
    at_expiry = solved.cap * math.exp(-math.sqrt(solved.heights[-1]))
    return PutBoundary(at_expiry, terms, solved)


def _solve(
    years: float, rate: float, dividend_yield: float, vol: float, guess: Callable[[float], float]
) -> SolvedBoundary:
    """The fixed point's iterations. What is interpolated is (ln(B/X))², smooth in √τ where B
    itself is not; its square root is ln(X/B), so reading ln B at a point takes a square root
    and no logarithm."""
    scheme = _scheme()
    carry = rate - dividend_yield
    cap = min(1.0, rate / dividend_yield) if dividend_yield > 0 else 1.0  # B(0⁺) = X / K
    ceiling = cap * (1 - 1e-12)
    heights = []  # (ln(B/X))² at the nodes
    for node in scheme.nodes:
        start = guess(node * years)
        start = min(start, ceiling) if math.isfinite(start) and start > 0 else 0.5 * cap
        heights.append(math.log(start / cap) ** 2)
    sqrt, erfc, exp, log = math.sqrt, math.erfc, math.exp, math.log
    # d₊(t, z)/√2 = ln z·scale/√(t/T) + growth·√(t/T), and σ√(t/2) = half·√(t/T)
    life_spread = vol * sqrt(years)
    scale = 1 / (life_spread * SQRT2)
    growth = (carry * sqrt(years) / vol + 0.5 * life_spread) / SQRT2
    half = life_spread / SQRT2
    half_years = years / 2  # Φ = erfc/2
    prepared = []  # what the integrals need at each point, worked out once for every step
    rate_years, yield_years = rate * years, dividend_yield * years
    for node, points in zip(scheme.nodes, scheme.fixed_point, strict=True):
        rows = [
            (
                w1,
                w2,
                w3,
                w4,
                scale / root_lag,
                growth * root_lag,
                half * root_lag,
                weight * half_years * exp(rate_years * at),
                weight * half_years * exp(yield_years * at),
            )
            for at, root_lag, weight, (w1, w2, w3, w4) in points
        ]
        tau = node * years
        prepared.append((tau, vol * sqrt(tau), exp(-carry * tau), rows))
    log_cap = log(cap)
    for step in range(FIXED_POINT_STEPS):
        h1, h2, h3, h4 = heights  # the reads unrolled: sum(map(mul, ...)) cost three times as much
        new_heights = []
        for (tau, spread, forward_factor, rows), height in zip(prepared, heights, strict=True):
            depth = sqrt(height)  # ln(X/B) at the node
            interest = dividends = 0.0
            for (
                w1,
                w2,
                w3,
                w4,
                inv_spread,
                drift,
                half_spread,
                rate_weight,
                dividend_weight,
            ) in rows:
                reach = w1 * h1 + w2 * h2 + w3 * h3 + w4 * h4
                x = (sqrt(reach) - depth if reach > 0 else -depth) * inv_spread + drift  # d₊/√2
                interest += rate_weight * erfc(half_spread - x)
                dividends += dividend_weight * erfc(-x)
            b = cap * exp(-depth)
            d_plus = (log_cap - depth + carry * tau) / spread + 0.5 * spread
            d_minus = d_plus - spread
            numerator = 0.5 * erfc(-d_minus / SQRT2) + rate * interest  # Φ(d₋) + r·∫
            denominator = 0.5 * erfc(-d_plus / SQRT2) + dividend_yield * dividends
            target = forward_factor * numerator / denominator if denominator > 0 else b
            if step == 0:  # Jacobi–Newton: f's slope from the terms outside the integrals
                slope = (forward_factor * INV_SQRT_2PI / (b * spread)) * (
                    exp(-0.5 * d_minus * d_minus) / denominator
                    - exp(-0.5 * d_plus * d_plus) * numerator / (denominator * denominator)
                )
                target = b + (target - b) / (1 - slope) if slope != 1 else target
            target = min(target, ceiling) if math.isfinite(target) and target > 0 else b
            new_heights.append(log(target / cap) ** 2)
        heights = new_heights
    return SolvedBoundary(years, rate, dividend_yield, vol, cap, tuple(heights))


def put_premium(boundary: PutBoundary, moneyness: float) -> float:
    """Early-exercise premium per unit strike at spot/strike = moneyness, above the boundary:
    ∫₀^T r·e^(−rt)·Φ(−d₋(t, S/B(T−t))) − q·(S/K)·e^(−qt)·Φ(−d₊(t, S/B(T−t))) dt."""
    log_moneyness = math.log(moneyness)
    erfc = math.erfc
    premium = 0.0
    for log_boundary, inv_spread, drift, half_spread, interest, dividends in boundary.terms:
        x = (log_moneyness - log_boundary) * inv_spread + drift  # d₊ / √2
        premium += interest * erfc(x - half_spread) - moneyness * dividends * erfc(x)
    return premium


class BoundaryBook:
    """The put boundaries solved while answering one request, by rate, yield and vol: a put with
    the same three and a life between SHORTEST_READ of the longest one solved and all of it
    starts its fixed point from that one's boundary, which saves BAW's guess (a Newton search at
    every node; a quarter of a solve). A scenario revalues the plan's put at the horizon, with
    what is left of its life. Pricing off the longer boundary as it stood was no faster, and was
    off a fresh solve by up to 0.14% where vol is low and rates high. Keep one book per request,
    never one per process: identical requests would then be answered without solving anything,
    and the book would grow with every market move."""

    def __init__(self) -> None:
        self._longest: dict[tuple[float, float, float], PutBoundary] = {}

    def put_boundary(
        self,
        years: float,
        rate: float,
        dividend_yield: float,
        vol: float,
        guess: Callable[[float], float],
    ) -> PutBoundary:
        """`put_boundary`, unless a boundary for at least this life is known already."""
        key = (rate, dividend_yield, vol)
        known = self._longest.get(key)
        if known is not None:
            solved_years = known.solved.years
            if years == solved_years:
                return known
            if SHORTEST_READ * solved_years <= years < solved_years:
                guess = known.solved.guess
        boundary = put_boundary(years, rate, dividend_yield, vol, guess)
        if known is None or years > known.solved.years:
            self._longest[key] = boundary
        return boundary
