"""Live market data from public exchange endpoints (ccxt), cached, with the snapshot behind it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.marketdata.cache import utc_now
from bot.marketdata.exchanges import Exchange, open_exchange
from bot.marketdata.provider import PROXIES, LiveProvider, LiveSettings
from bot.marketdata.stocks import YahooFeed
from hedging.market import MarketDataProvider, SnapshotProvider
from hedging.models import MarketSnapshot, Region

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from bot.config import MarketConfig


def live_settings(config: MarketConfig) -> LiveSettings:
    """The provider's settings from the [market] table."""
    return LiveSettings(
        venues=tuple(config.venues),
        us_venues=tuple(config.us_venues),
        options_venue=config.options_venue,
        timeout_seconds=config.timeout_seconds,
        price_seconds=config.cache_seconds,
        funding_minutes=config.funding_minutes,
        volatility_hours=config.volatility_hours,
        history_days=config.history_days,
    )


def market_from_config(config: MarketConfig, *, offline: bool = False) -> MarketDataProvider:
    """`source = "live"`: exchanges first, the shipped snapshot behind; else the snapshot alone."""
    if offline or config.source == "snapshot":
        return SnapshotProvider()
    return live_provider(config)


def live_provider(
    config: MarketConfig, wrap: Callable[[Exchange], Exchange] | None = None
) -> LiveProvider:
    """The live provider the [market] table describes; `wrap` sees each venue as it opens."""
    settings = live_settings(config)
    stock_feed = YahooFeed(settings.timeout_seconds, utc_now) if config.stocks == "yahoo" else None

    def open_venue(venue: str) -> Exchange:
        exchange = open_exchange(venue, settings.timeout_seconds)
        return wrap(exchange) if wrap else exchange

    return LiveProvider(settings, SnapshotProvider(), open_venue, stock_feed=stock_feed)


def market_for(market: Any, region: Region | None) -> MarketDataProvider:
    """The provider as seen by one user: a live one asks the venues open in their region."""
    if isinstance(market, LiveProvider):
        return market.for_region(region)
    provider: MarketDataProvider = market
    return provider


def keep_warm(application: Any, market: Any) -> None:
    """Refresh the proxies' prices on the job queue, so replies rarely wait on an exchange."""
    if not isinstance(market, LiveProvider) or application.job_queue is None:
        return
    every = market.settings.price_seconds

    async def refresh(context: Any) -> None:
        market.warm(PROXIES)  # only submits loads to the provider's threads

    application.job_queue.run_repeating(refresh, interval=every, first=0, name="market-refresh")


def configured_snapshot(
    symbols: Iterable[str],
    region: Region | None,
    *,
    offline: bool = False,
    config: MarketConfig | None = None,
) -> MarketSnapshot:
    """One snapshot for a command-line run, from the [market] table (hedgebot.toml, env)."""
    if config is None:
        from bot.config import load_settings

        config = load_settings().market
    market = market_from_config(config, offline=offline)
    try:
        return market_for(market, region).snapshot(symbols)
    finally:
        if isinstance(market, LiveProvider):
            market.close()
