"""Deribit's part of the recordings: ccxt's own parser run over raw API-shaped payloads."""

from __future__ import annotations

import math
import zlib
from datetime import UTC, datetime
from typing import Any

import ccxt
from make_recordings import DAY_MS, NOW_MS, RECORDED_AT, SPOT, VOLS


class OfflineDeribit(ccxt.deribit):
    """ccxt's Deribit with the HTTP layer answered from raw API-shaped payloads."""

    def __init__(self, raw: dict[str, Any]) -> None:
        super().__init__({"options": {"fetchAllMarkets": True}})
        self.raw = raw

    def fetch(self, url, method="GET", headers=None, body=None):  # type: ignore[no-untyped-def]
        path = url.split("/api/v2/")[1]
        endpoint, _, query = path.partition("?")
        key = endpoint + (
            "?" + query.split("instrument_name=")[1] if "instrument_name=" in query else ""
        )
        return self.raw[key]


def deribit_expiries() -> list[int]:
    """Deribit's grid as seen on 2026-11-25: dailies, Friday weeklies, monthlies and quarterlies."""
    days = ["2026-11-26", "2026-11-27", "2026-12-04", "2026-12-25", "2027-01-29", "2027-03-26"]
    return [int(datetime.fromisoformat(f"{d}T08:00:00+00:00").timestamp() * 1000) for d in days]


def deribit() -> dict:
    instruments, raw = [], {}
    grids = {"BTC": (2000, 4), "ETH": (100, 4)}
    for coin, (step, count) in grids.items():
        spot = SPOT[coin]
        atm = round(spot / step) * step
        instruments.append(
            deribit_instrument(coin, f"{coin}-PERPETUAL", "future", None, None, None)
        )
        raw[f"public/ticker?{coin}-PERPETUAL"] = deribit_perpetual_ticker(coin)
        for expiry in deribit_expiries():
            for k in range(-count, count + 1):
                strike = atm + k * step
                for option_type in ("put", "call"):
                    name = deribit_option_name(coin, expiry, strike, option_type)
                    instruments.append(
                        deribit_instrument(coin, name, "option", expiry, strike, option_type)
                    )
                    if option_type == "put":
                        raw[f"public/ticker?{name}"] = deribit_option_ticker(
                            coin, name, expiry, strike
                        )
    raw["public/get_instruments"] = {"jsonrpc": "2.0", "result": instruments, "testnet": False}
    raw["public/get_currencies"] = {
        "jsonrpc": "2.0",
        "result": [deribit_currency(coin) for coin in grids],
    }
    exchange = OfflineDeribit(raw)
    markets = exchange.load_markets()
    calls: dict[str, Any] = {"load_markets": markets}
    for key in raw:
        if key.startswith("public/ticker?"):
            symbol = exchange.safe_symbol(key.split("?")[1])
            calls[f"fetch_ticker {symbol}"] = exchange.fetch_ticker(symbol)
    for coin, level in (("BTC", 44.8), ("ETH", 62.3)):
        start = NOW_MS - 6 * 3_600_000
        data = [
            [start + h * 3_600_000, level - 0.4, level + 0.6, level - 0.9, level + 0.1 * h]
            for h in range(6)
        ]
        calls[f"public_get_get_volatility_index_data {coin}"] = {
            "jsonrpc": "2.0",
            "result": {"data": data, "continuation": None},
            "usIn": NOW_MS * 1000,
            "usOut": NOW_MS * 1000 + 350,
            "usDiff": 350,
            "testnet": False,
        }
    has = {"fetchTicker": True, "fetchOHLCV": True, "fetchFundingRate": True}
    return {"venue": "deribit", "recorded_at": RECORDED_AT.isoformat(), "has": has, "calls": calls}


def deribit_perpetual_ticker(coin: str) -> dict:
    spot = SPOT[coin]
    result = {
        "timestamp": NOW_MS,
        "stats": {"volume": 60627.5, "low": spot * 0.97, "high": spot * 1.02},
        "state": "open",
        "settlement_price": spot,
        "open_interest": 111543850,
        "min_price": round(spot * 0.98, 1),
        "max_price": round(spot * 1.02, 1),
        "mark_price": round(spot * 1.0003, 2),
        "last_price": round(spot * 1.0003, 1),
        "instrument_name": f"{coin}-PERPETUAL",
        "index_price": spot,
        "funding_8h": 0.0000026,
        "current_funding": 0,
        "best_bid_price": round(spot * 1.0002, 1),
        "best_bid_amount": 19470,
        "best_ask_price": round(spot * 1.0004, 1),
        "best_ask_amount": 343280,
    }
    return {"jsonrpc": "2.0", "result": result, "usIn": NOW_MS * 1000, "testnet": False}


def deribit_currency(coin: str) -> dict:
    return {
        "withdrawal_fee": 0.0005,
        "min_withdrawal_fee": 0.0005,
        "min_confirmations": 1,
        "fee_precision": 4,
        "currency_long": {"BTC": "Bitcoin", "ETH": "Ethereum"}[coin],
        "currency": coin,
        "coin_type": coin,
    }


def deribit_option_name(coin: str, expiry: int, strike: float, option_type: str) -> str:
    day = datetime.fromtimestamp(expiry / 1000, UTC)
    month = day.strftime("%b%y").upper()
    return f"{coin}-{day.day}{month}-{int(strike)}-{option_type[0].upper()}"


def deribit_instrument(coin, name, kind, expiry, strike, option_type):  # type: ignore[no-untyped-def]
    option = kind == "option"
    return {
        "tick_size": 0.0001 if option else 0.5,
        "taker_commission": 0.0003 if option else 0.0005,
        "strike": strike,
        "settlement_period": ("week" if option else "perpetual"),
        "settlement_currency": coin,
        "quote_currency": coin if option else "USD",
        "price_index": f"{coin.lower()}_usd",
        "option_type": option_type,
        "min_trade_amount": 0.1 if option else 10,
        "maker_commission": 0.0003 if option else 0.0,
        "kind": kind,
        "is_active": True,
        "instrument_name": name,
        "instrument_id": zlib.crc32(name.encode()) % 10**6,
        "expiration_timestamp": expiry or 32503708800000,
        "creation_timestamp": NOW_MS - 30 * DAY_MS,
        "counter_currency": "USD",
        "contract_size": 1.0 if option else 10,
        "base_currency": coin,
        "rfq": False,
    }


def deribit_option_ticker(coin: str, name: str, expiry: int, strike: float) -> dict:
    spot = SPOT[coin]
    years = (expiry - NOW_MS) / (365 * DAY_MS)
    moneyness = math.log(strike / spot)
    mark_iv = round(100 * (VOLS[coin] - 0.35 * moneyness + 0.02 * math.sqrt(years)), 2)
    sigma = mark_iv / 100 * math.sqrt(years)
    d1 = (-moneyness + sigma**2 / 2) / sigma
    put = strike * norm_cdf(-(d1 - sigma)) - spot * norm_cdf(-d1)
    return {
        "jsonrpc": "2.0",
        "result": {
            "timestamp": NOW_MS,
            "state": "open",
            "stats": {
                "volume_usd": 1_204_400.5,
                "volume": 13.2,
                "price_change": -4.1,
                "low": 0.0045,
                "high": 0.0098,
            },
            "settlement_price": round(put / spot * 1.01, 4),
            "open_interest": 412.7,
            "min_price": 0.0001,
            "max_price": 0.2,
            "mark_price": round(put / spot, 4),
            "mark_iv": mark_iv,
            "bid_iv": round(mark_iv - 0.8, 2),
            "ask_iv": round(mark_iv + 0.9, 2),
            "last_price": round(put / spot, 4),
            "interest_rate": 0.0,
            "instrument_name": name,
            "index_price": spot,
            "underlying_price": round(spot * (1 + 0.05 * years), 2),
            "underlying_index": f"SYN.{name.rsplit('-', 2)[0]}",
            "estimated_delivery_price": spot,
            "best_bid_price": round(put / spot * 0.97, 4),
            "best_bid_amount": 12.5,
            "best_ask_price": round(put / spot * 1.03, 4),
            "best_ask_amount": 8.0,
            "greeks": {
                "delta": round(-norm_cdf(-d1), 5),
                "gamma": 0.00002,
                "vega": 101.3,
                "theta": -88.2,
                "rho": -12.4,
            },
        },
        "usIn": NOW_MS * 1000,
        "usOut": NOW_MS * 1000 + 210,
        "usDiff": 210,
        "testnet": False,
    }


def norm_cdf(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))
