"""The whole bot as its own process, polling the Bot API at --base-url (fault test, benchmark)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path
from typing import IO, Any

from bot.app import build_application
from bot.config import RemindersConfig, Settings, StorageConfig, TelegramConfig
from bot.devtools.fake_api import FAKE_TOKEN
from tests import ROOT


async def spawn(
    base_url: str,
    db_path: Path,
    *extra_args: str,
    stdout: Any = None,
    stderr: IO[bytes] | None = None,
) -> asyncio.subprocess.Process:
    """Start this module as a separate bot process against the Bot API at base_url."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fault.reminder_bot_process",
        "--db",
        str(db_path),
        "--base-url",
        base_url,
        *extra_args,
        cwd=ROOT,
        stdout=stdout,
        stderr=stderr,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--check-seconds", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, default=RemindersConfig().concurrency)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    settings = Settings(
        telegram=TelegramConfig(token=FAKE_TOKEN, base_url=args.base_url, poll_timeout=1),
        storage=StorageConfig(path=args.db),
        reminders=RemindersConfig(check_seconds=args.check_seconds, concurrency=args.concurrency),
    )
    application = build_application(settings)
    application.run_polling(poll_interval=0.0, timeout=1, drop_pending_updates=False)


if __name__ == "__main__":
    main()
