"""Options priced as they trade: a put skew per strike, premiums at the ask, a put spread beside
the collar, American share options and premium-adjusted delta for coin-settled options."""

from datetime import UTC, datetime

import pytest

from hedging.market import load_snapshot, with_prices
from hedging.models import HedgeKind, HedgeRequest, Holding, Intent, Outlook, Portfolio
from hedging.skew import skewed_vol

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def options_plan(holding, prices=None, outlook=Outlook.INSURANCE):
    from hedging.planner import recommend

    request = HedgeRequest(portfolio=Portfolio(holdings=[holding]), intent=Intent(outlook=outlook))
    market = with_prices(load_snapshot(), prices or {"BTC": 50_000})
    recommendation = recommend(request, market, now=NOW)
    return next(plan for plan in recommendation.plans if plan.kind is HedgeKind.OPTIONS)


def test_the_lowest_strike_is_priced_at_a_higher_volatility_than_the_money():
    plan = options_plan(Holding(symbol="BTC", quantity=2))
    by_strike = {d.strike_usd: d.implied_vol for d in plan.option_strikes}

    assert by_strike[45_000] > by_strike[47_500] > by_strike[50_000] == pytest.approx(0.5)


def test_the_skew_formula_adds_slope_and_curvature_in_log_moneyness():
    """ATM 50%, slope 0.25, curvature 0.6, K/F = 0.9: 0.5 + 0.25·0.10536 + 0.6·0.0111 = 0.5330."""
    assert skewed_vol(0.5, 100, 90, 0.25, 0.6) == pytest.approx(0.533000, abs=1e-6)


def test_share_option_puts_are_skewed_too_and_priced_as_american():
    plan = options_plan(Holding(symbol="SPY", quantity=1, value_usd=500_000), prices={"SPY": 500})

    assert plan.options.model == "american"
    assert plan.option_strikes[-1].implied_vol > plan.option_strikes[0].implied_vol
    assert any("American" in note and "exercise early" in note for note in plan.notes)


def test_the_premium_is_paid_at_the_ask_and_the_spread_is_shown_apart():
    """BTC options: a 4% bid-ask spread of the mid, so the ask is 2% above it."""
    plan = options_plan(Holding(symbol="BTC", quantity=2))
    chosen = plan.options

    assert chosen.ask_per_unit_usd == pytest.approx(chosen.premium_per_unit_usd * 1.02)
    assert plan.costs.spread_usd == pytest.approx(0.02 * plan.costs.premium_usd)
    assert plan.costs.total_usd == pytest.approx(
        plan.costs.premium_usd + plan.costs.fees_usd + plan.costs.spread_usd
    )


def test_a_put_spread_costs_less_than_the_put_and_protects_only_down_to_its_lower_strike():
    plan = options_plan(Holding(symbol="BTC", quantity=2))
    spread = plan.put_spread
    by_move = {s.move: s for s in spread.scenarios}

    assert (spread.floor_usd, spread.short_strike_usd) == (47_500, 42_500)
    assert spread.gap_usd == 5_000
    assert spread.max_payout_usd == pytest.approx(5_000 * 2)
    assert spread.saving_vs_put_usd > 0
    assert (spread.contracts, spread.contract_size) == (20, 0.1)
    assert "rounded to the nearest whole number" in spread.rounding
    # between the strikes the loss is capped; below the lower strike it grows again
    assert by_move[-0.30].hedged_pnl_usd < by_move[-0.20].hedged_pnl_usd
    assert by_move[-0.20].hedged_pnl_usd < by_move[-0.10].hedged_pnl_usd + 1e-6


def test_far_below_the_lower_strike_the_put_spread_pays_its_gap_and_no_more():
    """At −30% (35,000, under both strikes) the 2 BTC lose 30,000; the spread pays back about
    its gap x 2 BTC = 10,000, less its net premium (time value left at the horizon is small)."""
    spread = options_plan(Holding(symbol="BTC", quantity=2)).put_spread
    at_minus_30 = next(s for s in spread.scenarios if s.move == -0.30)

    assert at_minus_30.hedged_pnl_usd == pytest.approx(
        -30_000 + spread.max_payout_usd - spread.net_premium_usd, rel=0.01
    )


def test_coin_settled_puts_carry_a_premium_adjusted_delta():
    """Deribit quotes in the coin: the premium-adjusted delta is the delta less the premium in
    BTC per BTC, so a put's is more negative."""
    chosen = options_plan(Holding(symbol="BTC", quantity=2)).options

    assert chosen.premium_coin == pytest.approx(chosen.premium_per_unit_usd / 50_000)
    assert chosen.premium_adjusted_delta == pytest.approx(chosen.delta - chosen.premium_coin)
    assert chosen.premium_adjusted_delta < chosen.delta


def test_share_options_have_no_premium_adjusted_delta():
    plan = options_plan(Holding(symbol="SPY", quantity=1, value_usd=500_000), prices={"SPY": 500})

    assert plan.options.premium_adjusted_delta is None
