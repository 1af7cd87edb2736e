"""Live market data from public exchange endpoints (ccxt), cached, with the snapshot behind it.

The live modules load on first use: importing this package (the bot's config does, for
MarketSettings) must stay cheap for a cold `hedgebot plan`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from marketdata.settings import MarketSettings

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from hedging.market import MarketDataProvider
    from hedging.models import MarketSnapshot, Region
    from marketdata.exchanges import Exchange
    from marketdata.provider import LiveProvider, LiveSettings


def live_settings(config: MarketSettings) -> LiveSettings:
    """The provider's settings from the [market] settings."""
    from marketdata.provider import LiveSettings

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


def market_from_config(config: MarketSettings, *, offline: bool = False) -> MarketDataProvider:
    """`source = "live"`: exchanges first, the shipped snapshot behind; else the snapshot alone."""
    from hedging.market import SnapshotProvider

    if offline or config.source == "snapshot":
        return SnapshotProvider()
    return live_provider(config)


def live_provider(
    config: MarketSettings, wrap: Callable[[Exchange], Exchange] | None = None
) -> LiveProvider:
    """The live provider the [market] table describes; `wrap` sees each venue as it opens."""
    from hedging.market import SnapshotProvider
    from marketdata.cache import utc_now
    from marketdata.exchanges import open_exchange
    from marketdata.provider import LiveProvider
    from marketdata.stocks import YahooFeed

    settings = live_settings(config)
    stock_feed = YahooFeed(settings.timeout_seconds, utc_now) if config.stocks == "yahoo" else None

    def open_venue(venue: str) -> Exchange:
        exchange = open_exchange(venue, settings.timeout_seconds)
        return wrap(exchange) if wrap else exchange

    return LiveProvider(settings, SnapshotProvider(), open_venue, stock_feed=stock_feed)


def market_for(market: Any, region: Region | None) -> MarketDataProvider:
    """The provider as seen by one user: a live one asks the venues open in their region."""
    if _is_live(market):
        return market.for_region(region)
    provider: MarketDataProvider = market
    return provider


def keep_warm(application: Any, market: Any) -> None:
    """Refresh the proxies' prices on the job queue, so replies rarely wait on an exchange."""
    if not _is_live(market) or application.job_queue is None:
        return
    from marketdata.provider import PROXIES

    every = market.settings.price_seconds

    async def refresh(context: Any) -> None:
        market.warm(PROXIES)  # only submits loads to the provider's threads

    application.job_queue.run_repeating(refresh, interval=every, first=0, name="market-refresh")


def configured_snapshot(
    symbols: Iterable[str],
    region: Region | None,
    *,
    offline: bool = False,
    config: MarketSettings | None = None,
) -> MarketSnapshot:
    """One snapshot for a command-line run, from the [market] settings (defaults when None)."""
    config = config if config is not None else MarketSettings()
    market = market_from_config(config, offline=offline)
    try:
        return market_for(market, region).snapshot(symbols)
    finally:
        if _is_live(market):
            market.close()  # type: ignore[attr-defined]


def _is_live(market: Any) -> bool:
    """A LiveProvider, told without importing the live modules when none was ever made."""
    import sys

    provider = sys.modules.get("marketdata.provider")
    return provider is not None and isinstance(market, provider.LiveProvider)
