"""Print how long a payoff chart takes to render (cold, uncached, cached) and the memory it costs.

Run from the repository root: python benchmarks/chart_render.py [--holdings "2 BTC"] [--repeat 5]
Goal: an uncached chart in under 300 ms on the project machine.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    """This process's resident memory now, from /proc (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def millis(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--holdings", default="2 BTC", help="what is held, as a user types it")
    parser.add_argument("--repeat", type=int, default=5, help="uncached renders per chart")
    args = parser.parse_args()

    from bot.features.charts.images import (
        ChartCache,
        plan_chart,
        render_comparison_chart,
        render_plan_chart,
    )
    from hedging.language.holdings import parse_holdings
    from hedging.market import load_snapshot
    from hedging.models import HedgeRequest, Portfolio
    from hedging.planner import recommend

    request = HedgeRequest(portfolio=Portfolio(holdings=parse_holdings(args.holdings)))
    recommendation = recommend(request, load_snapshot())
    print(f"holdings: {args.holdings}; plans: {', '.join(p.kind for p in recommendation.plans)}")

    before = rss_mb()
    started = time.perf_counter()
    for module in ("matplotlib.figure", "matplotlib.backends.backend_agg", "matplotlib.ticker"):
        importlib.import_module(module)  # what the first chart imports
    imported = time.perf_counter() - started
    after_import = rss_mb()
    print(f"RSS before the plotting stack: {before:6.1f} MB")
    print(
        f"RSS after importing it:        {after_import:6.1f} MB (+{after_import - before:.1f} MB,"
        f" import {millis(imported).strip()})"
    )

    first_kind = recommendation.plans[0].kind
    started = time.perf_counter()
    render_plan_chart(recommendation, first_kind)
    print(f"first chart (cold fonts and caches): {millis(time.perf_counter() - started)}")

    print(f"\nuncached render, median of {args.repeat} (goal < 300 ms; CPU time is what the")
    print("process itself spent, wall time also waits for a busy machine):")
    for kind in [*(p.kind for p in recommendation.plans), None]:
        wall, cpu = [], []
        for _ in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            image = (
                render_comparison_chart(recommendation)
                if kind is None
                else render_plan_chart(recommendation, kind)
            )
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        name = "all plans" if kind is None else str(kind)
        verdict = "ok" if statistics.median(wall) < 0.3 else "SLOW"
        print(
            f"  {name:<12} wall {millis(statistics.median(wall))}, cpu"
            f" {millis(statistics.median(cpu))}  (max wall {millis(max(wall)).strip()},"
            f" {len(image.png) / 1024:.0f} kB PNG)  {verdict}"
        )

    cache = ChartCache()

    async def through_cache() -> tuple[float, float]:
        started = time.perf_counter()
        await plan_chart(recommendation, first_kind, cache)
        miss = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(1000):
            await plan_chart(recommendation, first_kind, cache)
        return miss, (time.perf_counter() - started) / 1000

    miss, hit = asyncio.run(through_cache())
    print(
        f"\nvia the bot's async path: uncached {millis(miss)}, cached {hit * 1e6:.0f} µs"
        f" (cache hits {cache.hits}, misses {cache.misses})"
    )
    print(f"RSS after rendering: {rss_mb():6.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
