"""American prices for share and ETF options against QuantLib's American engines."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hedging.american import american, american_many, barone_adesi_whaley, critical_price
from hedging.pricing import OptionType, black_scholes
from tests.unit.hedging.quantlib_reference import quantlib_american

inputs = st.tuples(
    st.sampled_from([OptionType.PUT, OptionType.CALL]),
    st.floats(20, 700),  # spot
    st.floats(0.8, 1.2),  # strike / spot
    st.integers(3, 365),  # days to expiry
    st.floats(0.0, 0.07),  # rate
    st.floats(0.1, 0.8),  # volatility
    st.floats(0.0, 0.04),  # dividend yield
)


MEANINGFUL = 0.01  # of the spot: below it a relative error is a matter of a few cents
AGREEMENT = 0.005


@settings(max_examples=100, deadline=None)
@given(inputs)
def test_american_prices_agree_with_quantlibs_finite_difference_engine_within_0_5_percent(
    case,
):
    """Against a fine grid (800 x 800) on random inputs, for options worth at least 1% of the
    spot (benchmarks/american_accuracy.py runs thousands of draws against both engines)."""
    kind, spot, moneyness, days, rate, vol, dividend_yield = case
    strike = spot * moneyness
    expected = quantlib_american(kind, spot, strike, days, rate, vol, dividend_yield, "fd")
    price = american(kind, spot, strike, days / 365, rate, vol, dividend_yield)

    if expected >= MEANINGFUL * spot:
        assert price == pytest.approx(expected, rel=AGREEMENT)
    assert price >= black_scholes(kind, spot, strike, days / 365, rate, vol, dividend_yield) - 1e-9


@settings(max_examples=60, deadline=None)
@given(inputs)
def test_american_prices_agree_with_quantlibs_binomial_engine_within_0_5_percent(case):
    kind, spot, moneyness, days, rate, vol, dividend_yield = case
    strike = spot * moneyness
    expected = quantlib_american(kind, spot, strike, days, rate, vol, dividend_yield, "binomial")
    price = american(kind, spot, strike, days / 365, rate, vol, dividend_yield)

    if expected >= MEANINGFUL * spot:
        assert price == pytest.approx(expected, rel=AGREEMENT)


@settings(max_examples=100, deadline=None)
@given(inputs)
def test_the_american_price_is_andersen_lake_offengelts_as_quantlib_computes_it_within_0_1_percent(
    case,
):
    """The method itself, against QuantLib's ALO engine at its most accurate: the pricer's few
    nodes and steps cost well under 0.1% of the price."""
    kind, spot, moneyness, days, rate, vol, dividend_yield = case
    strike = spot * moneyness
    expected = quantlib_american(kind, spot, strike, days, rate, vol, dividend_yield, "alo")
    price = american(kind, spot, strike, days / 365, rate, vol, dividend_yield)

    assert price == pytest.approx(expected, rel=1e-3, abs=1e-6 * spot)


@settings(max_examples=200, deadline=None)
@given(inputs)
def test_early_exercise_adds_at_most_the_interest_on_what_exercise_receives(case):
    """A put's premium over the European is at most K(1 − e^(−rT)), a call's S(1 − e^(−qT))."""
    kind, spot, moneyness, days, rate, vol, dividend_yield = case
    strike, years = spot * moneyness, days / 365
    european = black_scholes(kind, spot, strike, years, rate, vol, dividend_yield)
    price = american(kind, spot, strike, years, rate, vol, dividend_yield)
    received, carry = (strike, rate) if kind is OptionType.PUT else (spot, dividend_yield)

    assert european - 1e-9 <= price <= european + received * -math.expm1(-carry * years) + 1e-9


def test_one_boundary_prices_many_spots_as_it_prices_each():
    spots = [60.0, 80.0, 95.0, 100.0, 105.0, 130.0]
    for kind in OptionType:
        many = american_many(kind, spots, 100.0, 0.5, 0.05, 0.25, 0.03)

        assert many == [american(kind, spot, 100.0, 0.5, 0.05, 0.25, 0.03) for spot in spots]


def test_a_three_day_call_with_the_rate_equal_to_the_yield_is_not_exercised_at_once():
    """Hypothesis found it: from a rough start, the boundary's fixed point oscillated for r = q
    and put this call beyond its critical price."""
    case = (OptionType.CALL, 20.0, 18.75, 3, 0.015625, 0.25, 0.015625)
    expected = quantlib_american(*case, "fd")
    kind, spot, strike, days, rate, vol, dividend_yield = case

    assert expected > spot - strike
    assert american(kind, spot, strike, days / 365, rate, vol, dividend_yield) == pytest.approx(
        expected, rel=AGREEMENT
    )


def test_a_short_dated_call_in_the_money_on_a_dividend_payer_is_worth_its_early_exercise():
    """Ten days, a 3.6% yield and a rate under 1%: early exercise adds 1.3% to the European price,
    which a rule of "no early exercise where rate × years is small" used to miss."""
    case = (OptionType.CALL, 332.35, 326.4, 10, 0.0078, 0.101, 0.036)
    expected = quantlib_american(*case, "fd")
    kind, spot, strike, days, rate, vol, dividend_yield = case
    european = black_scholes(kind, spot, strike, days / 365, rate, vol, dividend_yield)

    assert expected > european * 1.01
    assert american(kind, spot, strike, days / 365, rate, vol, dividend_yield) == pytest.approx(
        expected, rel=AGREEMENT
    )


@settings(max_examples=100, deadline=None)
@given(inputs)
def test_barone_adesi_whaley_agrees_with_quantlibs_engine_of_that_name(case):
    kind, spot, moneyness, days, rate, vol, dividend_yield = case
    strike = spot * moneyness
    expected = quantlib_american(kind, spot, strike, days, rate, vol, dividend_yield, "baw")
    price = barone_adesi_whaley(kind, spot, strike, days / 365, rate, vol, dividend_yield)

    assert price == pytest.approx(expected, rel=0.005, abs=1e-6)


def test_an_american_put_is_worth_more_than_the_european_when_rates_are_positive():
    european = black_scholes(OptionType.PUT, 100, 110, 1.0, 0.06, 0.2, 0.0)

    assert american(OptionType.PUT, 100, 110, 1.0, 0.06, 0.2, 0.0) > european + 0.3


def test_below_its_critical_price_an_american_put_is_worth_exercising_now():
    boundary = critical_price(OptionType.PUT, 100, 1.0, 0.06, 0.2, 0.0)

    assert 0 < boundary < 100
    assert american(OptionType.PUT, boundary * 0.9, 100, 1.0, 0.06, 0.2, 0.0) == pytest.approx(
        100 - boundary * 0.9
    )


def test_a_call_on_a_stock_without_dividends_is_never_exercised_early():
    assert american(OptionType.CALL, 100, 95, 0.5, 0.05, 0.3, 0.0) == pytest.approx(
        black_scholes(OptionType.CALL, 100, 95, 0.5, 0.05, 0.3, 0.0)
    )
    assert math.isfinite(american(OptionType.CALL, 100, 95, 0.5, 0.05, 0.3, 0.03))
