"""Where prices, volatilities and correlations come from: a provider protocol and a snapshot."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Protocol, runtime_checkable

from hedging.errors import HedgeInputError
from hedging.models import AssetClass, AssetMarket, MarketSnapshot

SNAPSHOT_PATH = Path(__file__).resolve().parent / "data" / "snapshot.json"

# used for a symbol the snapshot does not know when the person gives its price
ASSUMED_VOLATILITY = {
    AssetClass.CRYPTO: 0.9,
    AssetClass.STOCK: 0.35,
    AssetClass.ETF: 0.2,
    AssetClass.INDEX: 0.18,
}
# correlation assumed when the snapshot has no figure for a pair
ASSUMED_CORRELATION = {
    frozenset({AssetClass.CRYPTO}): 0.6,
    frozenset({AssetClass.CRYPTO, AssetClass.STOCK}): 0.2,
    frozenset({AssetClass.CRYPTO, AssetClass.ETF}): 0.25,
    frozenset({AssetClass.CRYPTO, AssetClass.INDEX}): 0.25,
}
ASSUMED_EQUITY_CORRELATION = 0.5


@runtime_checkable
class MarketDataProvider(Protocol):
    """Anything that can say what the market looks like for some symbols."""

    def snapshot(self, symbols: Iterable[str]) -> MarketSnapshot:
        """A snapshot covering at least the given symbols it knows."""
        ...


@cache
def load_snapshot() -> MarketSnapshot:
    """The offline snapshot shipped in hedging/data/snapshot.json (parsed once)."""
    return MarketSnapshot.model_validate(json.loads(SNAPSHOT_PATH.read_text(encoding="utf-8")))


class SnapshotProvider:
    """A provider that always answers from one fixed snapshot (the shipped one by default)."""

    def __init__(self, snapshot: MarketSnapshot | None = None) -> None:
        self._snapshot = snapshot

    def snapshot(self, symbols: Iterable[str] = ()) -> MarketSnapshot:
        """The whole snapshot; it already covers every symbol it can."""
        return self._snapshot if self._snapshot is not None else load_snapshot()


def with_prices(snapshot: MarketSnapshot, prices: Mapping[str, float]) -> MarketSnapshot:
    """The snapshot with some prices replaced by the person's own (symbol -> USD).

    A symbol the snapshot does not know is added with an assumed volatility (as a stock).
    """
    if not prices:
        return snapshot
    assets = dict(snapshot.assets)
    for raw_symbol, price in prices.items():
        symbol = raw_symbol.upper()
        if not math.isfinite(price) or price <= 0:
            raise HedgeInputError(f"The price for {symbol} must be a positive number.")
        known = assets.get(symbol)
        base = known if known is not None else asset_for(snapshot, symbol, float(price))
        assets[symbol] = base.model_copy(
            update={"price_usd": float(price), "price_source": "you", "price_as_of": None}
        )
    return snapshot.model_copy(update={"assets": assets})


def asset_for(
    snapshot: MarketSnapshot,
    symbol: str,
    price_usd: float | None = None,
    asset_class: AssetClass | None = None,
) -> AssetMarket:
    """The market entry for a symbol; an unknown one needs a price and gets an assumed vol."""
    known = snapshot.assets.get(symbol)
    if known is not None:
        return known
    if price_usd is None:
        raise HedgeInputError(
            f'I don\'t have a price for {symbol}. Add one, like "10 {symbol} @ 25".'
        )
    kind = asset_class or AssetClass.STOCK
    return AssetMarket(
        symbol=symbol,
        asset_class=kind,
        price_usd=price_usd,
        volatility=ASSUMED_VOLATILITY[kind],
        beta=1.0 if kind is not AssetClass.CRYPTO else None,
    )


def correlation(snapshot: MarketSnapshot, first: AssetMarket, second: AssetMarket) -> float:
    """Correlation of two assets: the snapshot's figure, else implied by beta, else a default."""
    if first.symbol == second.symbol:
        return 1.0
    pairs = snapshot.correlations
    for key in (f"{first.symbol}/{second.symbol}", f"{second.symbol}/{first.symbol}"):
        if key in pairs:
            return pairs[key]
    classes = frozenset({first.asset_class, second.asset_class})
    if AssetClass.CRYPTO in classes:
        return ASSUMED_CORRELATION.get(classes, 0.2)
    for asset, market in ((first, second), (second, first)):
        if market.symbol in ("SPY", "ES") and asset.beta is not None:
            implied = asset.beta * market.volatility / asset.volatility
            return max(-0.95, min(0.95, implied))
    return ASSUMED_EQUITY_CORRELATION
