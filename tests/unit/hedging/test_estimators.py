"""The estimators agree with numpy and recover the parameters a synthetic series was drawn with."""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta

import numpy as np
import pytest

from hedging.estimators import (
    aligned_returns,
    annualised_volatility,
    beta,
    correlation,
    days_per_year,
    log_returns,
    minimum_variance_inputs,
    volatility_from_closes,
)
from hedging.models import AssetClass

START = date(2026, 1, 1)


def bivariate_returns(n: int, rho: float, vol_x: float, vol_y: float, seed: int) -> np.ndarray:
    """n daily return pairs with the given correlation and annualised (√365) volatilities."""
    daily = np.array([vol_x, vol_y]) / math.sqrt(365)
    covariance = np.array(
        [[daily[0] ** 2, rho * daily[0] * daily[1]], [rho * daily[0] * daily[1], daily[1] ** 2]]
    )
    return np.random.default_rng(seed).multivariate_normal([0.0, 0.0], covariance, size=n)


def closes_from(returns: np.ndarray, first_close: float) -> dict[date, float]:
    """A dated close series whose log returns are exactly `returns`."""
    path = first_close * np.exp(np.concatenate([[0.0], np.cumsum(returns)]))
    return {START + timedelta(days=i): float(close) for i, close in enumerate(path)}


def test_log_returns_equal_numpy_diff_of_logs() -> None:
    closes = [100.0, 105.0, 99.0, 120.5, 118.0]
    assert log_returns(closes) == pytest.approx(np.diff(np.log(closes)).tolist(), abs=1e-15)


@pytest.mark.parametrize("bad_close", [0.0, -5.0, math.nan, math.inf])
def test_log_returns_refuse_a_close_that_is_not_a_positive_number(bad_close: float) -> None:
    with pytest.raises(ValueError, match="positive finite"):
        log_returns([100.0, bad_close, 101.0])


@pytest.mark.parametrize("periods", [365, 252])
def test_volatility_equals_numpy_sample_std_times_root_periods(periods: int) -> None:
    returns = np.random.default_rng(1).normal(0.0, 0.02, size=90)
    expected = float(np.std(returns, ddof=1) * math.sqrt(periods))
    assert annualised_volatility(returns.tolist(), periods) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("true_vol", "seed"), [(0.50, 2), (0.17, 3), (0.80, 4)])
def test_volatility_recovers_the_sigma_a_series_was_drawn_with(true_vol: float, seed: int) -> None:
    n = 5000
    returns = np.random.default_rng(seed).normal(0.0, true_vol / math.sqrt(365), size=n)
    standard_error = true_vol / math.sqrt(2 * (n - 1))
    estimate = volatility_from_closes(closes_from(returns, 100.0), AssetClass.CRYPTO)
    assert abs(estimate - true_vol) < 4 * standard_error


def test_stock_volatility_is_annualised_by_root_252() -> None:
    closes = closes_from(np.random.default_rng(5).normal(0.0, 0.01, size=60), 400.0)
    crypto = volatility_from_closes(closes, AssetClass.CRYPTO)
    assert volatility_from_closes(closes, AssetClass.ETF) == pytest.approx(
        crypto * math.sqrt(252 / 365), rel=1e-12
    )


def test_correlation_equals_numpy_corrcoef() -> None:
    pairs = bivariate_returns(90, 0.6, 0.5, 0.7, seed=6)
    expected = float(np.corrcoef(pairs[:, 0], pairs[:, 1])[0, 1])
    assert correlation(pairs[:, 0].tolist(), pairs[:, 1].tolist()) == pytest.approx(
        expected, abs=1e-12
    )


@pytest.mark.parametrize(("rho", "seed"), [(0.8, 7), (0.3, 8), (-0.5, 9)])
def test_bivariate_normal_recovers_rho_within_sampling_error(rho: float, seed: int) -> None:
    n = 4000
    pairs = bivariate_returns(n, rho, 0.5, 0.65, seed)
    standard_error = (1 - rho**2) / math.sqrt(n - 1)
    estimate = correlation(pairs[:, 0].tolist(), pairs[:, 1].tolist())
    assert abs(estimate - rho) < 4 * standard_error


def test_beta_equals_the_numpy_least_squares_slope() -> None:
    pairs = bivariate_returns(250, 0.7, 0.3, 0.2, seed=10)
    slope = float(np.polyfit(pairs[:, 1], pairs[:, 0], 1)[0])
    assert beta(pairs[:, 0].tolist(), pairs[:, 1].tolist()) == pytest.approx(slope, rel=1e-10)


def test_minimum_variance_inputs_recover_the_drawn_parameters() -> None:
    n = 4000
    rho, vol_asset, vol_hedge = 0.8, 0.65, 0.50
    pairs = bivariate_returns(n, rho, vol_asset, vol_hedge, seed=11)
    inputs = minimum_variance_inputs(
        closes_from(pairs[:, 0], 3000.0), closes_from(pairs[:, 1], 1e5)
    )
    assert abs(inputs.rho - rho) < 4 * (1 - rho**2) / math.sqrt(n)
    assert abs(inputs.vol_asset - vol_asset) < 4 * vol_asset / math.sqrt(2 * n)
    assert abs(inputs.vol_hedge - vol_hedge) < 4 * vol_hedge / math.sqrt(2 * n)
    assert inputs.hedge_ratio == pytest.approx(inputs.rho * inputs.vol_asset / inputs.vol_hedge)
    assert inputs.hedge_ratio == pytest.approx(inputs.beta, rel=1e-9)
    assert inputs.effectiveness == pytest.approx(inputs.rho**2)
    assert inputs.observations == n


def test_crypto_against_a_stock_is_aligned_on_the_stocks_trading_days() -> None:
    crypto = {START + timedelta(days=i): 100.0 * 1.01**i for i in range(14)}
    stock_days = [d for d in crypto if d.weekday() < 5]
    stock = {d: 50.0 + i for i, d in enumerate(stock_days)}
    crypto_returns, stock_returns = aligned_returns(crypto, stock)
    expected_crypto = [
        math.log(crypto[later] / crypto[earlier])
        for earlier, later in itertools.pairwise(stock_days)
    ]
    assert crypto_returns == pytest.approx(expected_crypto, abs=1e-15)
    assert len(stock_returns) == len(stock_days) - 1
    assert days_per_year(AssetClass.CRYPTO, AssetClass.ETF) == 252


def test_days_per_year_is_365_only_when_every_leg_is_crypto() -> None:
    assert [
        days_per_year(AssetClass.CRYPTO),
        days_per_year(AssetClass.CRYPTO, AssetClass.CRYPTO),
        days_per_year(AssetClass.STOCK),
        days_per_year(AssetClass.CRYPTO, AssetClass.INDEX),
    ] == [365, 365, 252, 252]


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        ([0.01, 0.02, 0.03], [0.01, 0.02], "align them by date"),
        ([0.01, 0.02], [0.01, 0.02], "at least three"),
        ([0.01, 0.01, 0.01, 0.01], [0.01, 0.02, -0.01, 0.0], "never moves"),
    ],
)
def test_correlation_refuses_series_it_cannot_measure(
    x: list[float], y: list[float], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        correlation(x, y)


def test_beta_refuses_a_benchmark_that_never_moves() -> None:
    with pytest.raises(ValueError, match="never moves"):
        beta([0.01, 0.02, -0.01], [0.0, 0.0, 0.0])
