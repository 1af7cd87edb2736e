"""Hedge bot vs a minimal echo bot on the same stack, over the loopback fake Bot API.

Prints updates/s under load (many simulated users, one message each in flight), bot-side latency
(from the fake handing an update to the bot until the bot's reply arrives) at light load and under
load, and the hedge/echo throughput ratio. Goals: ratio >= 0.5; p99 < 50 ms for a plan (no chart).

    python benchmarks/bot_throughput.py [--users 100] [--rounds 5] [--light 200]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import Update
from telegram.ext import ContextTypes, MessageHandler, filters

from bot.app import application_builder, build_application
from bot.config import Settings, StorageConfig, TelegramConfig
from bot.fake_api import FAKE_TOKEN, FakeBotApi
from bot.loopback import LoopbackBot
from bot.storage import open_database

PLAN_MESSAGE = "I hold 2 BTC and 10 ETH, worried about FOMC on Wednesday, want to keep some upside"


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.reply_text(update.message.text or "")


def _settings(fake: FakeBotApi, folder: Path) -> Settings:
    telegram = TelegramConfig(
        token=FAKE_TOKEN,
        base_url=fake.base_url,
        overall_max_rate=0,
        group_max_rate=0,
        poll_timeout=1,
    )  # type: ignore[arg-type]
    return Settings(telegram=telegram, storage=StorageConfig(path=str(folder / "bench.sqlite3")))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def _rounds(bot: LoopbackBot, users: list[int], rounds: int) -> float:
    """Every user sends one message per round; returns updates per second."""
    started = time.perf_counter()
    for _ in range(rounds):
        for user in users:
            bot.fake.user_says(user, PLAN_MESSAGE)
        await bot.settle(timeout=120)
    return len(users) * rounds / (time.perf_counter() - started)


async def measure(kind: str, users: int, rounds: int, light: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        fake = await FakeBotApi(rate_limit=None).start()
        settings = _settings(fake, Path(folder))
        if kind == "echo":
            app = application_builder(settings, open_database(settings.storage.path)).build()
            app.add_handler(MessageHandler(filters.TEXT, echo))
            bot = LoopbackBot(fake, settings, app=app)
        else:
            bot = LoopbackBot(fake, settings, app=build_application(settings))
        await bot.start()
        try:
            await _rounds(bot, list(range(10_000, 10_010)), 2)  # warm-up
            fake.latencies.clear()
            await _rounds(bot, [1], light)  # one person at a time: latency without queueing
            light_latency = list(fake.latencies)
            fake.latencies.clear()
            throughput = await _rounds(bot, list(range(1, users + 1)), rounds)
            load_latency = list(fake.latencies)
        finally:
            await bot.stop()
            await fake.stop()
    return {
        "updates_per_s": throughput,
        "light_p50": _percentile(light_latency, 0.50),
        "light_p99": _percentile(light_latency, 0.99),
        "load_p50": _percentile(load_latency, 0.50),
        "load_p99": _percentile(load_latency, 0.99),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--light", type=int, default=200)
    args = parser.parse_args()
    results = {
        kind: await measure(kind, args.users, args.rounds, args.light) for kind in ("echo", "hedge")
    }
    print(
        f"{args.users} users x {args.rounds} rounds under load; {args.light} sequential "
        "messages for light-load latency (ms, bot-side)"
    )
    print(
        f"{'bot':6} {'updates/s':>10} {'p50 light':>10} {'p99 light':>10} "
        f"{'p50 load':>10} {'p99 load':>10}"
    )
    for kind, r in results.items():
        print(
            f"{kind:6} {r['updates_per_s']:10.0f} {r['light_p50']:10.1f} {r['light_p99']:10.1f} "
            f"{r['load_p50']:10.1f} {r['load_p99']:10.1f}"
        )
    ratio = results["hedge"]["updates_per_s"] / results["echo"]["updates_per_s"]
    print(f"hedge/echo throughput ratio: {ratio:.2f} (goal >= 0.5)")
    p99 = results["hedge"]["light_p99"]
    print(f"hedge p99 at light load: {p99:.1f} ms (goal < 50 ms)")
    print(
        f"median hedge/echo latency ratio at light load: "
        f"{statistics.median([results['hedge']['light_p50'] / results['echo']['light_p50']]):.2f}"
    )


if __name__ == "__main__":
    asyncio.run(main())
