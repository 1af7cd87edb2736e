"""Write the ccxt-shaped recordings the market-data tests replay (run once; output is committed).

There is no internet where these were made, so the numbers are synthetic but the shapes are ccxt's:
Deribit's markets and option tickers are produced by ccxt's own parser from raw API-shaped payloads
(https://docs.deribit.com/#public-get_instruments, #public-ticker); the other venues' unified
structures follow ccxt's ticker, funding-rate, OHLCV and market structures field for field.
A maintainer with internet can record real ones with `hedgebot snapshot --record tests/data/ccxt`.

    /work/main/.venv/bin/python tests/data/ccxt/make_recordings.py
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).parent
RECORDED_AT = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
NOW_MS = int(RECORDED_AT.timestamp() * 1000)
DAY_MS = 86_400_000
TODAY_MS = NOW_MS - NOW_MS % DAY_MS
SPOT = {"BTC": 91_250.0, "ETH": 3_045.0, "SOL": 141.2}
VOLS = {"BTC": 0.48, "ETH": 0.68, "SOL": 0.85}
CORR = np.array([[1.0, 0.82, 0.74], [0.82, 1.0, 0.72], [0.74, 0.72, 1.0]])


def iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S.") + "000Z"


def daily_candles() -> dict[str, list[list[float]]]:
    """91 daily candles ending with today's unfinished one, correlated like the real coins."""
    daily = np.array([VOLS[c] for c in SPOT]) / math.sqrt(365)
    covariance = CORR * np.outer(daily, daily)
    returns = np.random.default_rng(2026).multivariate_normal(np.zeros(3), covariance, size=90)
    candles = {}
    for column, coin in enumerate(SPOT):
        path = np.exp(np.concatenate([[0.0], np.cumsum(returns[:, column])]))
        closes = path / path[-1] * SPOT[coin]
        rows = []
        for i, close in enumerate(closes):
            opened = TODAY_MS - (90 - i) * DAY_MS
            previous = closes[i - 1] if i else close
            high, low = max(previous, close) * 1.012, min(previous, close) * 0.988
            rows.append(
                [opened, round(previous, 2), round(high, 2), round(low, 2), round(close, 2)]
            )
            rows[-1].append(round(1e9 / close, 3))
        candles[coin] = rows
    return candles


def ticker(symbol: str, last: float, info: dict[str, Any], mark: float | None = None) -> dict:
    """ccxt's unified ticker structure."""
    return {
        "symbol": symbol,
        "timestamp": NOW_MS,
        "datetime": iso(NOW_MS),
        "high": round(last * 1.02, 2),
        "low": round(last * 0.97, 2),
        "bid": round(last - 0.01, 2),
        "bidVolume": 3.2,
        "ask": round(last + 0.01, 2),
        "askVolume": 1.7,
        "vwap": round(last * 0.995, 2),
        "open": round(last * 0.99, 2),
        "close": last,
        "last": last,
        "previousClose": round(last * 0.99, 2),
        "change": round(last * 0.01, 2),
        "percentage": 1.01,
        "average": round(last * 0.995, 2),
        "baseVolume": 18_500.4,
        "quoteVolume": round(18_500.4 * last, 2),
        "markPrice": mark,
        "indexPrice": None,
        "info": info,
    }


def market(
    symbol: str, market_id: str, kind: str, taker: float, maker: float, settle: str | None = None
) -> dict:
    """ccxt's unified market structure for a spot pair or a linear perpetual."""
    base, rest = symbol.split("/")
    quote = rest.split(":")[0]
    swap = kind == "swap"
    return {
        "id": market_id,
        "symbol": symbol,
        "base": base,
        "quote": quote,
        "settle": settle,
        "baseId": base,
        "quoteId": quote,
        "settleId": settle,
        "type": kind,
        "spot": kind == "spot",
        "margin": kind == "spot",
        "swap": swap,
        "future": False,
        "option": False,
        "index": None,
        "active": True,
        "contract": swap,
        "linear": True if swap else None,
        "inverse": False if swap else None,
        "subType": "linear" if swap else None,
        "taker": taker,
        "maker": maker,
        "contractSize": 1.0 if swap else None,
        "expiry": None,
        "expiryDatetime": None,
        "strike": None,
        "optionType": None,
        "precision": {"amount": 0.001 if swap else 1e-05, "price": 0.1 if swap else 0.01},
        "limits": {
            "leverage": {"min": 1.0, "max": 125.0 if swap else None},
            "amount": {"min": 0.001 if swap else 1e-05, "max": 1000.0},
            "price": {"min": 0.1, "max": 4_529_764.0},
            "cost": {"min": 5.0, "max": None},
        },
        "created": 1569398400000,
        "info": {"symbol": market_id, "status": "TRADING"},
    }


def funding(symbol: str, market_id: str, rate: float, interval: str | None, **extra: Any) -> dict:
    """ccxt's unified funding-rate structure."""
    next_settlement = TODAY_MS + 16 * 3_600_000
    base = symbol.split("/")[0]
    mark = round(SPOT[base] * 1.0002, 2)
    return {
        "info": {"symbol": market_id, "markPrice": str(mark), "lastFundingRate": str(rate)},
        "symbol": symbol,
        "markPrice": mark,
        "indexPrice": SPOT[base],
        "interestRate": 0.0001,
        "estimatedSettlePrice": None,
        "timestamp": NOW_MS,
        "datetime": iso(NOW_MS),
        "fundingRate": rate,
        "fundingTimestamp": next_settlement,
        "fundingDatetime": iso(next_settlement),
        "nextFundingRate": extra.get("next_rate"),
        "nextFundingTimestamp": None,
        "nextFundingDatetime": None,
        "previousFundingRate": None,
        "previousFundingTimestamp": None,
        "previousFundingDatetime": None,
        "interval": interval,
    }


def offshore_venue(
    venue: str, coins: list[str], quote: str, fees: tuple[float, float], style: dict
) -> dict:
    candles = daily_candles()
    markets, calls = {}, {}
    for coin in coins:
        spot, perp = f"{coin}/{quote}", f"{coin}/{quote}:{quote}"
        spot_id, perp_id = style["ids"](coin, quote)
        markets[spot] = market(spot, spot_id, "spot", 0.001, 0.001)
        markets[perp] = market(perp, perp_id, "swap", fees[0], fees[1], settle=quote)
        last = candles[coin][-1][4]
        calls[f"fetch_ticker {spot}"] = ticker(spot, last, {"symbol": spot_id, "lastPrice": last})
        calls[f"fetch_funding_rate {perp}"] = funding(perp, **style["funding"](coin))
        calls[f"fetch_ohlcv {spot} 1d"] = candles[coin]
    calls["load_markets"] = markets
    return {
        "venue": venue,
        "recorded_at": RECORDED_AT.isoformat(),
        "has": style["has"],
        "calls": calls,
    }


def coinbase() -> dict:
    candles = daily_candles()
    markets, calls = {}, {}
    for coin in ("BTC", "ETH", "SOL"):
        symbol = f"{coin}/USD"
        markets[symbol] = market(symbol, f"{coin}-USD", "spot", 0.012, 0.006)
        rows = [
            [t, o * 1.0003, h * 1.0003, low * 1.0003, c * 1.0003, v]
            for t, o, h, low, c, v in candles[coin]
        ]
        rows = [[row[0], *(round(x, 2) for x in row[1:5]), row[5]] for row in rows]
        calls[f"fetch_ticker {symbol}"] = ticker(symbol, rows[-1][4], {"product_id": f"{coin}-USD"})
        calls[f"fetch_ohlcv {symbol} 1d"] = rows
    calls["load_markets"] = markets
    has = {"fetchTicker": True, "fetchOHLCV": True, "fetchFundingRate": False}
    return {"venue": "coinbase", "recorded_at": RECORDED_AT.isoformat(), "has": has, "calls": calls}


BINANCE = {
    "ids": lambda coin, quote: (f"{coin}{quote}", f"{coin}{quote}"),
    # Binance's premiumIndex carries no interval: ccxt leaves it None and fundingInfo lists only
    # the symbols whose interval was changed from 8h.
    "funding": lambda coin: {
        "market_id": f"{coin}USDT",
        "rate": {"BTC": 0.0001, "ETH": 0.000085, "SOL": -0.000042}[coin],
        "interval": None,
    },
    "has": {
        "fetchTicker": True,
        "fetchOHLCV": True,
        "fetchFundingRate": True,
        "fetchFundingIntervals": True,
    },
}
BYBIT = {
    "ids": lambda coin, quote: (f"{coin}{quote}", f"{coin}{quote}"),
    "funding": lambda coin: {
        "market_id": f"{coin}USDT",
        "rate": {"BTC": 0.0001, "ETH": 0.00007}[coin],
        "interval": "8h",
    },
    "has": {"fetchTicker": True, "fetchOHLCV": True, "fetchFundingRate": "emulated"},
}
OKX = {
    "ids": lambda coin, quote: (f"{coin}-{quote}", f"{coin}-{quote}-SWAP"),
    "funding": lambda coin: {
        "market_id": f"{coin}-USDT-SWAP",
        "rate": {"BTC": 0.000094, "ETH": 0.00011}[coin],
        "interval": "8h",
        "next_rate": {"BTC": 0.000102, "ETH": 0.00012}[coin],
    },
    "has": {"fetchTicker": True, "fetchOHLCV": True, "fetchFundingRate": True},
}


def main() -> None:
    from deribit_recording import deribit  # it takes the constants above from this module

    binance = offshore_venue("binance", ["BTC", "ETH", "SOL"], "USDT", (0.0005, 0.0002), BINANCE)
    binance["calls"]["fetch_funding_intervals"] = {
        "BLZ/USDT:USDT": funding_interval_entry("BLZ/USDT:USDT", "BLZUSDT", 4)
    }
    recordings = {
        "binance": binance,
        "bybit": offshore_venue("bybit", ["BTC", "ETH"], "USDT", (0.00055, 0.0002), BYBIT),
        "okx": offshore_venue("okx", ["BTC", "ETH"], "USDT", (0.0005, 0.0002), OKX),
        "coinbase": coinbase(),
        "deribit": deribit(),
    }
    for venue, recording in recordings.items():
        indent = None if venue == "deribit" else 1  # hundreds of option markets: keep it compact
        text = json.dumps(recording, indent=indent, sort_keys=True)
        (HERE / f"{venue}.json").write_text(text + "\n")


def funding_interval_entry(symbol: str, market_id: str, hours: int) -> dict:
    info = {
        "symbol": market_id,
        "adjustedFundingRateCap": "0.03000000",
        "adjustedFundingRateFloor": "-0.03000000",
        "fundingIntervalHours": hours,
        "disclaimer": False,
    }
    fields = (
        "markPrice",
        "indexPrice",
        "interestRate",
        "estimatedSettlePrice",
        "timestamp",
        "datetime",
        "fundingRate",
        "fundingTimestamp",
        "fundingDatetime",
        "nextFundingRate",
        "nextFundingTimestamp",
        "nextFundingDatetime",
        "previousFundingRate",
        "previousFundingTimestamp",
        "previousFundingDatetime",
    )
    return {**dict.fromkeys(fields), "info": info, "symbol": symbol, "interval": f"{hours}h"}


if __name__ == "__main__":
    main()
