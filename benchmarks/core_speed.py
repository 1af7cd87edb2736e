"""How fast the core prices and ranks all four hedges, for 1 and for 20 holdings.

Run from the repository root: python benchmarks/core_speed.py
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hedging.market import load_snapshot
from hedging.models import HedgeRequest, Holding, Portfolio
from hedging.planner import recommend

SYMBOLS = ["BTC", "ETH", "SOL", "XRP", "BNB", "DOGE", "ADA", "SPY", "QQQ", "AAPL"]
SYMBOLS += ["MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "BTC", "ETH", "SPY", "AAPL"]


def request_with(count: int) -> HedgeRequest:
    holdings = [Holding(symbol=symbol, quantity=1 + i) for i, symbol in enumerate(SYMBOLS[:count])]
    return HedgeRequest(portfolio=Portfolio(holdings=holdings))


def measure(count: int, seconds: float = 2.0) -> tuple[float, float]:
    """(recommendations per second, milliseconds per recommendation), best of three runs."""
    market = load_snapshot()
    request = request_with(count)
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    recommend(request, market, now=now)  # warm caches (snapshot, venues, expiry grids)
    best = 0.0
    for _ in range(3):
        done, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds / 3:
            recommend(request, market, now=now)
            done += 1
        best = max(best, done / elapsed)
    return best, 1000 / best


def main() -> None:
    for count in (1, 20):
        rate, ms = measure(count)
        print(f"{count:>2} holding(s): {rate:,.0f} recommendations/s, {ms:.3f} ms each")


if __name__ == "__main__":
    main()
