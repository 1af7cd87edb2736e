from datetime import UTC, datetime

import pytest

from hedging.market import load_snapshot, with_prices
from hedging.models import HedgeKind, HedgeRequest, Holding, Instrument, Intent, Portfolio, Region
from hedging.planner import recommend
from hedging.plans.correlated import (
    beta_contracts,
    contracts_for,
    min_variance_ratio,
    residual_risk,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def correlated_plan(*holdings, region=Region.OTHER, prices=None):
    request = HedgeRequest(
        portfolio=Portfolio(holdings=list(holdings)), intent=Intent(region=region)
    )
    market = with_prices(load_snapshot(), prices or {})
    return next(
        plan
        for plan in recommend(request, market, now=NOW).plans
        if plan.kind is HedgeKind.CORRELATED
    )


def test_the_reference_cross_hedge_check_gives_h_096_and_192_contracts():
    ratio = min_variance_ratio(rho=0.8, vol_asset=1.2, vol_hedge=1.0)

    assert ratio == pytest.approx(0.96)
    assert contracts_for(ratio, value_usd=10_000, contract_value_usd=500) == pytest.approx(19.2)


def test_the_reference_beta_check_gives_48_es_or_48_mes():
    assert beta_contracts(1.2, 1_000_000, 5_000, 50) == pytest.approx(4.8)
    assert beta_contracts(1.2, 1_000_000, 5_000, 5) == pytest.approx(48)
    assert beta_contracts(1.2, 1_000_000, 5_000, 50, target_beta=0.6) == pytest.approx(2.4)


def test_at_the_min_variance_ratio_the_residual_risk_is_sigma_times_root_one_minus_rho_squared():
    assert residual_risk(100_000, 0.5, 0.65, 0.8, 0.8 * 0.5 / 0.65, 1.0) == pytest.approx(
        100_000 * 0.5 * (1 - 0.64) ** 0.5
    )


def test_btc_is_hedged_with_eth_at_the_min_variance_ratio():
    plan = correlated_plan(Holding(symbol="BTC", quantity=2), prices={"BTC": 50_000, "ETH": 2_500})
    details = plan.correlation
    ratio = 0.8 * 0.5 / 0.65

    assert (details.proxy, details.rho, details.effectiveness) == ("ETH", 0.8, pytest.approx(0.64))
    assert details.hedge_ratio == pytest.approx(ratio)
    assert plan.legs[0].quantity == pytest.approx(ratio * 100_000 / 2_500)
    assert plan.legs[0].instrument is Instrument.PERPETUAL


def test_expected_scenarios_keep_one_minus_rho_squared_of_the_move_and_a_breakdown_keeps_more():
    plan = correlated_plan(Holding(symbol="BTC", quantity=2), prices={"BTC": 50_000})
    expected = {s.move: s for s in plan.scenarios}
    broken = {s.move: s for s in plan.correlation.breakdown_scenarios}

    assert expected[-0.2].hedged_pnl_usd == pytest.approx(-20_000 * (1 - 0.64))
    assert broken[-0.2].hedged_pnl_usd == pytest.approx(-20_000 * (1 - 0.3 * 0.8))


def test_a_stock_is_hedged_with_micro_e_minis_sized_by_beta():
    plan = correlated_plan(
        Holding(symbol="AAPL", quantity=1, value_usd=1_000_000), prices={"ES": 5_000}
    )
    leg = plan.legs[0]

    assert plan.correlation.contracts == {"ES": pytest.approx(4.8), "MES": pytest.approx(48)}
    assert (leg.symbol, leg.instrument, leg.contracts, leg.notional_usd) == (
        "ES",
        Instrument.QUARTERLY,
        48,
        pytest.approx(1_200_000),
    )


def test_a_us_holder_of_a_coin_without_us_futures_is_told_to_use_the_correlated_hedge():
    request = HedgeRequest(
        portfolio=Portfolio(holdings=[Holding(symbol="DOGE", quantity=1_000_000)]),
        intent=Intent(region=Region.US),
    )

    recommendation = recommend(request, load_snapshot(), now=NOW)

    assert recommendation.recommended is HedgeKind.CORRELATED
    assert recommendation.plans[0].correlation.proxy == "BTC"
    assert "No direct short" in recommendation.reasons[0]
