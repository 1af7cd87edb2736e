"""Live market data: venues in turn, then the shipped snapshot, and a note when it falls back."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from hedging.models import AssetClass, MarketSnapshot, Region
from marketdata.assembly import BENCHMARK, MIN_CLOSES, Assembly
from marketdata.cache import (
    Answer,
    Fetched,
    Key,
    Lifetime,
    MarketCache,
    Missing,
    Request,
    Unanswered,
    utc_now,
)
from marketdata.exchanges import (
    Exchange,
    Funding,
    MalformedData,
    NotListed,
    failure_reason,
    find_market,
    read_closes,
    read_funding,
    read_price,
)
from marketdata.options import (
    ListedOption,
    dvol,
    index_price,
    listed_options,
    mark_iv,
    nearest_put,
)
from marketdata.stocks import StockFeed

MEMO_SIZE = 256  # distinct (symbols, region) snapshots remembered
PROXIES = ("BTC", "ETH")  # the correlated hedge shorts one of these: always priced alongside


class FallbackProvider(Protocol):
    """Anything with the core's `snapshot(symbols) -> MarketSnapshot` (the shipped snapshot)."""

    def snapshot(self, symbols: Iterable[str]) -> MarketSnapshot: ...


@dataclass(frozen=True)
class LiveSettings:
    """Which venues, how long to wait, and how long each kind of answer stays good."""

    venues: tuple[str, ...] = ("binance", "bybit", "okx", "deribit")
    us_venues: tuple[str, ...] = ("coinbase", "kraken")
    options_venue: str = "deribit"
    timeout_seconds: float = 4.0
    price_seconds: float = 15.0
    funding_minutes: float = 5.0
    volatility_hours: float = 6.0
    history_days: int = 90
    option_min_days: int = 7  # the implied vol shown is the put that covers at least a week

    def lifetimes(self) -> dict[str, Lifetime]:
        """Fresh for the configured time; still served (while refreshing) for a while after."""
        price = timedelta(seconds=self.price_seconds)
        funding = timedelta(minutes=self.funding_minutes)
        volatility = timedelta(hours=self.volatility_hours)
        return {
            "price": Lifetime(price, price * 20),
            "funding": Lifetime(funding, funding * 12),
            "history": Lifetime(volatility, volatility * 8),
            "implied vol": Lifetime(funding * 2, funding * 12),
            "options": Lifetime(volatility, volatility * 8),
        }


class LiveProvider:
    """Implements `hedging.market.MarketDataProvider` from public exchange data, cached for all."""

    def __init__(
        self,
        settings: LiveSettings,
        fallback: FallbackProvider,
        open_venue: Callable[[str], Exchange],
        *,
        stock_feed: StockFeed | None = None,
        cache: MarketCache | None = None,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.settings = settings
        self._stock_feed = stock_feed
        self._fallback = fallback
        self._open_venue = open_venue
        self._now = now
        self.cache = cache or MarketCache(now=now)
        self._lifetimes = settings.lifetimes()
        self._exchanges: dict[str, Exchange] = {}
        self._markets: dict[str, tuple[datetime, dict[str, Any]]] = {}
        self._venue_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self._assembled: dict[tuple[Any, ...], tuple[tuple[Any, ...], MarketSnapshot]] = {}

    def snapshot(self, symbols: Iterable[str], *, region: Region | None = None) -> MarketSnapshot:
        """Live values where a venue answered in time, the shipped snapshot's elsewhere, said so."""
        base, coins, stocks, requests = self._plan(symbols, region)
        found = self.cache.lookup(requests, self.settings.timeout_seconds)
        # the same answers as last time give the same snapshot: skip re-estimating everything
        inputs = (base, region, *found.items())
        memo_key = (tuple(coins), tuple(stocks), region)
        remembered = self._assembled.get(memo_key)
        if remembered is not None and _same(remembered[0], inputs):
            return remembered[1]
        snapshot = Assembly(base, coins, stocks, found, region).snapshot()
        if len(self._assembled) >= MEMO_SIZE:
            self._assembled.clear()
        self._assembled[memo_key] = (inputs, snapshot)  # holds the inputs: no id reuse
        return snapshot

    def warm(self, symbols: Iterable[str], *, region: Region | None = None) -> None:
        """Start loading whatever is not fresh, without waiting (at start-up, on a timer)."""
        self.cache.refresh(self._plan(symbols, region)[3])

    def for_region(self, region: Region | None) -> RegionalView:
        """This provider as the core's plain `snapshot(symbols)`, for one region's venues."""
        return RegionalView(self, region)

    def built_in(self, symbols: Iterable[str] = ()) -> MarketSnapshot:
        """The snapshot behind the live data."""
        return self._fallback.snapshot(symbols)

    def known(self) -> dict[Key, Fetched | Missing]:
        """What the cache holds now, for `hedgebot market`."""
        return self.cache.entries()

    def close(self) -> None:
        self.cache.close()

    def _plan(
        self, symbols: Iterable[str], region: Region | None
    ) -> tuple[MarketSnapshot, list[str], list[str], dict[Key, Request]]:
        """The snapshot behind, the coins and the stocks to ask about, and the loads to look up.

        Coins: what the snapshot calls crypto, and what it does not know (a venue may list it).
        Stocks and ETFs only with a stock feed, and then SPY too, for their betas.
        """
        wanted = list(dict.fromkeys([*symbols, *PROXIES]))
        base = self._fallback.snapshot(wanted)
        classes = {s: base.assets[s].asset_class if s in base.assets else None for s in wanted}
        coins = [s for s, kind in classes.items() if kind in (None, AssetClass.CRYPTO)]
        stocks = [s for s, kind in classes.items() if kind in (AssetClass.STOCK, AssetClass.ETF)]
        if self._stock_feed is None:
            stocks = []
        elif stocks and BENCHMARK in base.assets and BENCHMARK not in stocks:
            stocks.append(BENCHMARK)
        requests = self._requests(coins, region)
        for symbol in stocks:
            requests |= self._stock_requests(symbol)
        return base, coins, stocks, requests

    def _stock_requests(self, symbol: str) -> dict[Key, Request]:
        feed = self._stock_feed
        assert feed is not None
        days = self.settings.history_days

        def history() -> dict[date, float]:
            closes = feed.daily_closes(symbol, days)
            if len(closes) < MIN_CLOSES:
                raise MalformedData(f"only {len(closes)} daily closes")
            return closes

        return {
            ("stock price", symbol): (
                self._lifetimes["price"],
                self._from_feed(feed.name, lambda: feed.last_price(symbol)),
            ),
            ("stock history", symbol): (
                self._lifetimes["history"],
                self._from_feed(feed.name, history),
            ),
        }

    @staticmethod
    def _from_feed(name: str, read: Callable[[], Any]) -> Callable[[], Answer]:
        def load() -> Answer:
            try:
                return Answer(read(), name)
            except Exception as error:
                raise Unanswered((f"{name} {failure_reason(error)}",)) from error

        return load

    def _requests(self, coins: list[str], region: Region | None) -> dict[Key, Request]:
        us = region is Region.US
        chain = self.settings.us_venues if us else self.settings.venues
        scope = "us" if us else "world"
        options_venue = self.settings.options_venue
        life = self._lifetimes
        requests: dict[Key, Request] = {}
        for coin in coins:
            requests[("price", scope, coin)] = (life["price"], self._walk(chain, coin, self._price))
            requests[("funding", scope, coin)] = (
                life["funding"],
                self._walk(chain, coin, self._funding),
            )
            requests[("history", scope, coin)] = (
                life["history"],
                self._walk(chain, coin, self._history),
            )
            requests[("implied vol", coin)] = (
                life["implied vol"],
                self._implied_vol_loader(options_venue, coin),
            )
            if not us:  # offshore options are not offered to US persons: name none
                requests[("options", coin)] = (
                    life["options"],
                    self._walk((options_venue,), coin, self._listing),
                )
        return requests

    def _walk(
        self, chain: Iterable[str], coin: str, read: Callable[[Exchange, str, str], Any]
    ) -> Callable[[], Answer]:
        """A loader that asks each venue in turn and keeps why the earlier ones failed."""

        def load() -> Answer:
            skipped: list[str] = []
            for venue in chain:
                try:
                    return Answer(read(self._exchange(venue), venue, coin), venue, tuple(skipped))
                except Exception as error:
                    skipped.append(f"{venue} {failure_reason(error)}")
            raise Unanswered(tuple(skipped))

        return load

    def _price(self, exchange: Exchange, venue: str, coin: str) -> float:
        spot = find_market(self._markets_of(exchange, venue), coin, "spot")
        return read_price(exchange.fetch_ticker(spot["symbol"]))

    def _funding(self, exchange: Exchange, venue: str, coin: str) -> Funding:
        perpetual = find_market(self._markets_of(exchange, venue), coin, "swap")
        structure = exchange.fetch_funding_rate(perpetual["symbol"])
        intervals: Mapping[str, Any] = {}
        if structure.get("interval") is None and exchange.has.get("fetchFundingIntervals"):
            intervals = exchange.fetch_funding_intervals([perpetual["symbol"]])  # type: ignore[attr-defined]
        return read_funding(structure, perpetual, intervals)

    def _history(self, exchange: Exchange, venue: str, coin: str) -> dict[date, float]:
        spot = find_market(self._markets_of(exchange, venue), coin, "spot")
        rows = exchange.fetch_ohlcv(spot["symbol"], "1d", limit=self.settings.history_days + 1)
        closes = read_closes(rows, self._now())
        if len(closes) < MIN_CLOSES:
            raise MalformedData(f"only {len(closes)} daily closes")
        return closes

    def _listing(self, exchange: Exchange, venue: str, coin: str) -> list[ListedOption]:
        listing = listed_options(self._markets_of(exchange, venue), coin, self._now())
        if not listing:
            raise NotListed(f"lists no {coin} options")
        return listing

    def _implied_vol_loader(self, venue: str, coin: str) -> Callable[[], Answer]:
        return lambda: self._implied_vol(venue, coin)

    def _implied_vol(self, venue: str, coin: str) -> Answer:
        """Mark IV of the at-the-money put covering a week; DVOL when that fails."""
        try:
            exchange = self._exchange(venue)
            listing = self._listing(exchange, venue, coin)
        except Exception as error:  # no listing (or no venue): DVOL would not help either
            raise Unanswered((f"{venue} {failure_reason(error)}",)) from error
        try:
            spot = index_price(exchange, self._markets_of(exchange, venue), coin)
            covering = timedelta(days=self.settings.option_min_days)
            put = nearest_put(listing, spot, covering, self._now())
            return Answer(mark_iv(exchange.fetch_ticker(put.symbol), put), venue)
        except Exception as error:
            first = f"{venue} option ticker {failure_reason(error)}"
        try:
            return Answer(dvol(self._exchange(venue), coin, self._now()), venue, (first,))
        except Exception as error:
            raise Unanswered((first, f"{venue} DVOL {failure_reason(error)}")) from error

    def _exchange(self, venue: str) -> Exchange:
        with self._lock:
            if venue not in self._exchanges:
                self._exchanges[venue] = self._open_venue(venue)
            return self._exchanges[venue]

    def _markets_of(self, exchange: Exchange, venue: str) -> dict[str, Any]:
        """The venue's markets, loaded once and again after the options lifetime."""
        with self._lock:
            lock = self._venue_locks.setdefault(venue, threading.Lock())
        with lock:
            loaded = self._markets.get(venue)
            if loaded is None or self._now() - loaded[0] >= self._lifetimes["options"].fresh:
                markets = exchange.load_markets(reload=loaded is not None)  # new expiries
                if not isinstance(markets, dict) or not markets:
                    raise MalformedData("markets are empty")
                loaded = (self._now(), markets)
                self._markets[venue] = loaded
            return loaded[1]


@dataclass(frozen=True)
class RegionalView:
    """A LiveProvider seen through one region: what `hedging.planner.recommend` is given."""

    provider: LiveProvider
    region: Region | None

    def snapshot(self, symbols: Iterable[str]) -> MarketSnapshot:
        return self.provider.snapshot(symbols, region=self.region)


def _same(earlier: tuple[Any, ...], now: tuple[Any, ...]) -> bool:
    """Identical inputs, object for object (cache entries are frozen: replaced, never edited)."""
    return len(earlier) == len(now) and all(
        a is b or (isinstance(a, tuple) and a[0] == b[0] and a[1] is b[1])
        for a, b in zip(earlier, now, strict=True)
    )
