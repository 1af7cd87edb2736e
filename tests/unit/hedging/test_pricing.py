import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm

from hedging.pricing import OptionType, black76, black_scholes, black_scholes_delta

CALL, PUT = OptionType.CALL, OptionType.PUT

# reference.md: computed to 1e-10 (the published figure in the comment)
BSM_VECTORS = [
    (CALL, 42, 40, 0.5, 0.10, 0.20, 0.00, 4.7594223929),  # Hull 4.76
    (PUT, 42, 40, 0.5, 0.10, 0.20, 0.00, 0.8085993729),  # Hull 0.81
    (PUT, 100, 90, 0.5, 0.01, 0.20, 0.00, 1.6627045623),  # py_vollib 1.66270456231
    (PUT, 100, 95, 0.5, 0.10, 0.20, 0.05, 2.4647876468),  # Haug 2.4648
    (PUT, 75, 70, 0.5, 0.10, 0.35, 0.05, 4.0869538286),  # Haug 4.0870
]
B76_VECTORS = [
    (PUT, 19, 19, 0.75, 0.10, 0.28, 1.7010507252),  # Haug 1.7011
    (PUT, 100, 100, 0.5, 0.02, 0.20, 5.5811067246),  # py_vollib 5.5811067246
]


@pytest.mark.parametrize(
    ("kind", "spot", "strike", "years", "rate", "vol", "q", "price"), BSM_VECTORS
)
def test_black_scholes_merton_matches_the_published_test_vectors(
    kind, spot, strike, years, rate, vol, q, price
):
    assert black_scholes(kind, spot, strike, years, rate, vol, q) == pytest.approx(price, abs=1e-9)


@pytest.mark.parametrize(
    ("kind", "forward", "strike", "years", "rate", "vol", "price"), B76_VECTORS
)
def test_black_76_matches_the_published_test_vectors(
    kind, forward, strike, years, rate, vol, price
):
    assert black76(kind, forward, strike, years, rate, vol) == pytest.approx(price, abs=1e-9)


def test_the_hull_put_rounds_to_the_textbooks_81_cents():
    assert round(black_scholes(PUT, 42, 40, 0.5, 0.10, 0.20), 2) == 0.81


def scipy_black_scholes(kind, spot, strike, years, rate, vol, q):
    """Textbook formula written out with scipy's normal distribution."""
    d1 = (math.log(spot / strike) + (rate - q + vol**2 / 2) * years) / (vol * math.sqrt(years))
    d2 = d1 - vol * math.sqrt(years)
    if kind is CALL:
        return spot * math.exp(-q * years) * norm.cdf(d1) - strike * math.exp(
            -rate * years
        ) * norm.cdf(d2)
    return strike * math.exp(-rate * years) * norm.cdf(-d2) - spot * math.exp(
        -q * years
    ) * norm.cdf(-d1)


option_inputs = st.fixed_dictionaries(
    {
        "kind": st.sampled_from([CALL, PUT]),
        "spot": st.floats(1, 1000),
        "moneyness": st.floats(0.5, 1.5),
        "years": st.floats(1 / 365, 2),
        "rate": st.floats(0, 0.1),
        "vol": st.floats(0.05, 1.5),
        "q": st.floats(0, 0.05),
    }
)


@settings(max_examples=300, deadline=None)
@given(option_inputs)
def test_black_scholes_agrees_with_an_independent_scipy_implementation(case):
    strike = case["spot"] * case["moneyness"]
    args = (case["kind"], case["spot"], strike, case["years"], case["rate"], case["vol"], case["q"])

    assert math.isclose(
        black_scholes(*args), scipy_black_scholes(*args), rel_tol=1e-9, abs_tol=1e-9
    )


@settings(max_examples=300, deadline=None)
@given(option_inputs)
def test_black_76_equals_black_scholes_on_the_forward(case):
    spot, years, rate, q = case["spot"], case["years"], case["rate"], case["q"]
    strike = spot * case["moneyness"]
    forward = spot * math.exp((rate - q) * years)

    assert math.isclose(
        black76(case["kind"], forward, strike, years, rate, case["vol"]),
        black_scholes(case["kind"], spot, strike, years, rate, case["vol"], q),
        rel_tol=1e-9,
        abs_tol=1e-9,
    )


@settings(max_examples=300, deadline=None)
@given(option_inputs)
def test_put_call_parity_holds(case):
    spot, years, rate, vol, q = (case[k] for k in ("spot", "years", "rate", "vol", "q"))
    strike = spot * case["moneyness"]
    call = black_scholes(CALL, spot, strike, years, rate, vol, q)
    put = black_scholes(PUT, spot, strike, years, rate, vol, q)

    parity = spot * math.exp(-q * years) - strike * math.exp(-rate * years)
    assert math.isclose(call - put, parity, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=100, deadline=None)
@given(option_inputs)
def test_delta_is_the_slope_of_the_price(case):
    spot, years, rate, vol, q = (case[k] for k in ("spot", "years", "rate", "vol", "q"))
    strike = spot * case["moneyness"]
    bump = spot * 1e-5
    up = black_scholes(case["kind"], spot + bump, strike, years, rate, vol, q)
    down = black_scholes(case["kind"], spot - bump, strike, years, rate, vol, q)

    slope = (up - down) / (2 * bump)
    delta = black_scholes_delta(case["kind"], spot, strike, years, rate, vol, q)
    assert delta == pytest.approx(slope, abs=1e-6)


def test_the_hull_put_delta_is_minus_n_of_minus_d1():
    d1 = (math.log(42 / 40) + (0.10 + 0.02) * 0.5) / (0.2 * math.sqrt(0.5))

    delta = black_scholes_delta(PUT, 42, 40, 0.5, 0.10, 0.20)

    assert delta == pytest.approx(-norm.cdf(-d1), abs=1e-12)


@pytest.mark.parametrize(
    ("kind", "spot", "value"),
    [(PUT, 90, 10.0), (PUT, 110, 0.0), (CALL, 110, 10.0), (CALL, 90, 0.0)],
)
def test_at_expiry_an_option_is_worth_what_exercising_it_gives(kind, spot, value):
    assert black_scholes(kind, spot, 100, 0.0, 0.05, 0.3) == value
    assert black76(kind, spot, 100, 0.0, 0.05, 0.3) == value
