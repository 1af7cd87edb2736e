"""Recorded exchange answers: replayed offline (tests, benchmarks) and recorded from live ccxt."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from marketdata.exchanges import Exchange, positive
from marketdata.stocks import NEW_YORK, closes_from_history


class RequestTimeout(TimeoutError):
    """Named as ccxt names it, so the provider classifies a replayed time-out like a real one."""


class BadSymbol(LookupError):
    """Named as ccxt names it: the venue has no such market."""


class NetworkError(ConnectionError):
    """Named as ccxt names it: the venue could not be reached."""


FAILURES: dict[str, Callable[[str], BaseException]] = {
    "timeout": lambda call: RequestTimeout(f"{call} timed out (10000 ms)"),
    "down": lambda call: NetworkError(f"{call}: 503 Service Temporarily Unavailable"),
}


def call_key(method: str, *parts: Any) -> str:
    """How a call is named in a recording: the method and its positional arguments."""
    return " ".join([method, *(str(part) for part in parts if part is not None)])


class Replay:
    """Answers each call from a recording; a call may be made to fail, or to hang until released."""

    def __init__(
        self,
        recording: Mapping[str, Any],
        *,
        overrides: Mapping[str, Any] | None = None,
        hang: threading.Event | None = None,
    ) -> None:
        self.calls: dict[str, Any] = {**recording["calls"], **(overrides or {})}
        self.hang = hang  # calls recorded as "hang" block until this is set
        self.made: list[str] = []
        self._lock = threading.Lock()

    def _answer(self, key: str) -> Any:
        with self._lock:
            self.made.append(key)
        if key not in self.calls:
            raise BadSymbol(f"no market symbol {' '.join(key.split(' ')[1:])}")
        answer = self.calls[key]
        if answer == "hang" and self.hang is not None:
            self.hang.wait()
            raise RequestTimeout(f"{key} timed out")
        if isinstance(answer, str) and answer in FAILURES:
            raise FAILURES[answer](key)
        return json.loads(json.dumps(answer))  # a fresh copy, as every real call returns


class ReplayExchange(Replay):
    """A ccxt venue replayed: the unified structures it answered when recorded."""

    def __init__(self, recording: Mapping[str, Any], **replay: Any) -> None:
        super().__init__(recording, **replay)
        self.id: str = recording["venue"]
        self.has: Mapping[str, Any] = dict(recording.get("has", {}))

    def load_markets(self, reload: bool = False) -> dict[str, Any]:
        markets: dict[str, Any] = self._answer("load_markets")
        return markets

    def fetch_ticker(self, symbol: str) -> dict[str, Any]:
        ticker: dict[str, Any] = self._answer(call_key("fetch_ticker", symbol))
        return ticker

    def fetch_funding_rate(self, symbol: str) -> dict[str, Any]:
        rate: dict[str, Any] = self._answer(call_key("fetch_funding_rate", symbol))
        return rate

    def fetch_funding_intervals(self, symbols: list[str] | None = None) -> dict[str, Any]:
        intervals: dict[str, Any] = self._answer("fetch_funding_intervals")
        return intervals

    def fetch_ohlcv(
        self, symbol: str, timeframe: str = "1m", since: int | None = None, limit: int | None = None
    ) -> list[list[Any]]:
        rows: list[list[Any]] = self._answer(call_key("fetch_ohlcv", symbol, timeframe))
        return rows[-limit:] if limit else rows

    def public_get_get_volatility_index_data(self, params: Mapping[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = self._answer(
            call_key("public_get_get_volatility_index_data", params["currency"])
        )
        return data


class ReplayStocks(Replay):
    """yfinance replayed: recorded `history()` rows become the same pandas frame again."""

    name = "yahoo"

    def __init__(
        self,
        recording: Mapping[str, Any],
        now: Callable[[], datetime],
        *,
        overrides: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(recording, overrides=overrides)
        self._now = now

    def daily_closes(self, symbol: str, days: int) -> dict[date, float]:
        import pandas

        key = call_key("history", symbol)
        rows = self._answer(key) if key in self.calls else []  # yfinance: an empty frame
        frame = pandas.DataFrame.from_records(rows) if isinstance(rows, list) else rows
        if isinstance(frame, pandas.DataFrame) and "Date" in frame:
            stamps = pandas.DatetimeIndex(pandas.to_datetime(frame.pop("Date"), utc=True))
            frame = frame.set_index(stamps.tz_convert(NEW_YORK))
        return closes_from_history(frame, self._now(), days)

    def last_price(self, symbol: str) -> float:
        return positive(self._answer(call_key("last_price", symbol)), "last price")


def load_recording(path: Path) -> dict[str, Any]:
    recording: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return recording


def replay_factory(
    directory: Path,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    hang: threading.Event | None = None,
) -> Callable[[str], Exchange]:
    """Opens venue X from DIRECTORY/X.json; a venue without a recording cannot be reached."""
    overrides = overrides or {}

    def open_venue(venue: str) -> Exchange:
        path = directory / f"{venue}.json"
        if not path.is_file():
            raise NetworkError(f"{venue}: no recording")
        return ReplayExchange(load_recording(path), overrides=overrides.get(venue), hang=hang)

    return open_venue


class RecordingExchange:
    """Wraps a live ccxt client and keeps every answer, to be saved as a recording."""

    def __init__(self, exchange: Any, recorded_at: str) -> None:
        self.exchange = exchange
        self.id: str = exchange.id
        self.has: Mapping[str, Any] = exchange.has
        self.recording: dict[str, Any] = {
            "venue": exchange.id,
            "recorded_at": recorded_at,
            "has": {k: v for k, v in exchange.has.items() if k.startswith("fetch") and v},
            "calls": {},
        }

    def _keep(self, key: str, answer: Any) -> Any:
        self.recording["calls"][key] = answer
        return answer

    def load_markets(self, reload: bool = False) -> dict[str, Any]:
        return self._keep("load_markets", self.exchange.load_markets(reload))

    def fetch_ticker(self, symbol: str) -> dict[str, Any]:
        answer = self.exchange.fetch_ticker(symbol)
        return self._keep(call_key("fetch_ticker", symbol), answer)

    def fetch_funding_rate(self, symbol: str) -> dict[str, Any]:
        answer = self.exchange.fetch_funding_rate(symbol)
        return self._keep(call_key("fetch_funding_rate", symbol), answer)

    def fetch_funding_intervals(self, symbols: list[str] | None = None) -> dict[str, Any]:
        answer = self.exchange.fetch_funding_intervals(symbols)
        return self._keep("fetch_funding_intervals", answer)

    def fetch_ohlcv(
        self, symbol: str, timeframe: str = "1m", since: int | None = None, limit: int | None = None
    ) -> list[list[Any]]:
        answer = self.exchange.fetch_ohlcv(symbol, timeframe, since, limit)
        return self._keep(call_key("fetch_ohlcv", symbol, timeframe), answer)

    def public_get_get_volatility_index_data(self, params: Mapping[str, Any]) -> dict[str, Any]:
        answer = self.exchange.public_get_get_volatility_index_data(params)
        key = call_key("public_get_get_volatility_index_data", params["currency"])
        return self._keep(key, answer)

    def save(self, directory: Path) -> Path:
        path = directory / f"{self.id}.json"
        path.write_text(json.dumps(self.recording, indent=1, sort_keys=True) + "\n", "utf-8")
        return path
