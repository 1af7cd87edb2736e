import pytest

from hedging.liquidation import (
    binance_isolated_short,
    cfd_close_out_short,
    close_out_short,
    distance_pct,
    distance_sigmas,
)


@pytest.mark.parametrize(
    ("quantity", "leverage", "rate", "cum"),
    [
        (1, 2, 0.004, 0),  # $50k notional: first tier
        (10, 2, 0.005, 300),  # liquidates near $750k notional: second tier
        (30, 2, 0.0065, 1_500),  # near $2.2M: third tier
        (100, 5, 0.01, 12_000),  # near $6M: fourth tier
    ],
)
def test_a_binance_isolated_short_liquidates_by_the_formula_in_the_tier_it_lands_in(
    quantity, leverage, rate, cum
):
    entry = 50_000
    margin = quantity * entry / leverage

    price = binance_isolated_short(entry, quantity, margin)

    assert price == pytest.approx((margin + cum + quantity * entry) / (quantity * (1 + rate)))


def test_other_shorts_close_out_when_equity_reaches_maintenance():
    assert close_out_short(100, 2, 0.30) == pytest.approx(150 / 1.3)
    assert cfd_close_out_short(100, 5) == pytest.approx(110)


def test_distance_is_given_in_percent_and_in_standard_deviations():
    assert distance_pct(100, 150) == pytest.approx(0.5)
    assert distance_sigmas(100, 150, 0.5, 0.25) == pytest.approx(0.4054651081 / 0.25)
