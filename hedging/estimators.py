"""Volatility, correlation and beta from daily closes: the inputs of the minimum-variance hedge."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from datetime import date

from hedging.models import AssetClass, Model

CRYPTO_DAYS_PER_YEAR = 365  # crypto trades every day
STOCK_DAYS_PER_YEAR = 252  # exchange trading days

DailyCloses = Mapping[date, float]


class MinimumVarianceInputs(Model):
    """What the correlated hedge needs: h* = rho * vol_asset / vol_hedge, effectiveness rho^2."""

    rho: float
    vol_asset: float
    vol_hedge: float
    beta: float
    hedge_ratio: float
    effectiveness: float
    observations: int


def days_per_year(*asset_classes: AssetClass) -> int:
    """√365 when everything trades daily, √252 as soon as one leg only trades on exchange days."""
    if all(asset_class is AssetClass.CRYPTO for asset_class in asset_classes):
        return CRYPTO_DAYS_PER_YEAR
    return STOCK_DAYS_PER_YEAR


def log_returns(closes: Sequence[float]) -> list[float]:
    """ln(P_t / P_{t-1}) for consecutive closes; every close must be a positive finite number."""
    for close in closes:
        if not (math.isfinite(close) and close > 0):
            raise ValueError(f"a close must be a positive finite number, got {close!r}")
    return [math.log(later / earlier) for earlier, later in itertools.pairwise(closes)]


def annualised_volatility(returns: Sequence[float], periods_per_year: int) -> float:
    """Sample standard deviation of daily log returns, scaled by √(periods a year)."""
    if len(returns) < 2:
        raise ValueError("volatility needs at least two returns")
    return math.sqrt(_covariance(returns, returns) * periods_per_year)


def correlation(x: Sequence[float], y: Sequence[float]) -> float:
    """Pearson correlation of two equally long return series."""
    _check_pair(x, y)
    variance_x, variance_y = _covariance(x, x), _covariance(y, y)
    if variance_x == 0 or variance_y == 0:
        raise ValueError("correlation is undefined for a series that never moves")
    return max(-1.0, min(1.0, _covariance(x, y) / math.sqrt(variance_x * variance_y)))


def beta(asset: Sequence[float], benchmark: Sequence[float]) -> float:
    """OLS slope of the asset's returns on the benchmark's: cov(a, b) / var(b)."""
    _check_pair(asset, benchmark)
    variance = _covariance(benchmark, benchmark)
    if variance == 0:
        raise ValueError("beta is undefined against a benchmark that never moves")
    return _covariance(asset, benchmark) / variance


def aligned_returns(first: DailyCloses, second: DailyCloses) -> tuple[list[float], list[float]]:
    """Log returns of both series over the dates they share (a stock's trading days, say)."""
    common = sorted(first.keys() & second.keys())
    return (
        log_returns([first[day] for day in common]),
        log_returns([second[day] for day in common]),
    )


def volatility_from_closes(closes: DailyCloses, asset_class: AssetClass) -> float:
    """Annualised volatility of a dated close series, √365 for crypto and √252 otherwise."""
    returns = log_returns([closes[day] for day in sorted(closes)])
    return annualised_volatility(returns, days_per_year(asset_class))


def minimum_variance_inputs(
    asset: DailyCloses,
    hedge: DailyCloses,
    asset_class: AssetClass = AssetClass.CRYPTO,
    hedge_class: AssetClass = AssetClass.CRYPTO,
) -> MinimumVarianceInputs:
    """ρ, both volatilities, β and h* from closes aligned on the dates both traded."""
    asset_returns, hedge_returns = aligned_returns(asset, hedge)
    periods = days_per_year(asset_class, hedge_class)
    rho = correlation(asset_returns, hedge_returns)
    vol_asset = annualised_volatility(asset_returns, periods)
    vol_hedge = annualised_volatility(hedge_returns, periods)
    return MinimumVarianceInputs(
        rho=rho,
        vol_asset=vol_asset,
        vol_hedge=vol_hedge,
        beta=beta(asset_returns, hedge_returns),
        hedge_ratio=rho * vol_asset / vol_hedge,
        effectiveness=rho**2,
        observations=len(asset_returns),
    )


def _covariance(x: Sequence[float], y: Sequence[float]) -> float:
    """Sample covariance (n - 1), two-pass with exactly rounded sums."""
    mean_x, mean_y = math.fsum(x) / len(x), math.fsum(y) / len(y)
    return math.fsum((a - mean_x) * (b - mean_y) for a, b in zip(x, y, strict=True)) / (len(x) - 1)


def _check_pair(x: Sequence[float], y: Sequence[float]) -> None:
    if len(x) != len(y):
        raise ValueError(f"series differ in length ({len(x)} and {len(y)}): align them by date")
    if len(x) < 3:
        raise ValueError("at least three paired returns are needed")
