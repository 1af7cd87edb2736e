"""Live answers laid over the shipped snapshot, with one sentence for each fallback."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from hedging.estimators import aligned_returns, beta, correlation, volatility_from_closes
from hedging.models import AssetClass, AssetMarket, MarketSnapshot, Region
from marketdata.cache import Fetched, Key, Missing
from marketdata.exchanges import Funding
from marketdata.options import ImpliedVol, listing_update

MIN_CLOSES = 30  # fewer daily closes than this say little about volatility
BENCHMARK = "SPY"  # AssetMarket.beta is measured against it


class Assembly:
    """Lays live answers over the shipped snapshot and writes down every fallback."""

    def __init__(
        self,
        base: MarketSnapshot,
        coins: list[str],
        stocks: list[str],
        found: Mapping[Key, Fetched | Missing],
        region: Region | None,
    ) -> None:
        self.base = base
        self.coins = coins
        self.stocks = stocks
        self.scope = "us" if region is Region.US else "world"
        self.found = found
        self.used: list[Fetched] = []
        self.causes: dict[tuple[str, str, str], list[str]] = {}  # (origin, why, what) -> coins
        self.histories: dict[str, dict[date, float]] = {}

    def snapshot(self) -> MarketSnapshot:
        assets = dict(self.base.assets)
        for coin in self.coins:
            market = self._asset(coin)
            if market is not None:
                assets[coin] = market
        for symbol in self.stocks:
            stock = self._stock(symbol)
            if stock is not None:
                assets[symbol] = stock
        venues = sorted({entry.venue for entry in self.used})
        live = bool(venues)
        notes = [
            f"{_joined(coins)} {what} from {origin}: {why}."
            if origin
            else f"No {what} for {_joined(coins)}: {why}."
            for (origin, why, what), coins in self.causes.items()
        ]
        fell_back = any(origin.startswith("the built-in") for origin, _, _ in self.causes)
        source = "live: " + ", ".join(venues) if live else self.base.source
        if live and fell_back:
            source += " + built-in snapshot"
        return MarketSnapshot(
            source=source,
            as_of=min(entry.fetched_at for entry in self.used) if live else self.base.as_of,
            risk_free_rate=self.base.risk_free_rate,
            assets=assets,
            correlations={**self.base.correlations, **self._correlations()},
            fees=self.base.fees.model_copy(update=self._fees()),
            note=" ".join(notes) or self.base.note,
        )

    def _asset(self, coin: str) -> AssetMarket | None:
        prior = self.base.assets.get(coin)
        price = self._live(("price", self.scope, coin))
        history = self._live(("history", self.scope, coin))
        funding = self._live(("funding", self.scope, coin))
        implied = self._live(("implied vol", coin))
        listing = self._live(("options", coin))
        figures: list[tuple[Key, str]] = [
            (("price", self.scope, coin), "price"),
            (("funding", self.scope, coin), "funding"),
            (("history", self.scope, coin), "volatility"),
            (("implied vol", coin), "implied vol"),
        ]
        self._explain(coin, prior is not None, figures)
        if history is not None:
            self.histories[coin] = history
        if price is None and prior is None:
            return None
        volatility = (
            volatility_from_closes(history, AssetClass.CRYPTO)
            if history
            else _attr(prior, "volatility")
        )
        if volatility is None:
            return None
        update: dict[str, Any] = {
            "symbol": coin,
            "asset_class": AssetClass.CRYPTO,
            "price_usd": price or _attr(prior, "price_usd"),
            "volatility": volatility,
        }
        if isinstance(funding, Funding):
            update |= {
                "funding_rate": funding.rate,
                "funding_interval_hours": funding.interval_hours,
            }
        if isinstance(implied, ImpliedVol):
            update["implied_volatility"] = implied.value
        price_entry = self.found.get(("price", self.scope, coin))
        if isinstance(price_entry, Fetched):
            update |= {"price_source": price_entry.venue, "price_as_of": price_entry.fetched_at}
        if listing:
            update |= listing_update(listing, update["price_usd"])
        current = prior.model_dump() if prior else {}
        return AssetMarket.model_validate(current | update)

    def _fees(self) -> dict[str, float]:
        """The venue's public schedule: the first coin's perpetual, and its options venue."""
        update: dict[str, float] = {}
        for coin in self.coins:
            funding = self.found.get(("funding", self.scope, coin))
            if isinstance(funding, Fetched) and funding.value.taker_fee is not None:
                update |= {
                    "taker": funding.value.taker_fee,
                    "maker": funding.value.maker_fee or 0.0,
                }
                break
        for coin in self.coins:
            listing = self.found.get(("options", coin))
            if isinstance(listing, Fetched) and listing.value[0].taker_fee is not None:
                update["option_rate"] = listing.value[0].taker_fee
                break
        return update

    def _stock(self, symbol: str) -> AssetMarket | None:
        """A stock or ETF: the feed's price, volatility (√252) and beta against SPY."""
        prior = self.base.assets[symbol]
        price_key, history_key = ("stock price", symbol), ("stock history", symbol)
        price = self._live(price_key)
        history = self._live(history_key)
        self._explain(symbol, True, [(price_key, "price"), (history_key, "volatility")])
        update: dict[str, Any] = {}
        price_entry = self.found.get(price_key)
        if isinstance(price_entry, Fetched):
            update |= {
                "price_usd": price,
                "price_source": price_entry.venue,
                "price_as_of": price_entry.fetched_at,
            }
        if history:
            self.histories[symbol] = history
            update["volatility"] = volatility_from_closes(history, prior.asset_class)
            benchmark = self.found.get(("stock history", BENCHMARK))
            if isinstance(benchmark, Fetched) and symbol != BENCHMARK:
                own, market = aligned_returns(history, benchmark.value)
                if len(own) >= MIN_CLOSES:
                    update["beta"] = beta(own, market)
        return prior.model_copy(update=update) if update else None

    def _live(self, key: Key) -> Any:
        entry = self.found.get(key)
        if isinstance(entry, Fetched):
            self.used.append(entry)
            return entry.value
        return None

    def _explain(self, coin: str, built_in: bool, figures: list[tuple[Key, str]]) -> None:
        """One sentence per distinct cause: a venue that failed, or the built-in values used."""
        causes: dict[tuple[str, str], list[str]] = {}
        for key, what in figures:
            entry = self.found.get(key)
            if isinstance(entry, Missing):
                worth = [r for r in entry.reasons if " lists no " not in r] or list(entry.reasons)
                if all(" lists no " in r for r in entry.reasons) and key[0] == "implied vol":
                    continue  # no options on this coin anywhere: nothing went wrong
                origin = f"the built-in snapshot of {self.base.as_of:%Y-%m-%d}" if built_in else ""
                causes.setdefault((origin, summary(worth)), []).append(what)
            elif isinstance(entry, Fetched):
                failures = [r for r in entry.skipped if " lists no " not in r]
                origin = entry.venue
                if isinstance(entry.value, ImpliedVol) and entry.value.quoted_by == "DVOL":
                    origin += " DVOL"
                if failures:
                    causes.setdefault((origin, summary(failures)), []).append(what)
        for (origin, why), kinds in causes.items():
            self.causes.setdefault((origin, why, _joined(kinds)), []).append(coin)

    def _correlations(self) -> dict[str, float]:
        result = {}
        for first, second in itertools.combinations(sorted(self.histories), 2):
            a, b = aligned_returns(self.histories[first], self.histories[second])
            if len(a) < MIN_CLOSES:
                continue
            key = (
                f"{second}/{first}"
                if f"{second}/{first}" in self.base.correlations
                else f"{first}/{second}"
            )
            result[key] = correlation(a, b)
        return result


def _attr(model: AssetMarket | None, name: str) -> Any:
    return getattr(model, name) if model is not None else None


def summary(reasons: list[str]) -> str:
    """ "binance timed out", "bybit timed out" -> "binance and bybit timed out"."""
    venues_by_reason: dict[str, list[str]] = {}
    for reason in reasons:
        venue, _, what = reason.partition(" ")
        venues_by_reason.setdefault(what, []).append(venue)
    parts = []
    for what, venues in venues_by_reason.items():
        if len(venues) > 1:
            what = re.sub(
                r"^(lists|has) ", lambda m: {"lists": "list ", "has": "have "}[m[1]], what
            )
        parts.append(f"{_joined(venues)} {what}")
    return "; ".join(parts)


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
