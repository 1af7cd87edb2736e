"""Reading ccxt's structures strictly, naming failures, picking options, and recording answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from marketdata.exchanges import (
    MalformedData,
    NotListed,
    failure_reason,
    find_market,
    interval_hours,
    read_closes,
    read_funding,
)
from marketdata.options import listed_options, nearest_put
from marketdata.replay import RecordingExchange, ReplayExchange, load_recording
from tests.fakes.marketdata import RECORDED_AT, RECORDINGS


def recording(venue: str) -> dict[str, Any]:
    return load_recording(RECORDINGS / f"{venue}.json")


def ccxt_errors() -> Any:
    import ccxt  # the real classes, to check the name-based matching against them

    return ccxt


@pytest.mark.parametrize(
    ("error_name", "reason"),
    [
        ("RequestTimeout", "timed out"),
        ("BadSymbol", "has no such market"),
        ("NetworkError", "did not answer"),
        ("ExchangeNotAvailable", "did not answer"),
        ("DDoSProtection", "did not answer"),
        ("BadResponse", "sent data that could not be read"),
        ("ExchangeError", "refused the request"),
    ],
)
def test_real_ccxt_errors_are_named_in_plain_words(error_name: str, reason: str) -> None:
    error_class = getattr(ccxt_errors(), error_name)
    assert failure_reason(error_class("binance GET https://api... 504")) == reason


@pytest.mark.parametrize(
    ("venue", "call", "expected"),
    [
        ("binance", "fetch_funding_rate BTC/USDT:USDT", (0.0001, None, 8.0)),
        ("bybit", "fetch_funding_rate ETH/USDT:USDT", (0.00007, None, 8.0)),
        ("okx", "fetch_funding_rate BTC/USDT:USDT", (0.000094, 0.000102, 8.0)),
    ],
)
def test_funding_is_read_with_its_predicted_rate_and_interval(
    venue: str, call: str, expected: tuple[float, float | None, float]
) -> None:
    data = recording(venue)["calls"]
    symbol = call.split(" ")[1]
    funding = read_funding(data[call], data["load_markets"][symbol], {})
    assert (funding.rate, funding.predicted_rate, funding.interval_hours) == expected
    assert funding.market == symbol


@pytest.mark.parametrize(
    ("text", "hours"), [("8h", 8.0), ("4h", 4.0), ("1h", 1.0), ("1H", 1.0), (None, None)]
)
def test_funding_intervals_are_read_in_hours(text: str | None, hours: float | None) -> None:
    assert interval_hours(text) == hours


@pytest.mark.parametrize("text", ["8", "0h", "48h", "weekly", "-4h"])
def test_an_unreadable_funding_interval_is_refused(text: str) -> None:
    with pytest.raises(MalformedData):
        interval_hours(text)


def test_todays_unfinished_candle_is_left_out_of_the_closes() -> None:
    rows = recording("binance")["calls"]["fetch_ohlcv BTC/USDT 1d"]
    closes = read_closes(rows, RECORDED_AT)
    assert len(closes) == len(rows) - 1
    assert max(closes) == RECORDED_AT.date() - timedelta(days=1)
    assert closes[max(closes)] == rows[-2][4]


def test_the_spot_market_prefers_usdt_then_usd_then_usdc() -> None:
    markets = {
        "BTC/USDC": {"base": "BTC", "quote": "USDC", "spot": True, "symbol": "BTC/USDC"},
        "BTC/USD": {"base": "BTC", "quote": "USD", "spot": True, "symbol": "BTC/USD"},
        "BTC/EUR": {"base": "BTC", "quote": "EUR", "spot": True, "symbol": "BTC/EUR"},
    }
    assert find_market(markets, "BTC", "spot")["symbol"] == "BTC/USD"


def test_an_inactive_or_inverse_market_does_not_count() -> None:
    markets = recording("deribit")["calls"]["load_markets"]
    with pytest.raises(NotListed, match="lists no BTC perpetual"):
        find_market(markets, "BTC", "swap")  # Deribit's BTC perpetual settles in BTC


def test_the_put_chosen_covers_the_horizon_at_the_strike_nearest_the_price() -> None:
    markets = recording("deribit")["calls"]["load_markets"]
    listing = listed_options(markets, "ETH", RECORDED_AT)
    put = nearest_put(listing, 3_045.0, timedelta(days=20), RECORDED_AT)
    assert (put.expiry, put.strike, put.option_type) == (
        datetime(2026, 12, 25, 8, tzinfo=UTC),
        3_000.0,
        "put",
    )


def test_a_horizon_beyond_every_listed_expiry_finds_no_put() -> None:
    markets = recording("deribit")["calls"]["load_markets"]
    listing = listed_options(markets, "BTC", RECORDED_AT)
    with pytest.raises(NotListed, match="400 days"):
        nearest_put(listing, 91_250.0, timedelta(days=400), RECORDED_AT)


def test_expired_options_are_not_listed() -> None:
    markets = recording("deribit")["calls"]["load_markets"]
    later = datetime(2026, 12, 1, tzinfo=UTC)
    listing = listed_options(markets, "BTC", later)
    assert min(option.expiry for option in listing) == datetime(2026, 12, 4, 8, tzinfo=UTC)


def test_a_recording_made_from_a_venue_replays_the_same_answers(tmp_path: Path) -> None:
    source = ReplayExchange(recording("okx"))
    recorder = RecordingExchange(source, RECORDED_AT.isoformat())
    ticker = recorder.fetch_ticker("BTC/USDT")
    funding = recorder.fetch_funding_rate("ETH/USDT:USDT")
    candles = recorder.fetch_ohlcv("BTC/USDT", "1d", limit=91)
    path = recorder.save(tmp_path)
    replayed = ReplayExchange(json.loads(path.read_text()))
    assert replayed.id == "okx"
    assert replayed.fetch_ticker("BTC/USDT") == ticker
    assert replayed.fetch_funding_rate("ETH/USDT:USDT") == funding
    assert replayed.fetch_ohlcv("BTC/USDT", "1d") == candles
