"""Stocks and ETFs from the yfinance feed: price, volatility (√252), beta against SPY, fallbacks."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import numpy as np
import pytest

from marketdata.stocks import closes_from_history
from tests.fakes.marketdata import (
    BUILT_IN,
    RECORDINGS,
    FakeClock,
    Venues,
    live_provider,
    recorded_stocks,
)

YAHOO = json.loads((RECORDINGS.parent / "yahoo" / "yahoo.json").read_text())["calls"]


def closes(symbol: str) -> dict[date, float]:
    rows = YAHOO[f"history {symbol}"][-90:]
    return {date.fromisoformat(row["Date"][:10]): row["Close"] for row in rows}


def log_returns(series: dict[date, float]) -> np.ndarray:
    return np.diff(np.log(np.array(list(series.values()))))


def test_a_stock_is_priced_from_the_feed_with_its_volatility_and_beta() -> None:
    clock = FakeClock()
    market = live_provider(Venues(), clock, stock_feed=recorded_stocks(clock)).snapshot(["AAPL"])
    aapl = market.assets["AAPL"]
    aapl_returns, spy_returns = log_returns(closes("AAPL")), log_returns(closes("SPY"))
    assert aapl.price_usd == YAHOO["last_price AAPL"]
    assert (aapl.price_source, aapl.price_as_of) == ("yahoo", clock.now())
    assert aapl.volatility == pytest.approx(np.std(aapl_returns, ddof=1) * np.sqrt(252))
    assert aapl.beta == pytest.approx(np.polyfit(spy_returns, aapl_returns, 1)[0])
    assert market.assets["SPY"].price_usd == YAHOO["last_price SPY"]
    assert market.correlations["AAPL/SPY"] == pytest.approx(
        np.corrcoef(aapl_returns, spy_returns)[0, 1]
    )
    assert market.source == "live: binance, deribit, yahoo"
    assert market.note is None


def test_crypto_against_a_stock_is_correlated_on_the_stocks_trading_days() -> None:
    clock = FakeClock()
    market = live_provider(Venues(), clock, stock_feed=recorded_stocks(clock)).snapshot(["SPY"])
    binance = json.loads((RECORDINGS / "binance.json").read_text())["calls"]
    btc = {
        datetime.fromtimestamp(row[0] / 1000, UTC).date(): row[4]
        for row in binance["fetch_ohlcv BTC/USDT 1d"][:-1]
    }
    spy = closes("SPY")
    common = sorted(btc.keys() & spy.keys())
    btc_returns = np.diff(np.log([btc[day] for day in common]))
    spy_returns = np.diff(np.log([spy[day] for day in common]))
    assert market.correlations["BTC/SPY"] == pytest.approx(
        np.corrcoef(btc_returns, spy_returns)[0, 1]
    )


def test_a_silent_feed_leaves_stocks_at_their_built_in_figures_and_says_so() -> None:
    clock = FakeClock()
    feed = recorded_stocks(clock, {"last_price AAPL": "timeout", "history AAPL": "timeout"})
    market = live_provider(Venues(), clock, stock_feed=feed).snapshot(["AAPL"])
    assert market.assets["AAPL"] == BUILT_IN.assets["AAPL"]
    assert market.note == (
        "AAPL price and volatility from the built-in snapshot of 2026-11-20: yahoo timed out."
    )


def test_a_symbol_the_feed_does_not_know_keeps_its_built_in_figures() -> None:
    clock = FakeClock()
    market = live_provider(Venues(), clock, stock_feed=recorded_stocks(clock)).snapshot(["MSFT"])
    assert market.assets["MSFT"] == BUILT_IN.assets["MSFT"]
    assert market.note == (
        "MSFT price from the built-in snapshot of 2026-11-20: yahoo has no such market. "
        "MSFT volatility from the built-in snapshot of 2026-11-20: "
        "yahoo has no daily history for it."
    )


def test_without_a_stock_feed_stocks_are_the_snapshots() -> None:
    market = live_provider(Venues(), FakeClock()).snapshot(["AAPL"])
    assert market.assets["AAPL"] == BUILT_IN.assets["AAPL"]
    assert market.correlations["AAPL/SPY"] == BUILT_IN.correlations["AAPL/SPY"]


def test_todays_unfinished_session_is_left_out() -> None:
    clock = FakeClock(datetime(2026, 11, 24, 18, 0, tzinfo=UTC))  # 13:00 in New York
    series = recorded_stocks(clock).daily_closes("SPY", 200)
    assert max(series) == date(2026, 11, 23)  # the Monday before
    assert len(series) == len(YAHOO["history SPY"]) - 1


def test_an_empty_history_means_the_feed_has_none() -> None:
    with pytest.raises(LookupError, match="no daily history"):
        closes_from_history(None, FakeClock().now(), 90)
