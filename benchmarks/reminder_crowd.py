"""Everyone hedged the same FOMC: 10,000 reminders due in the same minute, and a 1M-row start-up.

Part 1 runs the whole bot as its own process against the loopback fake Bot API, which answers
429 above 30 messages a second, and prints the time to deliver all, the achieved rate against
Telegram's 30/s, the 429s received, and lost / duplicated deliveries (both must be 0).
Part 2 fills a database with 1,000,000 pending reminders and times a cold start of the bot's
reminder side: open and migrate, release stale claims, find the next due time, read the first batch.

    python -m benchmarks.reminder_crowd [--reminders 10000] [--startup-rows 1000000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed_crowd(db_path: Path, count: int, due: datetime) -> None:
    """`count` users, each with a plan and a reminder, all due within one minute."""
    from bot.storage.db import iso, open_database
    from hedging.market import load_snapshot
    from hedging.models import Concern, HedgeRequest, Holding, Intent, Portfolio
    from hedging.planner import recommend

    db = open_database(db_path)
    now = datetime.now(UTC)
    request = HedgeRequest(
        portfolio=Portfolio(holdings=[Holding(symbol="BTC", quantity=2)]),
        intent=Intent(concern=Concern.FOMC, horizon_days=7),
    )
    recommendation = recommend(request, load_snapshot(), now=now)
    request_json, recommendation_json = request.model_dump_json(), recommendation.model_dump_json()
    created = iso(now)
    with db.conn:
        db.execute("BEGIN")
        db.conn.executemany(
            "INSERT INTO users (id, timezone, settings, created_at) VALUES (?, 'UTC', '{}', ?)",
            [(user, created) for user in range(1, count + 1)],
        )
        db.conn.executemany(
            "INSERT INTO plans (id, user_id, request, recommendation, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [(u, u, request_json, recommendation_json, created) for u in range(1, count + 1)],
        )
        db.conn.executemany(
            "INSERT INTO reminders (user_id, chat_id, plan_id, due_at, scheduled_for, status, "
            "attempts, reason, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, 'fomc', ?)",
            [
                (u, u, u, iso(at), iso(at), created)
                for u in range(1, count + 1)
                for at in [due + timedelta(seconds=random.uniform(0, 59))]
            ],
        )


async def crowd(count: int) -> dict[str, float]:
    from bot.devtools.fake_api import FakeBotApi
    from bot.features.reminders import store
    from bot.storage.db import open_database
    from tests.fault.reminder_bot_process import spawn

    api = await FakeBotApi(rate_limit=30).start()
    workdir = Path(tempfile.mkdtemp(prefix="reminder_crowd_"))
    db_path = workdir / "crowd.sqlite"
    first_due = datetime.now(UTC) + timedelta(seconds=8)  # the bot is up and idle by then
    seed_crowd(db_path, count, first_due)
    process = await spawn(api.base_url, db_path, stderr=(workdir / "bot.log").open("wb"))
    db = open_database(db_path)
    while store.count_by_status(db).get("sent", 0) < count:
        if process.returncode is not None:
            raise RuntimeError(f"the bot exited; see {workdir / 'bot.log'}")
        await asyncio.sleep(0.5)
    process.terminate()
    await process.wait()
    await api.stop()

    sends = [a for a in api.actions if a.text.startswith("⏰ Time to take")]
    per_chat = Counter(a.chat_id for a in sends)
    first_at, last_at = min(a.at for a in sends), max(a.at for a in sends)
    # fake timestamps are monotonic: measure from the first send, and from the first due time
    wall_first_send = time.time() - (time.monotonic() - first_at)
    span = last_at - first_at
    return {
        "reminders": count,
        "delivered": len(sends),
        "lost": sum(1 for chat in range(1, count + 1) if per_chat[chat] == 0),
        "duplicated": sum(n - 1 for n in per_chat.values() if n > 1),
        "first_due_to_last_send_s": (wall_first_send + span) - first_due.timestamp(),
        "first_to_last_send_s": span,
        "achieved_rate_per_s": (len(sends) - 1) / span if span > 0 else float("nan"),
        "http_429": sum(1 for error in api.errors if error.startswith("Too Many Requests")),
    }


def seed_million(db_path: Path, rows: int, overdue: int, in_flight: int) -> None:
    """`rows` pending reminders over the next year; some overdue, some left claimed by a crash."""
    from bot.storage.db import iso, open_database

    db = open_database(db_path)
    now = datetime.now(UTC)
    created = iso(now)
    batch = 100_000
    for start in range(0, rows, batch):
        values = []
        for index in range(start, min(start + batch, rows)):
            if index < overdue:
                at = now - timedelta(minutes=random.uniform(1, 600))
            else:
                at = now + timedelta(seconds=random.uniform(60, 365 * 86400))
            claimed = created if index < in_flight else None
            values.append((index % 50_000 + 1, iso(at), iso(at), created, claimed))
        with db.conn:
            db.execute("BEGIN")
            db.conn.executemany(
                "INSERT INTO reminders (user_id, chat_id, plan_id, due_at, scheduled_for, status, "
                "attempts, reason, created_at, claimed_at) "
                "VALUES (?1, ?1, NULL, ?2, ?3, 'pending', 0, 'bench', ?4, ?5)",
                values,
            )


STARTUP_PROBE = """
import json, sys, time
started = time.perf_counter()
from bot.app import build_application
from bot.services import services_of
from bot.config import Settings, StorageConfig, TelegramConfig
from bot.devtools.fake_api import FAKE_TOKEN
from bot.features.reminders import store
imported = time.perf_counter()
settings = Settings(
    telegram=TelegramConfig(token=FAKE_TOKEN, base_url="http://127.0.0.1:9/bot"),
    storage=StorageConfig(path=sys.argv[1]),
)
app = build_application(settings)  # opens the db, registers reminders: recover + one job
built = time.perf_counter()
feature = services_of(app).reminders
assert feature is not None
next_due = store.next_due_at(feature.db)
first_batch = store.due_now(feature.db, feature.clock.now(), feature.engine.policy.batch_size)
ready = time.perf_counter()
print(json.dumps({
    "imports_s": imported - started,
    "build_application_s": built - imported,
    "next_due_and_first_batch_s": ready - built,
    "total_s": ready - started,
    "first_batch_rows": len(first_batch),
    "released_claims": len(feature.engine.in_doubt),
    "jobs_scheduled": len(app.job_queue.scheduler.get_jobs()),
}))
"""


def startup(rows: int) -> dict[str, float]:
    workdir = Path(tempfile.mkdtemp(prefix="reminder_startup_"))
    db_path = workdir / "million.sqlite"
    began = time.perf_counter()
    seed_million(db_path, rows, overdue=10_000, in_flight=1_000)
    seeded = time.perf_counter() - began
    probe = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE, str(db_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(probe.stdout.strip().splitlines()[-1])
    files = [db_path, db_path.with_name(db_path.name + "-wal")]
    size = sum(path.stat().st_size for path in files if path.exists())
    result.update(rows=rows, seed_s=seeded, db_mb=size / 1e6)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--startup-rows", type=int, default=1_000_000)
    parser.add_argument("--skip-crowd", action="store_true")
    parser.add_argument("--skip-startup", action="store_true")
    args = parser.parse_args()
    random.seed(2026)
    if not args.skip_crowd:
        result = asyncio.run(crowd(args.reminders))
        print(f"crowd: {result['reminders']:,} reminders due within one minute")
        print(
            f"  delivered {result['delivered']:,} in {result['first_to_last_send_s']:.1f} s "
            f"(first due to last sent: {result['first_due_to_last_send_s']:.1f} s)"
        )
        print(
            f"  achieved {result['achieved_rate_per_s']:.2f} msg/s against Telegram's 30/s "
            f"({result['achieved_rate_per_s'] / 30:.0%})"
        )
        print(f"  429 answers from the fake: {result['http_429']}")
        print(f"  lost {result['lost']}, duplicated {result['duplicated']}")
    if not args.skip_startup:
        result = startup(args.startup_rows)
        print(
            f"start-up with {result['rows']:,} pending reminders "
            f"({result['db_mb']:.0f} MB database, seeded in {result['seed_s']:.0f} s):"
        )
        print(
            f"  cold process total {result['total_s']:.2f} s = imports {result['imports_s']:.2f} s"
            f" + build_application {result['build_application_s']:.3f} s"
            f" + next due time and first batch {result['next_due_and_first_batch_s']:.4f} s"
        )
        print(
            f"  first batch {result['first_batch_rows']} due rows; stale claims released "
            f"{result['released_claims']}; scheduler jobs {result['jobs_scheduled']}"
        )


if __name__ == "__main__":
    main()
