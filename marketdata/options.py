"""Deribit's listed options and their implied vol: mark IV of a real option, DVOL behind it."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from marketdata.exchanges import Exchange, MalformedData, NotListed, fee, positive


@dataclass(frozen=True)
class ListedOption:
    """One option the venue lists: its unified symbol, expiry, strike and tradable sizes."""

    symbol: str
    expiry: datetime
    strike: float
    option_type: str  # "put" or "call"
    contract_size: float
    min_amount: float | None
    taker_fee: float | None = None  # of the underlying, per contract


@dataclass(frozen=True)
class ImpliedVol:
    """An annualised implied volatility and which quote it was read from."""

    value: float
    quoted_by: str  # the option's symbol, or "DVOL"
    expiry: datetime | None = None
    strike: float | None = None


def listed_options(markets: Mapping[str, Any], coin: str, now: datetime) -> list[ListedOption]:
    """Active, unexpired options on COIN, sorted by expiry then strike then type."""
    listed = []
    for market in markets.values():
        if not (isinstance(market, dict) and market.get("option") and market.get("base") == coin):
            continue
        if market.get("active") is False:
            continue
        expiry = datetime.fromtimestamp(positive(market.get("expiry"), "expiry") / 1000, UTC)
        if expiry <= now:
            continue
        limits = market.get("limits") or {}
        min_amount = (limits.get("amount") or {}).get("min")
        listed.append(
            ListedOption(
                symbol=str(market["symbol"]),
                expiry=expiry,
                strike=positive(market.get("strike"), "strike"),
                option_type=str(market.get("optionType")),
                contract_size=positive(market.get("contractSize") or 1, "contract size"),
                min_amount=None if min_amount is None else positive(min_amount, "minimum amount"),
                taker_fee=fee(market.get("taker")),
            )
        )
    return sorted(listed, key=lambda o: (o.expiry, o.strike, o.option_type))


def listing_update(options: list[ListedOption], spot: float) -> dict[str, Any]:
    """What the core's AssetMarket takes from a listing: expiries, strike step, smallest size."""
    puts = [o for o in options if o.option_type == "put"]
    update: dict[str, Any] = {"option_expiries": sorted({o.expiry for o in puts})}
    if not puts:
        return update
    nearest = min(puts, key=lambda o: abs(o.strike - spot))
    strikes = sorted({o.strike for o in puts if o.expiry == nearest.expiry})
    steps = [b - a for a, b in itertools.pairwise(strikes)]
    if steps:
        update["strike_step_usd"] = min(steps)
    if nearest.min_amount:
        update["option_contract_size"] = nearest.min_amount
    return update


def nearest_put(
    options: list[ListedOption], spot: float, covering: timedelta, now: datetime
) -> ListedOption:
    """The put at the first listed expiry that covers the horizon, strike nearest the spot."""
    puts = [o for o in options if o.option_type == "put" and o.expiry - now >= covering]
    if not puts:
        raise NotListed(f"lists no put {covering.days} days out or further")
    expiry = min(o.expiry for o in puts)
    return min((o for o in puts if o.expiry == expiry), key=lambda o: abs(o.strike - spot))


def index_price(exchange: Exchange, markets: Mapping[str, Any], coin: str) -> float:
    """The venue's own index price of COIN, read from its perpetual's ticker."""
    perpetual = next(
        (
            m
            for m in markets.values()
            if isinstance(m, dict) and m.get("swap") and m.get("base") == coin
        ),
        None,
    )
    if perpetual is None:
        raise NotListed(f"lists no {coin} perpetual")
    ticker = exchange.fetch_ticker(perpetual["symbol"])
    if not isinstance(ticker, Mapping):
        raise MalformedData(f"ticker is {type(ticker).__name__}")
    return positive(ticker.get("indexPrice") or ticker.get("markPrice"), "index price")


def mark_iv(ticker: Mapping[str, Any], option: ListedOption) -> ImpliedVol:
    """Deribit's mark IV (in percent in the raw ticker) as a fraction."""
    info = ticker.get("info") if isinstance(ticker, Mapping) else None
    if not isinstance(info, Mapping):
        raise MalformedData("option ticker has no info")
    value = positive(info.get("mark_iv"), "mark IV") / 100
    if value > 5:
        raise MalformedData(f"mark IV is {info.get('mark_iv')!r}")
    return ImpliedVol(value, option.symbol, option.expiry, option.strike)


def dvol(exchange: Exchange, coin: str, now: datetime) -> ImpliedVol:
    """Deribit's 30-day implied volatility index, its latest hourly close."""
    fetch = getattr(exchange, "public_get_get_volatility_index_data", None)
    if fetch is None:
        raise NotListed("publishes no DVOL")
    end = int(now.timestamp() * 1000)
    response = fetch(
        {
            "currency": coin,
            "start_timestamp": end - 6 * 3_600_000,
            "end_timestamp": end,
            "resolution": "3600",
        }
    )
    try:
        rows = response["result"]["data"]
        latest = max(rows, key=lambda row: row[0])
    except (KeyError, TypeError, ValueError, IndexError):
        raise MalformedData("DVOL answer has no data") from None
    value = positive(latest[4], "DVOL") / 100
    if value > 5:
        raise MalformedData(f"DVOL is {latest[4]!r}")
    return ImpliedVol(value, "DVOL")
