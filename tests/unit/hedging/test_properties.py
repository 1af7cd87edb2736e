import math
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hedging.market import load_snapshot, with_prices
from hedging.models import (
    HedgeKind,
    HedgeRequest,
    Holding,
    Instrument,
    Intent,
    Outlook,
    PlanSettings,
    Portfolio,
    Region,
)
from hedging.planner import recommend
from hedging.scenarios import pnl_at_move

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SNAPSHOT = load_snapshot()

coins = st.sampled_from(["BTC", "ETH", "SOL", "BNB", "DOGE"])
prices = st.floats(0.05, 200_000)
quantities = st.floats(0.001, 10_000)
moves = st.floats(-0.99, 3.0)
days = st.floats(1, 365)


def plan_for(symbol, quantity, price, kind, horizon=7.0, **settings):
    request = HedgeRequest(
        portfolio=Portfolio(holdings=[Holding(symbol=symbol, quantity=quantity)]),
        intent=Intent(horizon_days=horizon),
        settings=PlanSettings(kinds=frozenset({kind}), **settings),
    )
    recommendation = recommend(request, with_prices(SNAPSHOT, {symbol: price}), now=NOW)
    return recommendation.plans[0], recommendation.portfolio


@settings(max_examples=150, deadline=None)
@given(coins, quantities, prices, moves, days)
def test_a_full_hedges_price_pnl_is_flat_whatever_the_move(symbol, quantity, price, move, horizon):
    plan, portfolio = plan_for(symbol, quantity, price, HedgeKind.FULL, horizon)

    scenario = pnl_at_move(plan, portfolio, move)

    assert scenario.hedged_pnl_usd == pytest.approx(0.0, abs=1e-6 * portfolio.value_usd)
    assert scenario.net_pnl_usd == pytest.approx(
        -plan.costs.total_usd, abs=1e-6 * portfolio.value_usd
    )


@settings(max_examples=150, deadline=None)
@given(coins, quantities, prices, moves, st.floats(0.25, 0.75))
def test_a_partial_hedge_keeps_one_minus_the_ratio_of_the_unhedged_pnl(
    symbol, quantity, price, move, ratio
):
    plan, portfolio = plan_for(symbol, quantity, price, HedgeKind.PARTIAL, ratio=ratio)

    scenario = pnl_at_move(plan, portfolio, move)

    assert scenario.hedged_pnl_usd == pytest.approx(
        (1 - ratio) * scenario.unhedged_pnl_usd, rel=1e-9, abs=1e-9 * portfolio.value_usd
    )


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["BTC", "ETH", "SPY", "AAPL"]),
    st.integers(1, 500),
    st.floats(-1.0, 2.0),
    days,
)
def test_a_put_hedge_never_loses_more_than_spot_minus_strike_plus_premium(
    symbol, contracts, move, horizon
):
    size = SNAPSHOT.assets[symbol].option_contract_size
    price = SNAPSHOT.assets[symbol].price_usd
    plan, portfolio = plan_for(symbol, contracts * size, price, HedgeKind.OPTIONS, horizon)
    leg = plan.legs[0]
    bound = (price - leg.strike_usd) * leg.quantity + plan.costs.premium_usd

    scenario = pnl_at_move(plan, portfolio, move)

    assert leg.quantity == pytest.approx(contracts * size)
    assert -scenario.hedged_pnl_usd <= bound + 1e-9 * portfolio.value_usd


@settings(max_examples=50, deadline=None)
@given(coins, quantities, prices, st.sampled_from(list(HedgeKind)))
def test_the_scenario_table_is_what_pnl_at_move_gives(symbol, quantity, price, kind):
    plan, portfolio = plan_for(symbol, quantity, price, kind)

    assert plan.scenarios == [pnl_at_move(plan, portfolio, s.move) for s in plan.scenarios]


symbols = st.sampled_from(sorted(SNAPSHOT.assets))
holdings = st.lists(
    st.builds(Holding, symbol=symbols, quantity=st.floats(1e-6, 1e6)), min_size=1, max_size=6
)
intents = st.builds(
    Intent,
    horizon_days=days,
    outlook=st.sampled_from(list(Outlook)),
    region=st.sampled_from(list(Region)),
    instruments=st.frozensets(st.sampled_from(list(Instrument)), min_size=0),
    max_cost_usd=st.none() | st.floats(1, 1e6),
)
plan_settings = st.builds(
    PlanSettings,
    leverage=st.floats(1, 125),
    ratio=st.none() | st.floats(0.01, 1),
    taker_fee=st.none() | st.floats(0, 0.01),
)


def finite_numbers(value):
    if isinstance(value, float):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from finite_numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from finite_numbers(item)


@settings(max_examples=200, deadline=None)
@given(holdings, intents, plan_settings)
def test_any_valid_request_gets_four_ranked_plans_with_finite_numbers(holdings, intent, knobs):
    request = HedgeRequest(portfolio=Portfolio(holdings=holdings), intent=intent, settings=knobs)

    recommendation = recommend(request, SNAPSHOT, now=NOW)

    assert sorted(plan.kind for plan in recommendation.plans) == sorted(HedgeKind)
    assert recommendation.plans[0].kind is recommendation.recommended
    assert all(math.isfinite(number) for number in finite_numbers(recommendation.model_dump()))
