"""`hedgebot run` as a process against the loopback Bot API: a token revoked while polling ends
it with one line and a non-zero status, SIGTERM ends it cleanly, and the token never reaches the
log."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from bot.devtools.fake_api import FAKE_TOKEN, FakeBotApi
from tests import ROOT

STARTED = "long polling"
NOISE = ("Traceback", "Event loop is closed", "Task was destroyed", "never retrieved")


async def _start(fake: FakeBotApi, tmp_path: Path) -> tuple[asyncio.subprocess.Process, list[str]]:
    """The bot running against the fake; returns once it polls, with its stderr so far."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "HEDGEBOT_TELEGRAM__TOKEN": FAKE_TOKEN,
        "HEDGEBOT_TELEGRAM__BASE_URL": fake.base_url,
        "HEDGEBOT_TELEGRAM__POLL_TIMEOUT": "1",
        "HEDGEBOT_STORAGE__PATH": str(tmp_path / "bot.sqlite3"),
        "HEDGEBOT_BOT__LOG_LEVEL": "DEBUG",  # the most the log can say, token included or not
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stderr is not None
    lines: list[str] = []
    while not any(STARTED in line for line in lines):
        line = await asyncio.wait_for(process.stderr.readline(), 60)
        assert line, "the bot exited before polling:\n" + "".join(lines)
        lines.append(line.decode())
    return process, lines


async def _finish(process: asyncio.subprocess.Process, lines: list[str]) -> tuple[int, str]:
    assert process.stderr is not None
    rest = await asyncio.wait_for(process.stderr.read(), 60)
    return await process.wait(), "".join(lines) + rest.decode()


async def test_a_token_revoked_while_polling_exits_2_with_one_line_and_no_traceback(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    process, lines = await _start(fake, tmp_path)

    fake.token = "123456789:AAnotherTokenAfterTheOldWasRevoked_00"  # the old one now gets 401

    status, log = await _finish(process, lines)
    assert status == 2
    last = log.strip().splitlines()[-1]
    assert last.startswith("hedgebot: Telegram stopped accepting the token")
    assert "HEDGEBOT_TELEGRAM__TOKEN" in last
    assert not [noise for noise in NOISE if noise in log], log
    assert FAKE_TOKEN not in log and FAKE_TOKEN.split(":")[1] not in log


async def test_sigterm_stops_the_bot_cleanly_with_status_0(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    process, lines = await _start(fake, tmp_path)

    process.send_signal(signal.SIGTERM)

    status, log = await _finish(process, lines)
    assert status == 0
    assert not [noise for noise in NOISE if noise in log], log
    assert FAKE_TOKEN.split(":")[1] not in log
