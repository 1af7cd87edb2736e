"""A hand-written market for handler-level tests: the shipped snapshot at prices a test chooses,
and a record of which symbols were asked for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from hedging.market import load_snapshot, with_prices
from hedging.models import MarketSnapshot


class FixedPriceMarket:
    def __init__(self, prices: Mapping[str, float]) -> None:
        self.prices = dict(prices)
        self.asked: list[list[str]] = []

    def snapshot(self, symbols: Iterable[str]) -> MarketSnapshot:
        self.asked.append(list(symbols))
        return with_prices(load_snapshot(), self.prices)
