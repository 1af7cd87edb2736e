"""[market] in the config: which provider the app gets, and how its settings carry over."""

from __future__ import annotations

from bot.config import load_settings
from hedging.market import SnapshotProvider
from hedging.models import Region
from marketdata import live_settings, market_for, market_from_config
from marketdata.provider import LiveProvider, LiveSettings, RegionalView
from marketdata.settings import MarketSettings as MarketConfig


def test_the_default_source_is_the_shipped_snapshot() -> None:
    assert isinstance(market_from_config(MarketConfig()), SnapshotProvider)


def test_offline_overrides_a_live_source() -> None:
    config = MarketConfig(source="live")
    assert isinstance(market_from_config(config, offline=True), SnapshotProvider)


def test_a_live_source_builds_the_provider_with_the_configured_venues_and_lifetimes() -> None:
    config = MarketConfig(source="live", venues=["okx", "deribit"], cache_seconds=5)
    market = market_from_config(config)
    assert isinstance(market, LiveProvider)
    assert market.settings == LiveSettings(
        venues=("okx", "deribit"),
        us_venues=("coinbase", "kraken"),
        options_venue="deribit",
        timeout_seconds=4.0,
        price_seconds=5.0,
        funding_minutes=5.0,
        volatility_hours=6.0,
        history_days=90,
    )
    market.close()


def test_venue_lists_can_come_from_the_environment_comma_separated() -> None:
    environ = {"HEDGEBOT_MARKET__VENUES": "bybit, okx", "HEDGEBOT_MARKET__SOURCE": "live"}
    market = load_settings(environ=environ).market
    assert (market.source, market.venues) == ("live", ["bybit", "okx"])
    assert live_settings(market).venues == ("bybit", "okx")


def test_each_user_sees_a_live_provider_through_their_region() -> None:
    live = market_from_config(MarketConfig(source="live"))
    assert isinstance(live, LiveProvider)
    assert market_for(live, Region.US) == RegionalView(live, Region.US)
    snapshot = SnapshotProvider()
    assert market_for(snapshot, Region.US) is snapshot
    live.close()
