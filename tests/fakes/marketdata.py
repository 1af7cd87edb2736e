"""Hand-written stand-ins for the live provider tests: a fake clock, recorded venues, a snapshot."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from hedging.models import AssetClass, AssetMarket, MarketSnapshot
from marketdata.cache import MarketCache
from marketdata.exchanges import Exchange
from marketdata.provider import FallbackProvider, LiveProvider, LiveSettings
from marketdata.replay import ReplayExchange, ReplayStocks, load_recording, replay_factory
from marketdata.stocks import StockFeed
from tests import DATA

RECORDINGS = DATA / "ccxt"
RECORDED_AT = datetime(2026, 11, 25, 11, 0, 5, tzinfo=UTC)

BUILT_IN = MarketSnapshot(
    source="built-in snapshot",
    as_of=datetime(2026, 11, 20, tzinfo=UTC),
    assets={
        "BTC": AssetMarket(
            symbol="BTC",
            asset_class=AssetClass.CRYPTO,
            price_usd=95_000,
            volatility=0.50,
            implied_volatility=0.52,
            funding_rate=0.0001,
            funding_interval_hours=8,
            option_contract_size=0.1,
        ),
        "ETH": AssetMarket(
            symbol="ETH",
            asset_class=AssetClass.CRYPTO,
            price_usd=3_200,
            volatility=0.65,
            funding_rate=0.0001,
            funding_interval_hours=8,
        ),
        "SOL": AssetMarket(
            symbol="SOL",
            asset_class=AssetClass.CRYPTO,
            price_usd=150,
            volatility=0.80,
            funding_rate=0.0001,
            funding_interval_hours=8,
        ),
        "DOGE": AssetMarket(
            symbol="DOGE", asset_class=AssetClass.CRYPTO, price_usd=0.2, volatility=0.9
        ),
        "SPY": AssetMarket(
            symbol="SPY", asset_class=AssetClass.ETF, price_usd=600, volatility=0.17, beta=1.0
        ),
        "AAPL": AssetMarket(
            symbol="AAPL", asset_class=AssetClass.STOCK, price_usd=230, volatility=0.28, beta=1.2
        ),
        "MSFT": AssetMarket(
            symbol="MSFT", asset_class=AssetClass.STOCK, price_usd=420, volatility=0.25, beta=1.1
        ),
    },
    correlations={"BTC/ETH": 0.8, "BTC/SOL": 0.75, "AAPL/SPY": 0.76, "BTC/SPY": 0.3},
)


class FakeClock:
    """Time that moves only when a test says so."""

    def __init__(self, start: datetime = RECORDED_AT) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


class BuiltIn:
    """The shipped snapshot's stand-in: always answers with BUILT_IN."""

    def snapshot(self, symbols: Iterable[str]) -> MarketSnapshot:
        return BUILT_IN


class Venues:
    """Opens recorded venues and keeps them, so a test can see which calls were made."""

    def __init__(
        self,
        overrides: Mapping[str, Mapping[str, Any]] | None = None,
        hang: threading.Event | None = None,
    ) -> None:
        self._open = replay_factory(RECORDINGS, overrides, hang)
        self.opened: dict[str, ReplayExchange] = {}

    def __call__(self, venue: str) -> Exchange:
        exchange = self._open(venue)
        assert isinstance(exchange, ReplayExchange)
        self.opened[venue] = exchange
        return exchange

    def calls(self, venue: str) -> list[str]:
        return list(self.opened[venue].made) if venue in self.opened else []


def live_provider(
    recorded: Venues,
    clock: FakeClock,
    fallback: FallbackProvider | None = None,
    stock_feed: StockFeed | None = None,
    **settings: Any,
) -> LiveProvider:
    """A provider over recorded venues with the fake clock, BUILT_IN behind it by default."""
    options = {"timeout_seconds": 5.0} | settings
    return LiveProvider(
        LiveSettings(**options),
        fallback or BuiltIn(),
        recorded,
        stock_feed=stock_feed,
        cache=MarketCache(now=clock.now, retry_after=timedelta(seconds=30)),
        now=clock.now,
    )


def recorded_stocks(clock: FakeClock, overrides: Mapping[str, Any] | None = None) -> ReplayStocks:
    """yfinance as recorded in tests/data/yahoo/yahoo.json."""
    recording = load_recording(RECORDINGS.parent / "yahoo" / "yahoo.json")
    return ReplayStocks(recording, clock.now, overrides=overrides)
