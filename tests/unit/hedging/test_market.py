import math
from datetime import UTC, datetime

import pytest

from hedging.errors import HedgeInputError
from hedging.market import (
    MarketDataProvider,
    SnapshotProvider,
    asset_for,
    correlation,
    load_snapshot,
    with_prices,
)
from hedging.models import AssetClass

SNAPSHOT = load_snapshot()


def test_the_shipped_snapshot_is_dated_sourced_and_covers_the_promised_symbols():
    assert SNAPSHOT.as_of == datetime(2026, 11, 25, tzinfo=UTC)
    assert SNAPSHOT.source and SNAPSHOT.references
    assert {"BTC", "ETH", "SOL", "XRP", "BNB", "SPY", "QQQ", "ES", "AAPL", "NVDA"} <= set(
        SNAPSHOT.assets
    )


@pytest.mark.parametrize(
    ("symbol", "volatility"), [("BTC", 0.50), ("ETH", 0.65), ("SOL", 0.80), ("SPY", 0.17)]
)
def test_default_volatilities_are_the_reference_defaults(symbol, volatility):
    assert SNAPSHOT.assets[symbol].volatility == volatility


def test_crypto_perpetuals_fund_at_one_basis_point_every_eight_hours():
    btc = SNAPSHOT.assets["BTC"]

    assert (btc.funding_rate, btc.funding_interval_hours) == (0.0001, 8)


@pytest.mark.parametrize(("first", "second", "rho"), [("BTC", "ETH", 0.80), ("SOL", "BTC", 0.75)])
def test_correlations_are_looked_up_either_way_round(first, second, rho):
    assets = SNAPSHOT.assets

    assert correlation(SNAPSHOT, assets[first], assets[second]) == rho
    assert correlation(SNAPSHOT, assets[second], assets[first]) == rho


def test_a_stock_without_a_listed_correlation_gets_one_implied_by_its_beta():
    unknown = asset_for(SNAPSHOT, "XYZ", 10.0, AssetClass.STOCK)

    assert correlation(SNAPSHOT, unknown, SNAPSHOT.assets["SPY"]) == pytest.approx(
        1.0 * 0.17 / 0.35
    )


def test_the_snapshot_provider_satisfies_the_provider_protocol():
    provider = SnapshotProvider()

    assert isinstance(provider, MarketDataProvider)
    assert provider.snapshot(["BTC"]) is SNAPSHOT


def test_a_price_override_replaces_only_that_price_and_says_who_gave_it():
    changed = with_prices(SNAPSHOT, {"btc": 50_000})

    assert (changed.assets["BTC"].price_usd, changed.assets["BTC"].price_source) == (50_000, "you")
    assert changed.assets["ETH"] == SNAPSHOT.assets["ETH"]
    assert SNAPSHOT.assets["BTC"].price_usd != 50_000


@pytest.mark.parametrize("price", [0, -1, math.nan, math.inf])
def test_a_price_override_must_be_a_positive_number(price):
    with pytest.raises(HedgeInputError, match=r"The price for BTC must be a positive number\."):
        with_prices(SNAPSHOT, {"BTC": price})


def test_an_unknown_symbol_needs_a_price():
    with pytest.raises(HedgeInputError, match='Add one, like "10 XYZ @ 25"'):
        asset_for(SNAPSHOT, "XYZ")
