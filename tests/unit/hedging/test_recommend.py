from datetime import UTC, datetime

import pytest

from hedging.market import load_snapshot
from hedging.models import (
    HedgeKind,
    HedgeRequest,
    Holding,
    Instrument,
    Intent,
    Outlook,
    Portfolio,
    Region,
)
from hedging.planner import recommend

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SNAPSHOT = load_snapshot()


def recommendation_for(*holdings, market=SNAPSHOT, **intent):
    request = HedgeRequest(portfolio=Portfolio(holdings=list(holdings)), intent=Intent(**intent))
    return recommend(request, market, now=NOW)


@pytest.mark.parametrize(
    ("outlook", "kind"),
    [
        (Outlook.BIG_DROP, HedgeKind.FULL),
        (Outlook.UNSURE, HedgeKind.PARTIAL),
        (Outlook.INSURANCE, HedgeKind.OPTIONS),
    ],
)
def test_the_outlook_picks_the_hedge_the_guide_suggests(outlook, kind):
    recommendation = recommendation_for(Holding(symbol="BTC", quantity=2), outlook=outlook)

    assert recommendation.recommended is kind
    assert recommendation.plans[0].kind is kind


@pytest.mark.parametrize("outlook", list(Outlook))
def test_all_four_plans_are_always_shown_with_one_to_three_short_reasons(outlook):
    recommendation = recommendation_for(
        Holding(symbol="ETH", quantity=10), Holding(symbol="AAPL", quantity=100), outlook=outlook
    )

    assert sorted(plan.kind for plan in recommendation.plans) == sorted(HedgeKind)
    assert 1 <= len(recommendation.reasons) <= 3
    assert all(len(reason) <= 160 and "<" not in reason for reason in recommendation.reasons)


@pytest.mark.parametrize(
    ("outlook", "kind"),
    [(Outlook.UNSURE, HedgeKind.PARTIAL), (Outlook.INSURANCE, HedgeKind.PARTIAL)],
)
def test_a_plan_that_cannot_be_traded_is_ranked_last_but_still_shown(outlook, kind):
    recommendation = recommendation_for(Holding(symbol="DOGE", quantity=100_000), outlook=outlook)
    options = recommendation.plans[-1]

    assert recommendation.recommended is kind
    assert (options.kind, options.available) == (HedgeKind.OPTIONS, False)
    assert (
        options.notes[0]
        == "No listed options on DOGE fit your region, so it stays unprotected here."
    )


def test_a_us_resident_without_a_direct_short_is_pointed_to_a_correlated_one():
    recommendation = recommendation_for(
        Holding(symbol="ADA", quantity=100_000), region=Region.US, outlook=Outlook.BIG_DROP
    )

    assert recommendation.recommended is HedgeKind.CORRELATED
    assert recommendation.reasons[0].startswith("No direct short fits your region")


def test_without_perpetuals_or_futures_allowed_the_direct_hedge_is_unavailable():
    recommendation = recommendation_for(
        Holding(symbol="BTC", quantity=1),
        instruments=frozenset({Instrument.OPTION}),
        outlook=Outlook.BIG_DROP,
    )

    assert recommendation.recommended is HedgeKind.OPTIONS
    assert [plan.available for plan in recommendation.plans] == [True, False, False, False]


def test_a_direct_hedge_made_expensive_by_funding_gives_way_to_the_correlated_one():
    btc = SNAPSHOT.assets["BTC"].model_copy(update={"funding_rate": -0.0005})
    stressed = SNAPSHOT.model_copy(update={"assets": {**SNAPSHOT.assets, "BTC": btc}})

    recommendation = recommendation_for(
        Holding(symbol="BTC", quantity=2),
        market=stressed,
        horizon_days=30,
        instruments=frozenset({Instrument.PERPETUAL}),
    )

    assert recommendation.recommended is HedgeKind.CORRELATED
    assert recommendation.reasons[0].startswith("A direct short would cost about 4.6% of its size")


def test_when_shorts_pay_funding_the_full_hedge_uses_a_dated_future_instead():
    btc = SNAPSHOT.assets["BTC"].model_copy(update={"funding_rate": -0.0005})
    stressed = SNAPSHOT.model_copy(update={"assets": {**SNAPSHOT.assets, "BTC": btc}})

    recommendation = recommendation_for(
        Holding(symbol="BTC", quantity=2), market=stressed, outlook=Outlook.BIG_DROP
    )
    full = recommendation.plans[0]

    assert (full.kind, full.legs[0].instrument, full.costs.funding_usd) == (
        HedgeKind.FULL,
        Instrument.QUARTERLY,
        0.0,
    )


def test_an_event_date_without_a_horizon_hedges_until_a_day_after_it():
    recommendation = recommendation_for(
        Holding(symbol="BTC", quantity=1), event_at=datetime(2026, 12, 9, 19, 0, tzinfo=UTC)
    )

    assert recommendation.intent.horizon_days == 16
    assert recommendation.plans[0].horizon_days == 16


def test_a_budget_picks_the_best_plan_that_fits_it():
    recommendation = recommendation_for(
        Holding(symbol="BTC", quantity=2), outlook=Outlook.INSURANCE, max_cost_usd=50
    )

    assert recommendation.recommended is HedgeKind.PARTIAL
    assert recommendation.plans[0].costs.total_usd <= 50
    assert recommendation.reasons[0] == "It is the best fit that stays within your $50.00 limit."


def test_the_recommendation_carries_the_markets_source_and_time():
    recommendation = recommendation_for(Holding(symbol="BTC", quantity=1))

    assert (recommendation.market.source, recommendation.market.as_of) == (
        SNAPSHOT.source,
        SNAPSHOT.as_of,
    )
