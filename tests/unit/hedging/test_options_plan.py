from datetime import UTC, datetime

import pytest

from hedging.american import american
from hedging.exercise_boundary import SHORTEST_READ
from hedging.expiries import crypto_expiries, equity_expiries, expiry_covering
from hedging.market import load_snapshot, with_prices
from hedging.models import AssetClass, HedgeKind, HedgeRequest, Holding, Intent, Outlook, Portfolio
from hedging.planner import recommend
from hedging.pricing import OptionType, black76
from hedging.scenarios import pnl_at_move

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday


def options_plan(holding, outlook=Outlook.INSURANCE, days=7, prices=None, max_cost=None):
    request = HedgeRequest(
        portfolio=Portfolio(holdings=[holding]),
        intent=Intent(outlook=outlook, horizon_days=days, max_cost_usd=max_cost),
    )
    market = with_prices(load_snapshot(), prices or {"BTC": 50_000})
    recommendation = recommend(request, market, now=NOW)
    plan = next(plan for plan in recommendation.plans if plan.kind is HedgeKind.OPTIONS)
    return plan, recommendation.portfolio


def test_puts_are_priced_at_the_money_and_about_5_and_10_percent_below():
    plan, _ = options_plan(Holding(symbol="BTC", quantity=2))

    assert [(d.strike_usd, round(d.strike_pct, 4)) for d in plan.option_strikes] == [
        (50_000, 0.0),
        (47_500, -0.05),
        (45_000, -0.10),
    ]


def test_a_crypto_put_costs_black_76_on_the_price_with_no_discounting():
    plan, _ = options_plan(Holding(symbol="BTC", quantity=2))
    chosen = plan.options
    years = (datetime(2026, 12, 4, 8, 0, tzinfo=UTC) - NOW).total_seconds() / (365 * 86400)

    assert (chosen.strike_usd, chosen.model, chosen.expiry_days) == (
        47_500,
        "black-76",
        pytest.approx(years * 365),
    )
    assert chosen.premium_per_unit_usd == pytest.approx(
        black76(OptionType.PUT, 50_000, 47_500, years, 0.0, chosen.implied_vol), abs=1e-9
    )
    assert plan.costs.premium_usd == pytest.approx(2 * chosen.premium_per_unit_usd)


@pytest.mark.parametrize("days", [1, 7, 30])
def test_crypto_option_fees_are_3_basis_points_of_the_underlying_capped_at_an_eighth_of_the_price(
    days,
):
    plan, _ = options_plan(Holding(symbol="BTC", quantity=2), days=days)

    assert [d.fees_usd for d in plan.option_strikes] == [
        pytest.approx(2 * min(0.0003 * 50_000, 0.125 * d.premium_per_unit_usd))
        for d in plan.option_strikes
    ]


def test_the_option_fee_cap_binds_on_a_cheap_put():
    plan, _ = options_plan(Holding(symbol="BTC", quantity=2), days=1)
    far = plan.option_strikes[-1]

    assert far.fees_usd == pytest.approx(2 * 0.125 * far.premium_per_unit_usd)
    assert far.fees_usd < 2 * 0.0003 * 50_000


def test_contracts_are_rounded_and_the_rounding_is_said():
    plan, _ = options_plan(Holding(symbol="BTC", quantity=2.03))

    assert (plan.legs[0].contracts, plan.legs[0].quantity) == (20, 2.0)
    assert "20 contracts cover 2 of your 2.03" in " ".join(plan.notes)


def test_spy_puts_are_priced_as_american_with_the_dividend_yield_and_100_share_contracts():
    plan, _ = options_plan(
        Holding(symbol="SPY", quantity=1, value_usd=500_000), prices={"SPY": 500}
    )
    chosen = plan.options
    snapshot = load_snapshot()
    years = chosen.expiry_days / 365
    expected = american(
        OptionType.PUT,
        500,
        475,
        years,
        snapshot.risk_free_rate,
        chosen.implied_vol,
        snapshot.assets["SPY"].dividend_yield,
    )

    assert (chosen.contracts, chosen.contract_size, chosen.strike_usd) == (10, 100, 475)
    assert chosen.premium_per_unit_usd == pytest.approx(expected, abs=1e-9)
    assert chosen.fees_usd == pytest.approx(10 * 0.65)


@pytest.mark.parametrize(
    ("outlook", "strike"), [(Outlook.BIG_DROP, 50_000), (Outlook.UNSURE, 47_500)]
)
def test_the_strike_follows_the_outlook(outlook, strike):
    plan, _ = options_plan(Holding(symbol="BTC", quantity=2), outlook=outlook)

    assert plan.options.strike_usd == strike


def test_a_budget_moves_the_put_to_a_cheaper_strike():
    plan, _ = options_plan(
        Holding(symbol="BTC", quantity=2), outlook=Outlook.BIG_DROP, max_cost=800
    )

    assert plan.options.strike_usd == 45_000


def test_worst_case_and_breakeven_match_the_payoff_at_expiry():
    plan, portfolio = options_plan(Holding(symbol="BTC", quantity=2))
    chosen = plan.options
    at_zero = pnl_at_move(plan, portfolio, -1.0)
    at_breakeven = pnl_at_move(plan, portfolio, chosen.breakeven_usd / 50_000 - 1)

    assert chosen.worst_case_loss_usd == pytest.approx(2 * (50_000 - 47_500) + plan.costs.total_usd)
    assert -at_zero.net_pnl_usd <= chosen.worst_case_loss_usd + 1e-6
    assert at_breakeven.net_pnl_usd >= -1e-6


def test_a_collar_sells_a_call_that_pays_for_the_put_and_caps_the_gain():
    plan, _ = options_plan(Holding(symbol="BTC", quantity=2))
    collar = plan.collar
    by_move = {s.move: s for s in collar.scenarios}

    assert collar.call_strike_usd > 50_000
    assert collar.net_premium_usd <= 0
    assert by_move[0.3].hedged_pnl_usd < by_move[0.3].unhedged_pnl_usd
    assert by_move[-0.3].hedged_pnl_usd > by_move[-0.3].unhedged_pnl_usd


@pytest.mark.parametrize("days", [1, 3, 7, 30, 90, 200, 365])
def test_the_expiry_chosen_covers_the_horizon(days):
    for asset_class, symbol in [(AssetClass.CRYPTO, "BTC"), (AssetClass.ETF, "SPY")]:
        expiry = expiry_covering(asset_class, symbol, NOW, days)
        assert (expiry - NOW).total_seconds() >= days * 86400


def test_crypto_expiries_are_at_8_utc_and_equity_ones_at_4pm_new_york():
    assert {(e.hour, e.minute) for e in crypto_expiries(NOW)} == {(8, 0)}
    assert {e.hour for e in equity_expiries(NOW, "AAPL")} <= {20, 21}
    assert all(e.weekday() == 4 for e in equity_expiries(NOW, "AAPL"))


def test_a_share_put_revalued_at_the_horizon_from_its_entry_boundary_matches_a_fresh_solve():
    """A 3-day horizon leaves 0.68 of the put's life: the scenario table starts from the boundary
    solved for its price, where pnl_at_move solves one afresh from BAW's guess; they agree to a
    thousandth of a percent (3 cents on this $14,666 loss)."""
    plan, portfolio = options_plan(Holding(symbol="AAPL", quantity=1000), days=3)
    put = plan.legs[0]
    life = (put.expiry - NOW).total_seconds() / (365 * 24 * 3600)
    assert (put.years_left_at_horizon or 0.0) / life >= SHORTEST_READ

    for row in plan.scenarios:
        fresh = pnl_at_move(plan, portfolio, row.move)
        assert row.hedged_pnl_usd == pytest.approx(fresh.hedged_pnl_usd, rel=1e-5, abs=0.01)
