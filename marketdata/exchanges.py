"""The ccxt calls the provider makes, and strict readers for what comes back."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

DAY_MS = 86_400_000
DEFAULT_FUNDING_HOURS = 8.0  # Binance's fundingInfo lists only symbols moved off 8 h
QUOTES = ("USDT", "USD", "USDC")  # in order of preference; a stablecoin price stands for USD


class Exchange(Protocol):
    """The part of a ccxt exchange (or of a replayed one) the provider calls."""

    id: str
    has: Mapping[str, Any]

    def load_markets(self, reload: bool = False) -> dict[str, Any]: ...

    def fetch_ticker(self, symbol: str) -> dict[str, Any]: ...

    def fetch_funding_rate(self, symbol: str) -> dict[str, Any]: ...

    def fetch_ohlcv(
        self, symbol: str, timeframe: str = "1m", since: int | None = None, limit: int | None = None
    ) -> list[list[Any]]: ...


class MalformedData(ValueError):
    """A venue answered, but not with what its structure promises."""


class NotListed(LookupError):
    """The venue has no market for this coin."""


class UnknownVenue(LookupError):
    """A configured venue that ccxt has no client for."""


@dataclass(frozen=True)
class Funding:
    """A perpetual's funding: the rate for the coming settlement, the one after when published."""

    rate: float
    predicted_rate: float | None
    interval_hours: float
    mark_price: float | None
    market: str
    taker_fee: float | None
    maker_fee: float | None


def open_exchange(venue: str, timeout_seconds: float) -> Exchange:
    """A public (keyless) ccxt client; ccxt is imported here, on first use, as it takes ~0.5 s."""
    import ccxt

    exchange_class = getattr(ccxt, venue, None)
    if exchange_class is None:
        raise UnknownVenue("is not an exchange ccxt knows")
    client: Exchange = exchange_class(
        {"timeout": int(timeout_seconds * 1000), "enableRateLimit": True}
    )
    return client


def failure_reason(error: BaseException) -> str:
    """A few words on why a call failed, from ccxt's error classes (matched by name, no import)."""
    names = {cls.__name__ for cls in type(error).__mro__}
    if names & {"RequestTimeout", "TimeoutError", "FuturesTimeout", "Timeout", "ReadTimeout"}:
        return "timed out"
    if any("RateLimit" in name for name in names):
        return "is limiting our requests"
    if any(name.startswith("YF") and "Missing" in name for name in names):
        return "has no data for it"
    if isinstance(error, NotListed | UnknownVenue):
        return str(error)  # worded for the note: "lists no SOL perpetual"
    if "BadSymbol" in names:
        return "has no such market"
    if names & {"NetworkError", "ConnectionError", "OSError"}:
        return "did not answer"
    if (
        isinstance(error, MalformedData | KeyError | TypeError | ValueError)
        or "BadResponse" in names
    ):
        return "sent data that could not be read"
    if "ExchangeError" in names:
        return "refused the request"
    return "failed"


def positive(value: Any, what: str) -> float:
    """A strictly positive finite float, or MalformedData naming the field."""
    number = finite(value, what)
    if number <= 0:
        raise MalformedData(f"{what} is {value!r}")
    return number


def finite(value: Any, what: str) -> float:
    """A finite float of either sign (numbers or numeric strings, never booleans)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise MalformedData(f"{what} is {value!r}")
    try:
        number = float(value)
    except ValueError:
        raise MalformedData(f"{what} is {value!r}") from None
    if not math.isfinite(number):
        raise MalformedData(f"{what} is {value!r}")
    return number


def find_market(markets: Mapping[str, Any], coin: str, kind: str) -> dict[str, Any]:
    """The coin's spot pair or linear perpetual against the preferred quote, or NotListed."""
    candidates = [
        market
        for market in markets.values()
        if isinstance(market, dict)
        and market.get("base") == coin
        and market.get(kind)
        and market.get("active") is not False
        and (kind == "spot" or market.get("linear"))
        and market.get("quote") in QUOTES
    ]
    if not candidates:
        noun = "spot market" if kind == "spot" else "perpetual"
        raise NotListed(f"lists no {coin} {noun}")
    return min(candidates, key=lambda market: QUOTES.index(market["quote"]))


def read_price(ticker: Mapping[str, Any]) -> float:
    """The last traded price of a unified ticker (close when last is missing)."""
    if not isinstance(ticker, Mapping):
        raise MalformedData(f"ticker is {type(ticker).__name__}")
    return positive(ticker.get("last") or ticker.get("close"), "ticker last price")


def interval_hours(interval: Any) -> float | None:
    """ccxt's funding interval string ("8h", "4h", "1h") in hours; None when not given."""
    if interval is None:
        return None
    text = str(interval).strip().lower()
    if not text.endswith("h"):
        raise MalformedData(f"funding interval is {interval!r}")
    hours = positive(text[:-1], "funding interval")
    if hours > 24:
        raise MalformedData(f"funding interval is {interval!r}")
    return hours


def read_funding(
    structure: Mapping[str, Any], market: Mapping[str, Any], listed_intervals: Mapping[str, Any]
) -> Funding:
    """A unified funding-rate structure; the interval from it, else the venue's list, else 8 h."""
    if not isinstance(structure, Mapping):
        raise MalformedData(f"funding rate is {type(structure).__name__}")
    rate = finite(structure.get("fundingRate"), "funding rate")
    if abs(rate) > 0.05:  # venues cap funding far below 5% an interval: this is not a rate
        raise MalformedData(f"funding rate is {rate!r}")
    predicted = structure.get("nextFundingRate")
    listed = listed_intervals.get(market["symbol"], {})
    hours = interval_hours(structure.get("interval")) or interval_hours(
        listed.get("interval") if isinstance(listed, Mapping) else None
    )
    mark = structure.get("markPrice")
    return Funding(
        rate=rate,
        predicted_rate=None if predicted is None else finite(predicted, "predicted funding rate"),
        interval_hours=hours or DEFAULT_FUNDING_HOURS,
        mark_price=None if mark is None else positive(mark, "mark price"),
        market=str(market["symbol"]),
        taker_fee=fee(market.get("taker")),
        maker_fee=fee(market.get("maker")),
    )


def read_closes(candles: Iterable[Any], now: datetime) -> dict[date, float]:
    """Daily closes by UTC date from unified OHLCV rows, today's unfinished candle left out."""
    if not isinstance(candles, list):
        raise MalformedData(f"OHLCV is {type(candles).__name__}")
    today_ms = int(now.timestamp() * 1000) // DAY_MS * DAY_MS
    closes: dict[date, float] = {}
    for row in candles:
        if not isinstance(row, list | tuple) or len(row) < 5:
            raise MalformedData(f"OHLCV row is {row!r}")
        opened = int(finite(row[0], "candle time"))
        if opened >= today_ms:
            continue
        closes[datetime.fromtimestamp(opened / 1000, UTC).date()] = positive(row[4], "close")
    return closes


def fee(value: Any) -> float | None:
    """A fee as a fraction of notional (None when not published); above 1% it is not a fee."""
    if value is None:
        return None
    fee = finite(value, "fee")
    if not 0 <= fee <= 0.01:
        raise MalformedData(f"fee is {value!r}")
    return fee
