from datetime import UTC, datetime

import pytest

from hedging.errors import HedgeInputError
from hedging.market import load_snapshot, with_prices
from hedging.models import (
    HedgeKind,
    HedgeRequest,
    Holding,
    Instrument,
    Intent,
    PlanSettings,
    Portfolio,
    Region,
    Side,
)
from hedging.planner import recommend
from hedging.scenarios import payoff, pnl_at_move

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def request_for(*holdings: Holding, **settings: float) -> HedgeRequest:
    return HedgeRequest(
        portfolio=Portfolio(holdings=list(holdings)), settings=PlanSettings(**settings)
    )


def plan_of(recommendation, kind):
    return next(plan for plan in recommendation.plans if plan.kind is kind)


def guide_scenario():
    request = request_for(
        Holding(symbol="BTC", quantity=2), ratio=0.5, leverage=2, taker_fee=0.0004
    )
    market = with_prices(load_snapshot(), {"BTC": 50_000})
    return plan_of(recommend(request, market, now=NOW), HedgeKind.PARTIAL)


def test_the_guides_btc_scenario_shorts_one_btc_on_25000_margin_for_40_dollars_of_fees():
    plan = guide_scenario()

    assert [(leg.symbol, leg.side, leg.quantity, leg.notional_usd) for leg in plan.legs] == [
        ("BTC", Side.SHORT, 1.0, 50_000.0)
    ]
    assert plan.margin_usd == 25_000
    assert plan.costs.fees_usd == pytest.approx(40.0, abs=1e-9)


def test_the_guides_btc_scenario_halves_the_loss_and_the_gain_at_ten_percent():
    by_move = {scenario.move: scenario for scenario in guide_scenario().scenarios}

    assert (by_move[-0.10].unhedged_pnl_usd, by_move[-0.10].hedged_pnl_usd) == (-10_000, -5_000)
    assert (by_move[0.10].unhedged_pnl_usd, by_move[0.10].hedged_pnl_usd) == (10_000, 5_000)


def test_funding_on_a_short_perpetual_at_a_positive_rate_is_received_every_eight_hours():
    plan = guide_scenario()  # 1 BTC short, 7 days, 0.01% per 8 h -> 21 payments of $5
    leg = plan.legs[0]

    assert (leg.instrument, leg.funding_rate, leg.funding_interval_hours) == (
        Instrument.PERPETUAL,
        0.0001,
        8,
    )
    assert plan.costs.funding_usd == pytest.approx(-105.0)
    assert plan.costs.total_usd == pytest.approx(40.0 - 105.0 + plan.costs.slippage_usd)


def test_the_isolated_short_liquidates_where_binances_formula_puts_it():
    plan = guide_scenario()  # (25,000 + 0 + 1 x 50,000) / (1 x (1 + 0.4%))
    expected = 75_000 / 1.004

    assert plan.liquidation_price_usd == pytest.approx(expected)
    assert plan.liquidation_distance_pct == pytest.approx(expected / 50_000 - 1)


def test_a_price_given_with_the_holding_is_used_and_said_to_come_from_the_person():
    request = request_for(Holding(symbol="SOL", quantity=1000, price_usd=150))

    position = recommend(request, load_snapshot(), now=NOW).portfolio.positions[0]

    assert (position.price_usd, position.value_usd, position.price_source) == (
        150,
        150_000,
        "you",
    )


def test_a_snapshot_price_says_its_source_and_age():
    snapshot = load_snapshot()
    request = request_for(Holding(symbol="BTC", quantity=1))

    position = recommend(request, snapshot, now=NOW).portfolio.positions[0]

    assert (position.price_source, position.price_as_of, position.price_age_hours) == (
        snapshot.source,
        snapshot.as_of,
        12.0,
    )


def test_a_dollar_sized_holding_is_resized_when_the_price_is_overridden():
    request = request_for(Holding(symbol="SPY", quantity=1, value_usd=500_000))
    market = with_prices(load_snapshot(), {"SPY": 500})

    position = recommend(request, market, now=NOW).portfolio.positions[0]

    assert (position.quantity, position.value_usd) == (1000, 500_000)


def test_an_unknown_symbol_without_a_price_is_refused_with_a_friendly_message():
    with pytest.raises(HedgeInputError, match="I don't have a price for XYZ"):
        recommend(request_for(Holding(symbol="XYZ", quantity=1)), load_snapshot(), now=NOW)


def test_a_us_resident_gets_no_offshore_perpetual():
    request = HedgeRequest(
        portfolio=Portfolio(holdings=[Holding(symbol="BTC", quantity=2)]),
        intent=Intent(region=Region.US),
    )

    full = plan_of(recommend(request, load_snapshot(), now=NOW), HedgeKind.FULL)

    assert {venue.name for venue in full.venues}.isdisjoint({"Binance", "Bybit", "Deribit"})
    assert full.legs[0].venue in {"CME Group (through a futures broker)", "Kraken"}


def test_leverage_above_what_share_cfds_allow_is_capped_and_said():
    request = HedgeRequest(
        portfolio=Portfolio(holdings=[Holding(symbol="AAPL", quantity=100)]),
        intent=Intent(region=Region.UK),
        settings=PlanSettings(leverage=10),
    )

    full = plan_of(recommend(request, load_snapshot(), now=NOW), HedgeKind.FULL)

    assert (full.legs[0].instrument, full.leverage) == (Instrument.CFD, 5)
    assert full.margin_usd == pytest.approx(100 * 230 / 5)
    assert full.notes[0] == "A CFD on AAPL allows at most 5x, so margin is sized at 5x."


def test_a_portfolio_gets_one_leg_per_holding_in_direct_plans():
    request = request_for(Holding(symbol="BTC", quantity=1), Holding(symbol="ETH", quantity=10))

    recommendation = recommend(request, load_snapshot(), now=NOW)

    for kind in (HedgeKind.FULL, HedgeKind.PARTIAL, HedgeKind.OPTIONS):
        assert [leg.symbol for leg in plan_of(recommendation, kind).legs] == ["BTC", "ETH"]
    assert len(plan_of(recommendation, HedgeKind.CORRELATED).legs) == 1


def test_an_absurd_size_is_refused_with_a_friendly_message():
    request = request_for(Holding(symbol="BTC", quantity=1e15))

    with pytest.raises(HedgeInputError, match="is not a real size"):
        recommend(request, load_snapshot(), now=NOW)


def test_the_payoff_grid_is_pnl_at_move_at_every_point():
    recommendation = recommend(request_for(Holding(symbol="BTC", quantity=2)), load_snapshot())
    plan = plan_of(recommendation, HedgeKind.OPTIONS)
    moves = [step / 100 for step in range(-50, 51, 5)]

    curve = payoff(plan, recommendation.portfolio, moves)

    assert curve == [pnl_at_move(plan, recommendation.portfolio, move) for move in moves]
    assert [point.move for point in curve] == moves


def test_a_recommendation_survives_a_json_round_trip_unchanged():
    request = HedgeRequest(
        portfolio=Portfolio(
            holdings=[Holding(symbol="BTC", quantity=2), Holding(symbol="AAPL", quantity=100)]
        ),
        intent=Intent(region=Region.US),
    )
    recommendation = recommend(request, load_snapshot(), now=NOW)

    restored = type(recommendation).model_validate_json(recommendation.model_dump_json())

    assert restored == recommendation


def test_a_holding_under_half_a_contract_is_left_unhedged_and_said_so():
    request = HedgeRequest(
        portfolio=Portfolio(holdings=[Holding(symbol="BTC", quantity=0.04)]),
        intent=Intent(region=Region.US),
    )

    recommendation = recommend(request, load_snapshot(), now=NOW)
    full = plan_of(recommendation, HedgeKind.FULL)
    options = plan_of(recommendation, HedgeKind.OPTIONS)

    assert (full.available, full.legs) == (False, [])
    assert full.notes[0] == (
        "Hedging 0.04 BTC needs less than half of one 0.1 BTC contract, so it stays unhedged here."
    )
    assert options.notes[0] == (
        "0.04 BTC is less than half of one option contract (0.1), so it stays unprotected here."
    )


def test_the_guides_stock_portfolio_can_use_spy_puts_es_futures_or_cfds_at_ig_and_ibkr():
    request = HedgeRequest(
        portfolio=Portfolio(holdings=[Holding(symbol="SPY", quantity=1, value_usd=500_000)]),
        intent=Intent(region=Region.UK),
    )

    recommendation = recommend(request, load_snapshot(), now=NOW)
    full = plan_of(recommendation, HedgeKind.FULL)
    options = plan_of(recommendation, HedgeKind.OPTIONS)
    correlated = plan_of(recommendation, HedgeKind.CORRELATED)

    assert (full.legs[0].instrument, [venue.name for venue in full.venues]) == (
        Instrument.CFD,
        ["Interactive Brokers", "IG"],
    )
    assert (options.legs[0].side, options.legs[0].contract_size) == (Side.BUY_PUT, 100)
    assert (correlated.correlation.proxy, correlated.legs[0].instrument) == (
        "ES",
        Instrument.QUARTERLY,
    )
