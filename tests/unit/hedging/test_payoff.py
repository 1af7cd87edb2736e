"""The data a payoff chart draws: the same numbers as the scenario table, over ±40% of today."""

from __future__ import annotations

import pytest

from hedging.language.holdings import parse_holdings
from hedging.market import load_snapshot
from hedging.models import (
    Costs,
    HedgeKind,
    HedgeRequest,
    Holding,
    Instrument,
    Intent,
    Leg,
    OptionDetails,
    Plan,
    Portfolio,
    PortfolioSummary,
    Scenario,
    Side,
)
from hedging.payoff import MarkerKind, build_payoff, comparison_payoff, plan_payoff
from hedging.planner import recommend
from hedging.scenarios import pnl_at_move
from tests.conftest import SAMPLE_HOLDINGS

SPOT = 100.0
BTC = PortfolioSummary(
    value_usd=1000.0, holdings=[Holding(symbol="BTC", quantity=10, price_usd=SPOT)]
)
NO_COSTS = Costs(fees_usd=0, funding_usd=0, premium_usd=0, total_usd=0)


def _plan(kind: HedgeKind, *legs: Leg, liquidation: float | None = None, **extra) -> Plan:
    return Plan(
        kind=kind, legs=list(legs), hedge_ratio=0.5, leverage=2, margin_usd=0,
        liquidation_price_usd=liquidation, costs=NO_COSTS, scenarios=[], **extra,
    )  # fmt: skip


def _short(symbol: str = "BTC", price: float = SPOT) -> Leg:
    return Leg(symbol=symbol, instrument=Instrument.PERPETUAL, side=Side.SHORT, quantity=5,
               notional_usd=5 * price, price_usd=price)  # fmt: skip


def _put(strike: float) -> Leg:
    return Leg(symbol="BTC", instrument=Instrument.OPTION, side=Side.BUY_PUT, quantity=10,
               notional_usd=1000, price_usd=SPOT, strike_usd=strike)  # fmt: skip


def linear_pnl(slope: float, cost: float):
    """A hand-written fake of pnl_at_move: net P&L = slope × move − cost, unhedged = 1000 × move."""

    def pnl(plan: Plan, portfolio: PortfolioSummary, move: float) -> Scenario:
        return Scenario(move=move, unhedged_pnl_usd=1000 * move, hedged_pnl_usd=slope * move,
                        net_pnl_usd=slope * move - cost)  # fmt: skip

    return pnl


def drawn_at(payoff, price: float) -> bool:
    """Whether the chart has a point at this price (to a billionth of a dollar)."""
    return any(abs(p - price) < 1e-9 for p in payoff.prices_usd)


def test_the_prices_run_from_40_percent_below_to_40_percent_above_today():
    payoff = build_payoff(BTC, [_plan(HedgeKind.PARTIAL, _short())], pnl=linear_pnl(500, 0))
    assert (payoff.prices_usd[0], payoff.prices_usd[-1], payoff.spot_usd) == pytest.approx(
        (60.0, 140.0, 100.0)
    )
    assert payoff.prices_usd == sorted(payoff.prices_usd)
    assert len(payoff.prices_usd) >= 81  # at least one point per percent


def test_every_plotted_point_is_the_value_the_pnl_function_gives_at_that_move():
    pnl = linear_pnl(500, 3)
    payoff = build_payoff(BTC, [_plan(HedgeKind.PARTIAL, _short())], pnl=pnl)
    plan = payoff.curve(HedgeKind.PARTIAL).pnl_usd
    unhedged = payoff.curve(None).pnl_usd
    for move, net, bare in zip(payoff.moves, plan, unhedged, strict=True):
        assert (net, bare) == (500 * move - 3, 1000 * move)


@pytest.mark.parametrize(
    ("slope", "cost", "breakeven_price"),
    [(500, 25, 105.0), (500, -25, 95.0), (250, 50, 120.0)],
)
def test_the_breakeven_is_the_price_where_the_plan_after_costs_crosses_zero(
    slope, cost, breakeven_price
):
    payoff = build_payoff(BTC, [_plan(HedgeKind.PARTIAL, _short())], pnl=linear_pnl(slope, cost))
    [breakeven] = payoff.markers_of(MarkerKind.BREAKEVEN)
    assert breakeven.price_usd == pytest.approx(breakeven_price, abs=1e-9)
    assert drawn_at(payoff, breakeven.price_usd)  # the line passes through it


def test_a_plan_that_never_crosses_zero_has_no_breakeven():
    payoff = build_payoff(BTC, [_plan(HedgeKind.FULL, _short())], pnl=linear_pnl(0, 12))
    assert payoff.markers_of(MarkerKind.BREAKEVEN) == []


def test_the_put_strike_is_marked_at_its_price_and_is_a_point_of_the_line():
    payoff = build_payoff(BTC, [_plan(HedgeKind.OPTIONS, _put(92.5))], pnl=linear_pnl(500, 0))
    [strike] = payoff.markers_of(MarkerKind.STRIKE)
    assert (strike.price_usd, strike.level_usd, strike.plan) == (
        pytest.approx(92.5),
        92.5,
        HedgeKind.OPTIONS,
    )
    assert drawn_at(payoff, 92.5)  # the kink is drawn exactly


def test_the_strike_falls_back_to_the_option_details_when_the_leg_has_none():
    details = OptionDetails(strike_usd=90, expiry_days=7, implied_vol=0.5, rate=0.04,
                            premium_per_unit_usd=1.5, model="black-76")  # fmt: skip
    leg = _put(90).model_copy(update={"strike_usd": None})
    payoff = build_payoff(BTC, [_plan(HedgeKind.OPTIONS, leg, options=details)],
                          pnl=linear_pnl(500, 0))  # fmt: skip
    assert [m.price_usd for m in payoff.markers_of(MarkerKind.STRIKE)] == [pytest.approx(90)]


def test_the_shorts_liquidation_is_marked_even_beyond_the_chart():
    plan = _plan(HedgeKind.FULL, _short(), liquidation=150.0)
    payoff = build_payoff(BTC, [plan], pnl=linear_pnl(0, 1))
    [liquidation] = payoff.markers_of(MarkerKind.LIQUIDATION)
    assert (liquidation.price_usd, liquidation.level_usd) == (pytest.approx(150.0), 150.0)
    assert not payoff.on_chart(liquidation)
    assert liquidation.pnl_usd is None  # off the chart: no value is drawn there


def test_a_proxy_short_is_marked_where_its_beta_takes_the_proxy_to_its_liquidation():
    eth = _short("ETH", 3000.0).model_copy(update={"move_beta": 1.25})
    payoff = build_payoff(BTC, [_plan(HedgeKind.CORRELATED, eth, liquidation=3900.0)],
                          pnl=linear_pnl(300, 1))  # fmt: skip
    [liquidation] = payoff.markers_of(MarkerKind.LIQUIDATION)
    # ETH +30% needs BTC +24% when ETH moves 1.25× as much
    assert (liquidation.symbol, liquidation.level_usd) == ("ETH", 3900.0)
    assert (liquidation.move, liquidation.price_usd) == (pytest.approx(0.24), pytest.approx(124.0))
    assert liquidation.pnl_usd == pytest.approx(300 * 0.24 - 1)


def test_each_legs_liquidation_is_marked_when_a_plan_shorts_several_assets():
    btc = _short().model_copy(update={"liquidation_price_usd": 130.0})
    eth = _short("ETH", 3000.0).model_copy(update={"liquidation_price_usd": 4200.0})
    payoff = build_payoff(BTC, [_plan(HedgeKind.FULL, btc, eth)], pnl=linear_pnl(0, 1))
    marked = [(m.symbol, m.level_usd) for m in payoff.markers_of(MarkerKind.LIQUIDATION)]
    assert marked == [("BTC", 130.0), ("ETH", 4200.0)]


def test_today_is_marked_at_the_holdings_price():
    payoff = build_payoff(BTC, [_plan(HedgeKind.PARTIAL, _short())], pnl=linear_pnl(500, 0))
    [today] = payoff.markers_of(MarkerKind.TODAY)
    assert (today.price_usd, today.level_usd, today.move, today.symbol) == (
        100.0,
        100.0,
        0.0,
        "BTC",
    )


def test_several_holdings_put_the_portfolio_value_on_the_axis():
    mixed = PortfolioSummary(
        value_usd=5000.0,
        holdings=[Holding(symbol="BTC", quantity=10, price_usd=100),
                  Holding(symbol="ETH", quantity=20, price_usd=200)],
    )  # fmt: skip
    payoff = build_payoff(mixed, [_plan(HedgeKind.PARTIAL, _short())], pnl=linear_pnl(500, 0))
    assert (payoff.axis_symbol, payoff.spot_usd) == (None, 5000.0)
    assert (payoff.prices_usd[0], payoff.prices_usd[-1]) == pytest.approx((3000.0, 7000.0))


def test_a_payoff_without_plans_is_refused():
    with pytest.raises(ValueError):
        build_payoff(BTC, [], pnl=linear_pnl(0, 0))


# ---- against the core: the chart and the scenario table are the same numbers ----


def _at(payoff, curve, move: float) -> float:
    return curve.pnl_usd[payoff.moves.index(move)]


@pytest.mark.parametrize("holdings", SAMPLE_HOLDINGS)
def test_every_scenario_table_row_is_a_point_of_its_plans_chart(sample_recommendations, holdings):
    recommendation = sample_recommendations[holdings]
    for plan in recommendation.plans:
        payoff = plan_payoff(recommendation, plan.kind)
        drawn = [
            (
                s.move,
                _at(payoff, payoff.curve(None), s.move),
                _at(payoff, payoff.curve(plan.kind), s.move),
            )
            for s in plan.scenarios
        ]
        table = [(s.move, s.unhedged_pnl_usd, s.net_pnl_usd) for s in plan.scenarios]
        assert drawn == table


@pytest.mark.parametrize("holdings", SAMPLE_HOLDINGS)
@pytest.mark.parametrize("move", [-0.4, -0.25, -0.07, 0.0, 0.13, 0.4])
def test_the_comparison_chart_draws_what_pnl_at_move_gives_at_any_price(
    sample_recommendations, holdings, move
):
    recommendation = sample_recommendations[holdings]
    payoff = comparison_payoff(recommendation)
    index = payoff.moves.index(move)
    drawn = [payoff.curve(p.kind).pnl_usd[index] for p in recommendation.plans]
    core = [
        pnl_at_move(p, recommendation.portfolio, move).net_pnl_usd for p in recommendation.plans
    ]
    assert drawn == core
    assert payoff.prices_usd[index] == pytest.approx(payoff.spot_usd * (1 + move))


@pytest.mark.parametrize("holdings", SAMPLE_HOLDINGS)
def test_at_each_breakeven_the_core_says_the_plan_makes_nothing(sample_recommendations, holdings):
    recommendation = sample_recommendations[holdings]
    payoff = comparison_payoff(recommendation)
    for marker in payoff.markers_of(MarkerKind.BREAKEVEN):
        plan = next(p for p in recommendation.plans if p.kind == marker.plan)
        value = pnl_at_move(plan, recommendation.portfolio, marker.move).net_pnl_usd
        assert abs(value) < 1e-6 * recommendation.portfolio.value_usd


def test_the_put_strike_and_the_shorts_liquidation_are_the_plans_own(sample_recommendations):
    recommendation = sample_recommendations["2 BTC"]
    plans = {p.kind: p for p in recommendation.plans}
    payoff = comparison_payoff(recommendation)
    strikes = {m.plan: m.level_usd for m in payoff.markers_of(MarkerKind.STRIKE)}
    liquidations = {m.plan: m.level_usd for m in payoff.markers_of(MarkerKind.LIQUIDATION)}
    assert strikes == {HedgeKind.OPTIONS: plans[HedgeKind.OPTIONS].legs[0].strike_usd}
    assert liquidations == {
        kind: plans[kind].liquidation_price_usd
        for kind in (HedgeKind.FULL, HedgeKind.PARTIAL, HedgeKind.CORRELATED)
    }


@pytest.mark.parametrize(
    ("instruments", "compared"),
    [
        # perpetuals only: the put cannot be bought, the three shorts are compared
        ({Instrument.PERPETUAL}, {HedgeKind.FULL, HedgeKind.PARTIAL, HedgeKind.CORRELATED}),
        # options only: one plan is no comparison, so all four are drawn for reference
        ({Instrument.OPTION}, set(HedgeKind)),
    ],
)
def test_the_comparison_draws_the_plans_the_person_can_use_when_there_are_two_or_more(
    instruments, compared
):
    intent = Intent(instruments=frozenset(instruments))
    request = HedgeRequest(portfolio=Portfolio(holdings=parse_holdings("2 BTC")), intent=intent)
    payoff = comparison_payoff(recommend(request, load_snapshot()))
    assert {c.plan for c in payoff.curves if c.plan is not None} == compared
