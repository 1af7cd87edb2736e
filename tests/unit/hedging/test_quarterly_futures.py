"""Dated futures as a hedge: the basis over the horizon, the roll date, and the choice against
a perpetual by what each costs over the horizon."""

from datetime import UTC, datetime

import pytest

from hedging.market import load_snapshot, with_prices
from hedging.models import (
    FuturePreference,
    HedgeKind,
    HedgeRequest,
    Holding,
    Instrument,
    Intent,
    PlanSettings,
    Portfolio,
)
from hedging.planner import recommend

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def full_plan(days=30, instrument=None, funding=None, basis=None):
    market = with_prices(load_snapshot(), {"BTC": 50_000})
    btc = market.assets["BTC"]
    changes = {
        k: v for k, v in (("funding_rate", funding), ("annual_basis", basis)) if v is not None
    }
    market = market.model_copy(
        update={"assets": {**market.assets, "BTC": btc.model_copy(update=changes)}}
    )
    request = HedgeRequest(
        portfolio=Portfolio(holdings=[Holding(symbol="BTC", quantity=2)]),
        intent=Intent(horizon_days=days),
        settings=PlanSettings(instrument=instrument, taker_fee=0.0005),
    )
    recommendation = recommend(request, market, now=NOW)
    return next(plan for plan in recommendation.plans if plan.kind is HedgeKind.FULL)


def test_a_quarterly_short_in_contango_earns_the_basis_worked_by_hand():
    """2 BTC at 50,000 = 100,000 notional; 7% a year over 30 days: −100,000 × 0.07 × 30/365
    = −575.34 (the short receives it). Fees: 0.05% × 100,000 × 2 sides = 100."""
    plan = full_plan(instrument=FuturePreference.QUARTERLY)
    leg = plan.legs[0]

    assert (leg.instrument, leg.annual_basis) == (Instrument.QUARTERLY, 0.07)
    assert leg.instrument.value == "quarterly_future"
    assert plan.costs.basis_usd == pytest.approx(-575.3424657534247)
    assert plan.costs.funding_usd == 0.0
    assert plan.costs.fees_usd == pytest.approx(100.0)
    assert plan.costs.total_usd == pytest.approx(
        100.0 - 575.3424657534247 + plan.costs.slippage_usd
    )


def test_the_expiry_comes_from_the_listed_quarterly_grid_and_covers_the_horizon():
    """21 days from 25 Nov ends before the December quarterly (last Friday, 08:00 UTC); 30 days
    ends after it, so the March one is traded instead of rolling."""
    three_weeks = full_plan(days=21, instrument=FuturePreference.QUARTERLY).legs[0]
    a_month = full_plan(days=30, instrument=FuturePreference.QUARTERLY).legs[0]

    assert (three_weeks.expiry, three_weeks.roll_at) == (
        datetime(2026, 12, 25, 8, tzinfo=UTC),
        None,
    )
    assert (a_month.expiry, a_month.roll_at) == (datetime(2027, 3, 26, 8, tzinfo=UTC), None)


def test_a_horizon_beyond_the_listed_quarterlies_rolls_at_the_front_expiry():
    plan = full_plan(days=200, instrument=FuturePreference.QUARTERLY)

    assert plan.legs[0].roll_at == datetime(2026, 12, 25, 8, 0, tzinfo=UTC)
    assert any("roll into the next BTC future on 25 Dec 2026" in note for note in plan.notes)


def test_closing_before_expiry_names_the_basis_still_at_risk():
    """Closing after 7 days, 22.8 days before the 25 Dec expiry: 100,000 × 7% × 22.83/365."""
    plan = full_plan(days=7, instrument=FuturePreference.QUARTERLY)
    unearned = 100_000 * 0.07 * (29 + 20 / 24 - 7)

    assert f"leaves about ${unearned / 365:,.0f} of basis not yet earned" in " ".join(plan.notes)


def test_funding_and_basis_are_shown_side_by_side_and_the_cheaper_is_chosen():
    """Funding 0.01% per 8 h (10.95% a year) beats a 7% basis for a short, so the perpetual
    is chosen; at a 15% basis the dated future is."""
    perpetual = full_plan()
    quarterly = full_plan(basis=0.15)

    assert [q.instrument for q in perpetual.carry_quotes] == [
        Instrument.PERPETUAL,
        Instrument.QUARTERLY,
    ]
    assert [q.chosen for q in perpetual.carry_quotes] == [True, False]
    assert perpetual.carry_quotes[0].annual_rate == pytest.approx(0.1095)
    assert perpetual.legs[0].instrument is Instrument.PERPETUAL
    assert quarterly.legs[0].instrument is Instrument.QUARTERLY
    assert min(q.total_usd for q in quarterly.carry_quotes) == quarterly.costs.total_usd


def test_backwardation_makes_the_dated_future_cost_the_short():
    plan = full_plan(instrument=FuturePreference.QUARTERLY, basis=-0.05)

    assert plan.costs.basis_usd == pytest.approx(100_000 * 0.05 * 30 / 365)


def test_a_futures_leg_carries_a_slippage_estimate_that_grows_faster_than_its_size():
    small = full_plan().legs[0].slippage_usd
    market = with_prices(load_snapshot(), {"BTC": 50_000})
    request = HedgeRequest(portfolio=Portfolio(holdings=[Holding(symbol="BTC", quantity=200)]))
    big = (
        next(p for p in recommend(request, market, now=NOW).plans if p.kind is HedgeKind.FULL)
        .legs[0]
        .slippage_usd
    )

    assert small > 0
    assert big > 100 * small
