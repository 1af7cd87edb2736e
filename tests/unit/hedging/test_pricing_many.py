"""The many-spot pricers are the single-spot ones with shared terms worked out once: the same
floats, bit for bit, so plans priced either way print the same figures."""

from hypothesis import given, settings
from hypothesis import strategies as st

from hedging.pricing import OptionType, black76, black76_many, black_scholes, black_scholes_many

# at or below zero (the intrinsic-value branch) or a price a snapshot could hold
prices = st.one_of(
    st.floats(min_value=-10.0, max_value=0.0), st.floats(min_value=1e-3, max_value=500.0)
)
spots = st.lists(prices, min_size=1, max_size=12)
years = st.one_of(st.just(0.0), st.floats(min_value=1e-4, max_value=3.0))
vols = st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=2.0))
rates = st.floats(min_value=-0.02, max_value=0.2)
kinds = st.sampled_from(list(OptionType))


@settings(max_examples=300, deadline=None)
@given(kinds, spots, st.floats(min_value=1.0, max_value=400.0), years, rates, vols, rates)
def test_black_scholes_many_gives_exactly_the_single_spot_prices(
    kind, spots, strike, years, rate, vol, dividend_yield
):
    many = black_scholes_many(kind, spots, strike, years, rate, vol, dividend_yield)
    one_by_one = [black_scholes(kind, s, strike, years, rate, vol, dividend_yield) for s in spots]
    assert many == one_by_one


@settings(max_examples=300, deadline=None)
@given(kinds, spots, st.floats(min_value=1.0, max_value=400.0), years, rates, vols)
def test_black76_many_gives_exactly_the_single_forward_prices(
    kind, forwards, strike, years, rate, vol
):
    many = black76_many(kind, forwards, strike, years, rate, vol)
    assert many == [black76(kind, f, strike, years, rate, vol) for f in forwards]
