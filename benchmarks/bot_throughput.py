"""Hedge bot vs a minimal echo bot on the same stack, against the loopback fake Bot API.

The fake runs in its own process (as Telegram would), so the figures are the bot's own: updates/s
under load (many simulated users, one message each in flight), bot-side latency (from the fake
handing over an update to the bot's reply arriving) at light load and under load, and the
hedge/echo throughput ratio. Goals: ratio >= 0.5; p99 < 50 ms for a plan without a chart.

    python benchmarks/bot_throughput.py [--users 100] [--rounds 5] [--light 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from aiohttp import web
from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.app import application_builder, build_application
from bot.config import Settings, StorageConfig, TelegramConfig
from bot.devtools.fake_api import FAKE_TOKEN, FakeBotApi
from bot.platform.processor import PerChatUpdateProcessor
from bot.storage.db import open_database

PLAN_MESSAGE = "I hold 2 BTC and 10 ETH, worried about FOMC on Wednesday, want to keep some upside"


class ControlledFake(FakeBotApi):
    """The fake plus two control routes, so the benchmark can drive it from another process."""

    def routes(self, app: web.Application) -> None:
        super().routes(app)
        app.router.add_post("/_control/say", self._say)
        app.router.add_post("/_control/latencies", self._latencies)

    async def _say(self, request: web.Request) -> web.Response:
        for user_id, text in await request.json():
            self.user_says(user_id, text)
        return web.json_response({"ok": True})

    async def _latencies(self, request: web.Request) -> web.Response:
        values, self.latencies = self.latencies, []
        return web.json_response(values)


async def serve_fake() -> None:
    """Child process: run the fake until killed; tell the parent the port."""
    fake = await ControlledFake(rate_limit=None).start()
    print(fake.port, flush=True)
    await asyncio.Event().wait()


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.reply_text(update.message.text or "")


def card_echo(card: str, markup: Any) -> Any:
    """An echo bot that answers with a ready-made plan card: the cost of the message alone."""

    async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text(card, reply_markup=markup)

    return reply


def sample_card() -> tuple[str, Any]:
    """The card (HTML and buttons) the hedge bot sends for PLAN_MESSAGE."""
    from datetime import UTC, datetime

    from bot.features.hedge import keyboards
    from bot.features.hedge.views import card_context, plan_rows
    from bot.ui.render import render
    from hedging.language.holdings import parse_holdings
    from hedging.market import load_snapshot
    from hedging.models import Concern, HedgeRequest, Intent, Outlook, Portfolio
    from hedging.planner import recommend

    request = HedgeRequest(
        portfolio=Portfolio(holdings=parse_holdings(PLAN_MESSAGE)),
        intent=Intent(concern=Concern.FOMC, horizon_days=8, outlook=Outlook.INSURANCE),
    )
    now = datetime.now(UTC)
    rec = recommend(request, load_snapshot(), now=now)
    rows = [(row.index, row.plan.kind.value) for row in plan_rows(rec) if row.plan.available]
    return render("hedge/plan_card.j2", **card_context(rec, now)), keyboards.plan_card(1, 1, rows)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


class Driver:
    """Injects messages through the control routes and waits until the bot has handled them."""

    def __init__(self, app: Application, client: httpx.AsyncClient) -> None:  # type: ignore[type-arg]
        self.app, self.client, self.sent = app, client, 0
        processor = app.update_processor
        assert isinstance(processor, PerChatUpdateProcessor)
        self.processor = processor

    async def rounds(self, users: list[int], rounds: int) -> float:
        """Every user sends one message per round; returns updates per second."""
        started = time.perf_counter()
        for _ in range(rounds):
            await self.client.post("/_control/say", json=[[u, PLAN_MESSAGE] for u in users])
            self.sent += len(users)
            while self.processor.completed < self.sent:
                await asyncio.sleep(0.001)
        return len(users) * rounds / (time.perf_counter() - started)

    async def latencies(self) -> list[float]:
        return list((await self.client.post("/_control/latencies")).json())


async def measure(kind: str, port: int, users: int, rounds: int, light: int) -> dict[str, Any]:
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        telegram = TelegramConfig(
            token=FAKE_TOKEN,
            base_url=f"{base}/bot",
            overall_max_rate=0,
            group_max_rate=0,
            poll_timeout=1,
        )  # type: ignore[arg-type]
        settings = Settings(
            telegram=telegram, storage=StorageConfig(path=str(Path(folder) / "bench.sqlite3"))
        )
        if kind in ("echo", "card"):
            app = application_builder(settings, open_database(settings.storage.path)).build()
            app.add_handler(
                MessageHandler(filters.TEXT, echo if kind == "echo" else card_echo(*sample_card()))
            )
        else:
            app = build_application(settings)
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            async with httpx.AsyncClient(base_url=base) as client:
                driver = Driver(app, client)
                await driver.rounds(list(range(10_000, 10_020)), 2)  # warm-up
                await driver.latencies()
                await driver.rounds([1], light)  # one person at a time: no queueing
                light_latency = await driver.latencies()
                throughput = await driver.rounds(list(range(1, users + 1)), rounds)
                load_latency = await driver.latencies()
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
    return {
        "updates_per_s": throughput,
        "light": (_percentile(light_latency, 0.5), _percentile(light_latency, 0.99)),
        "load": (_percentile(load_latency, 0.5), _percentile(load_latency, 0.99)),
    }


async def main(args: argparse.Namespace) -> None:
    results = {}
    kinds = ("echo", "card", "hedge") if args.breakdown else ("echo", "hedge")
    for kind in kinds:
        child = subprocess.Popen(
            [sys.executable, __file__, "--serve-fake"], stdout=subprocess.PIPE, text=True
        )
        try:
            assert child.stdout is not None
            port = int(child.stdout.readline())
            results[kind] = await measure(kind, port, args.users, args.rounds, args.light)
        finally:
            child.kill()
            child.wait()
    print(
        f"{args.users} users x {args.rounds} rounds under load; {args.light} sequential messages "
        "at light load; latency in ms, bot-side; fake Bot API in its own process"
    )
    print(
        f"{'bot':6} {'updates/s':>10} {'p50 light':>10} {'p99 light':>10} {'p50 load':>10} "
        f"{'p99 load':>10}"
    )
    for kind, r in results.items():
        print(
            f"{kind:6} {r['updates_per_s']:10.0f} {r['light'][0]:10.1f} {r['light'][1]:10.1f} "
            f"{r['load'][0]:10.1f} {r['load'][1]:10.1f}"
        )
    ratio = results["hedge"]["updates_per_s"] / results["echo"]["updates_per_s"]
    print(f"hedge/echo throughput ratio: {ratio:.2f} (goal >= 0.5)")
    print(f"hedge p99 at light load: {results['hedge']['light'][1]:.1f} ms (goal < 50 ms)")
    print(
        json.dumps(
            {"ratio": round(ratio, 3), **{k: v["updates_per_s"] for k, v in results.items()}}
        )
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--light", type=int, default=200)
    parser.add_argument(
        "--breakdown", action="store_true", help="also an echo bot that sends the plan card"
    )
    parser.add_argument("--serve-fake", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    asyncio.run(serve_fake() if arguments.serve_fake else main(arguments))
