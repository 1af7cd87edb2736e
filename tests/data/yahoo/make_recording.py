"""Write the yfinance-shaped recording the stock tests replay (run once; output is committed).

Synthetic numbers in yfinance's shape: `Ticker(symbol).history(period="6mo", interval="1d",
auto_adjust=True)` rows as `frame.reset_index().to_dict("records")` gives them (Date in New York
time), and `Ticker(symbol).fast_info["lastPrice"]`. No internet where this was made; a maintainer
can swap in real rows from the same two calls.

    /work/main/.venv/bin/python tests/data/yahoo/make_recording.py
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

HERE = Path(__file__).parent
NEW_YORK = ZoneInfo("America/New_York")
LAST_SESSION = date(2026, 11, 24)
LAST_CLOSE = {"SPY": 598.4, "QQQ": 512.3, "AAPL": 231.5}
VOLS = {"SPY": 0.17, "QQQ": 0.22, "AAPL": 0.27}
CORR = np.array([[1.0, 0.9, 0.7], [0.9, 1.0, 0.75], [0.7, 0.75, 1.0]])


def sessions(count: int) -> list[date]:
    days, day = [], LAST_SESSION
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= timedelta(days=1)
    return days[::-1]


def main() -> None:
    days = sessions(126)
    daily = np.array(list(VOLS.values())) / math.sqrt(252)
    covariance = CORR * np.outer(daily, daily)
    returns = np.random.default_rng(252).multivariate_normal(np.zeros(3), covariance, len(days) - 1)
    history = {}
    for column, symbol in enumerate(LAST_CLOSE):
        path = np.exp(np.concatenate([[0.0], np.cumsum(returns[:, column])]))
        closes = path / path[-1] * LAST_CLOSE[symbol]
        rows = []
        for i, (day, close) in enumerate(zip(days, closes, strict=True)):
            opened = closes[i - 1] if i else close
            row = {
                "Date": datetime.combine(day, time(0), NEW_YORK).isoformat(),
                "Open": round(float(opened), 4),
                "High": round(float(max(opened, close) * 1.006), 4),
                "Low": round(float(min(opened, close) * 0.994), 4),
                "Close": round(float(close), 4),
                "Volume": 61_000_000 if symbol == "SPY" else 38_000_000,
                "Dividends": 0.0,
                "Stock Splits": 0.0,
            }
            if symbol != "AAPL":
                row["Capital Gains"] = 0.0
            rows.append(row)
        history[symbol] = rows
    recording = {
        "source": "yfinance",
        "recorded_at": "2026-11-25T11:00:00+00:00",
        "calls": {
            **{f"history {symbol}": rows for symbol, rows in history.items()},
            **{
                f"last_price {symbol}": round(price * 1.001, 2)
                for symbol, price in LAST_CLOSE.items()
            },
        },
    }
    (HERE / "yahoo.json").write_text(json.dumps(recording, indent=1) + "\n")


if __name__ == "__main__":
    main()
