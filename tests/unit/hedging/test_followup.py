from datetime import UTC, datetime, timedelta

import pytest

from hedging.followup import hedge_progress
from hedging.models import (
    Costs,
    HedgeKind,
    Holding,
    Instrument,
    Leg,
    Plan,
    PortfolioSummary,
    Side,
)

OPENED = datetime(2026, 12, 8, 12, 0, tzinfo=UTC)
TWO_BTC = PortfolioSummary(
    value_usd=200_000, holdings=[Holding(symbol="BTC", quantity=2, price_usd=100_000)]
)


def plan(legs, fees=200.0, premium=0.0):
    return Plan(
        kind=HedgeKind.FULL,
        legs=legs,
        hedge_ratio=1.0,
        leverage=2,
        margin_usd=100_000,
        costs=Costs(fees_usd=fees, funding_usd=0, premium_usd=premium, total_usd=fees + premium),
        scenarios=[],
    )


SHORT_PERP = Leg(
    symbol="BTC",
    instrument=Instrument.PERPETUAL,
    side=Side.SHORT,
    quantity=2,
    notional_usd=200_000,
    price_usd=100_000,
    funding_rate=0.0001,
    funding_interval_hours=8,
)
PUT = Leg(
    symbol="BTC",
    instrument=Instrument.OPTION,
    side=Side.BUY_PUT,
    quantity=2,
    notional_usd=200_000,
    price_usd=100_000,
    strike_usd=95_000,
)


@pytest.mark.parametrize(
    ("price", "holdings_change", "hedge_pnl", "saved"),
    [
        # 24 h = 3 funding intervals; a short receives 0.01% x $200k x 3 = $60
        (90_000, -20_000, 20_000, 20_000 + 60 - 200),
        (110_000, 20_000, -20_000, -20_000 + 60 - 200),
        (100_000, 0, 0, 60 - 200),
    ],
)
def test_a_full_short_hedge_offsets_the_move_and_counts_funding_and_fees(
    price, holdings_change, hedge_pnl, saved
):
    progress = hedge_progress(
        plan([SHORT_PERP]),
        TWO_BTC,
        opened_at=OPENED,
        now=OPENED + timedelta(hours=24),
        prices={"BTC": price},
        event_at=OPENED + timedelta(hours=7),
    )

    assert (
        progress.holdings_change_usd,
        progress.hedge_pnl_usd,
        progress.funding_paid_usd,
        progress.saved_usd,
        progress.event_passed,
    ) == (holdings_change, hedge_pnl, pytest.approx(-60.0), pytest.approx(saved), True)


def test_a_put_pays_its_intrinsic_value_less_the_premium():
    progress = hedge_progress(
        plan([PUT], fees=60, premium=6_000),
        TWO_BTC,
        opened_at=OPENED,
        now=OPENED + timedelta(days=2),
        prices={"BTC": 90_000},
    )

    # strike 95k, price 90k: 2 x $5,000 intrinsic; no funding on options
    assert (progress.hedge_pnl_usd, progress.funding_paid_usd, progress.saved_usd) == (
        10_000,
        0.0,
        10_000 - 60 - 6_000,
    )


def test_without_a_current_price_only_the_funding_estimate_is_given():
    progress = hedge_progress(
        plan([SHORT_PERP]),
        TWO_BTC,
        opened_at=OPENED,
        now=OPENED + timedelta(hours=8),
        prices={},
        event_at=OPENED + timedelta(days=1),
    )

    assert (
        progress.prices_known,
        progress.saved_usd,
        progress.funding_paid_usd,
        progress.event_passed,
    ) == (False, None, pytest.approx(-20.0), False)
