"""American prices for share and ETF options against QuantLib's American engines."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hedging.american import american, critical_price
from hedging.pricing import OptionType, black_scholes

ql = pytest.importorskip("QuantLib")

TODAY = ql.Date(2, 1, 2025)


def quantlib_american(kind, spot, strike, days, rate, vol, dividend_yield, engine):
    """QuantLib's price of an American option exercisable from today to `days` ahead."""
    ql.Settings.instance().evaluationDate = TODAY
    counting = ql.Actual365Fixed()
    process = ql.BlackScholesMertonProcess(
        ql.QuoteHandle(ql.SimpleQuote(spot)),
        ql.YieldTermStructureHandle(ql.FlatForward(TODAY, dividend_yield, counting)),
        ql.YieldTermStructureHandle(ql.FlatForward(TODAY, rate, counting)),
        ql.BlackVolTermStructureHandle(
            ql.BlackConstantVol(TODAY, ql.NullCalendar(), vol, counting)
        ),
    )
    right = ql.Option.Put if kind is OptionType.PUT else ql.Option.Call
    option = ql.VanillaOption(
        ql.PlainVanillaPayoff(right, strike), ql.AmericanExercise(TODAY, TODAY + days)
    )
    if engine == "baw":
        option.setPricingEngine(ql.BaroneAdesiWhaleyApproximationEngine(process))
    else:
        option.setPricingEngine(ql.FdBlackScholesVanillaEngine(process, 400, 400))
    return option.NPV()


inputs = st.tuples(
    st.sampled_from([OptionType.PUT, OptionType.CALL]),
    st.floats(20, 700),  # spot
    st.floats(0.8, 1.2),  # strike / spot
    st.integers(3, 365),  # days to expiry
    st.floats(0.0, 0.07),  # rate
    st.floats(0.1, 0.8),  # volatility
    st.floats(0.0, 0.04),  # dividend yield
)


@settings(max_examples=150, deadline=None)
@given(inputs)
def test_american_prices_agree_with_quantlibs_barone_adesi_whaley_engine_within_half_a_percent(
    case,
):
    kind, spot, moneyness, days, rate, vol, dividend_yield = case
    strike = spot * moneyness
    expected = quantlib_american(kind, spot, strike, days, rate, vol, dividend_yield, "baw")
    price = american(kind, spot, strike, days / 365, rate, vol, dividend_yield)

    assert price == pytest.approx(expected, rel=0.005, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(inputs)
def test_american_prices_stay_within_two_and_a_half_percent_of_quantlibs_fd_engine(case):
    """Barone-Adesi–Whaley is an approximation: against QuantLib's finite-difference engine (a
    near-exact American price) it overstated cheap out-of-the-money puts by up to 1.99% in a
    500-draw check, so this bound is 2.5% for options worth at least 0.5% of the spot (see
    PHASE2_NOTES.md); the 0.5% agreement holds against QuantLib's BAW engine above."""
    kind, spot, moneyness, days, rate, vol, dividend_yield = case
    strike = spot * moneyness
    expected = quantlib_american(kind, spot, strike, days, rate, vol, dividend_yield, "fd")
    price = american(kind, spot, strike, days / 365, rate, vol, dividend_yield)

    if expected >= 0.005 * spot:
        assert price == pytest.approx(expected, rel=0.025)
    assert price >= black_scholes(kind, spot, strike, days / 365, rate, vol, dividend_yield) - 1e-9


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
