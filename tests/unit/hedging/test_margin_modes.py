"""Liquidation in each margin mode, checked against the venues' own worked examples where they
publish one, and against their documented formulas worked by hand where they do not."""

from datetime import UTC, datetime

import pytest

from hedging.liquidation import MarginTier, binance_isolated_short
from hedging.margin import (
    MARK_LAST_GAP,
    ShortExposure,
    bybit_liquidation,
    margin_outcomes,
    okx_short,
    portfolio_short,
)
from hedging.market import load_snapshot, with_prices
from hedging.models import (
    HedgeKind,
    HedgeRequest,
    Holding,
    MarginMode,
    PlanSettings,
    Portfolio,
)
from hedging.planner import recommend

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
FLAT_HALF_PERCENT = (MarginTier(0, 1e12, 0.005, 0),)


def test_bybit_long_example_from_its_help_centre_liquidates_at_19700():
    """Bybit, "Liquidation Price (USDT Contract)", Example 1: long 1 BTC at 20,000 USDT, 50x,
    MMR 0.5% -> IM 400, MM 100, LP 19,700.
    https://testnet.bybit.com/en-US/help-center/s/article/Liquidation-Price-USDT-Contract"""
    price = bybit_liquidation(20_000, 1, 20_000 / 50, short=False, tiers=FLAT_HALF_PERCENT)

    assert price == pytest.approx(19_700)


def test_bybit_short_example_liquidates_at_8160():
    """Bybit's short example (1 BTC at 8,000 USDT, 40x, MMR 0.5% -> 8,160) as reproduced at
    https://cryptoarmy.io/faq/how-to-calculate-the-liquidation-price-of-usdt-perpetual-contract-on-bybit/
    (Bybit's own page, cited above, cuts its short example off in our copy): LP = EP + (IM − MM)/Q
    = 8,000 + (200 − 40)."""
    price = bybit_liquidation(8_000, 1, 8_000 / 40, tiers=FLAT_HALF_PERCENT)

    assert price == pytest.approx(8_160)


def test_binance_isolated_short_moves_to_the_tier_its_liquidation_notional_lands_in():
    """No Binance worked example for a short was found; this one follows the formula on
    https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93 by hand:
    10 BTC at 50,000 on 250,000 margin. Tier 1 gives 750,000/10.04 = 74,701 (notional 747k, not
    in tier 1's 0-300k), so tier 2 (0.5%, cum 300): 750,300/10.05 = 74,656.72."""
    price = binance_isolated_short(50_000, 10, 250_000)

    assert price == pytest.approx(750_300 / 10.05)


def test_binance_cross_short_draws_on_the_whole_wallet():
    """Binance one-way cross, short: LP = (W + cum + Q·EP)/(Q·(1 + MMR)); with a 40,000 wallet
    behind 1 BTC short at 50,000: 90,000/1.004 (built from the formula, no published example)."""
    assert binance_isolated_short(50_000, 1, 40_000) == pytest.approx(90_000 / 1.004)


def test_okx_isolated_short_counts_the_closing_fee_as_maintenance():
    """No OKX worked example for a perpetual short was found in our sources, so this is built
    from OKX's documented isolated formula, (margin + Q·EP)/(Q·(1 + MMR + taker fee)):
    1 BTC at 50,000, 10x (5,000 margin), MMR 0.4%, fee 0.05% -> 55,000/1.0045 = 54,753.61."""
    assert okx_short(50_000, 1, 5_000, 0.0005) == pytest.approx(55_000 / 1.0045)


def test_a_one_to_one_hedge_under_portfolio_margin_liquidates_only_after_an_eighteenfold_rise():
    """Coin collateral at 95% gains what the short loses: slope 1.004 − 0.95, so 50,000/0.054."""
    price = portfolio_short(50_000, 1, 1, haircut=0.05, maintenance=0.004)

    assert price == pytest.approx(50_000 / 0.054)
    assert price / 50_000 > 18


def test_a_half_hedge_under_portfolio_margin_is_never_liquidated_by_a_rise():
    assert portfolio_short(50_000, 1, 2, haircut=0.05, maintenance=0.004) is None


def exposure(**changes):
    fields = dict(
        symbol="BTC",
        entry=50_000.0,
        quantity=1.0,
        held_quantity=2.0,
        margin_usd=25_000.0,
        volatility=0.5,
        formula="binance",
    )
    return ShortExposure(**{**fields, **changes})


def test_every_mode_is_reported_side_by_side_with_distance_in_percent_and_sigmas():
    outcomes = margin_outcomes([exposure()], taker_fee=0.0005, years=7 / 365)

    isolated = outcomes[MarginMode.ISOLATED][0]
    cross = outcomes[MarginMode.CROSS][0]
    portfolio = outcomes[MarginMode.PORTFOLIO][0]
    assert [o[0].mode for o in outcomes.values()] == list(MarginMode)
    assert isolated.liquidation_price_usd == pytest.approx(75_000 / 1.004)
    assert isolated.liquidation_distance_pct == pytest.approx(75_000 / 1.004 / 50_000 - 1)
    assert isolated.liquidation_distance_sigmas > 5
    assert cross.wallet_usd == 25_000  # the wallet defaults to the plan's margin
    assert (portfolio.liquidation_price_usd, portfolio.liquidation_distance_pct) == (None, None)
    assert "never liquidates" in portfolio.note


def test_a_larger_cross_wallet_pushes_liquidation_further_away():
    outcomes = margin_outcomes([exposure()], 0.0005, 7 / 365, wallet_usd=50_000)

    assert outcomes[MarginMode.CROSS][0].liquidation_price_usd == pytest.approx(100_000 / 1.004)


def test_the_liquidation_range_reaches_nearer_by_the_mark_gap_and_the_closing_fee():
    isolated = margin_outcomes([exposure()], 0.0005, 7 / 365)[MarginMode.ISOLATED][0]

    assert isolated.liquidation_low_usd == pytest.approx(
        isolated.liquidation_price_usd * (1 - MARK_LAST_GAP - 0.0005)
    )
    assert "calculator" in isolated.note


def test_a_coin_margined_short_liquidates_further_away_than_a_usdt_one_at_the_same_leverage():
    """Inverse, isolated at 2x: 0.5 BTC of margin gains as the price rises, slope 1.004 − 0.5."""
    inverse = margin_outcomes([exposure(coin_margined=True)], 0.0005, 7 / 365)

    assert inverse[MarginMode.ISOLATED][0].liquidation_price_usd == pytest.approx(50_000 / 0.504)


def guide_plan(**settings):
    request = HedgeRequest(
        portfolio=Portfolio(holdings=[Holding(symbol="BTC", quantity=2)]),
        settings=PlanSettings(ratio=0.5, leverage=2, taker_fee=0.0004, **settings),
    )
    market = with_prices(load_snapshot(), {"BTC": 50_000})
    recommendation = recommend(request, market, now=NOW)
    return next(plan for plan in recommendation.plans if plan.kind is HedgeKind.PARTIAL)


def test_the_guides_scenario_keeps_isolated_as_its_headline_and_lists_all_three_modes():
    plan = guide_plan()

    assert plan.margin_mode is MarginMode.ISOLATED
    assert plan.liquidation_price_usd == pytest.approx(75_000 / 1.004)
    assert [outcome.mode for outcome in plan.margin_modes] == list(MarginMode)


def test_asking_for_portfolio_margin_moves_the_headline_to_no_liquidation():
    plan = guide_plan(margin_mode=MarginMode.PORTFOLIO)

    assert plan.margin_mode is MarginMode.PORTFOLIO
    assert (plan.liquidation_price_usd, plan.liquidation_distance_pct) == (None, None)
    assert plan.legs[0].liquidation_price_usd is None


def test_asking_for_cross_with_a_wallet_uses_that_wallet():
    plan = guide_plan(margin_mode=MarginMode.CROSS, wallet_usd=50_000)

    assert plan.liquidation_price_usd == pytest.approx(100_000 / 1.004)


def test_asking_for_bybit_uses_bybits_formula():
    """25,000 margin on 1 BTC at 50,000, MMR 0.5%: 50,000 + (25,000 − 250) = 74,750."""
    plan = guide_plan(venue="bybit")

    assert (plan.legs[0].venue, plan.liquidation_price_usd) == ("Bybit", pytest.approx(74_750))
