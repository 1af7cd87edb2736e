"""Webhook mode: Telegram gets the public URL and a secret; calls without the secret are refused."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import httpx

from bot.cli.run import webhook_arguments
from bot.devtools.fake_api import FakeBotApi
from tests.e2e.chat import RunningBot, make_settings


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_checks_the_secret_token_and_handles_real_updates(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    settings = make_settings(fake, tmp_path / "db.sqlite3")
    port = _free_port()
    telegram = settings.telegram.model_copy(
        update={
            "webhook_url": "https://bot.example.com",
            "webhook_listen": "127.0.0.1",
            "webhook_port": port,
        }
    )
    settings = settings.model_copy(update={"telegram": telegram})
    arguments = webhook_arguments(settings)
    assert arguments["webhook_url"] == "https://bot.example.com/telegram"
    assert len(arguments["secret_token"]) >= 32
    running = RunningBot(fake, settings)
    app = running.app
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_webhook(**arguments)
    try:
        assert fake.webhook is not None
        assert fake.webhook["secret_token"] == arguments["secret_token"]
        update = fake.user_says(1001, "/help")
        fake.discard_pending()  # delivered by webhook, not by polling
        body = json.dumps(update)
        url = f"http://127.0.0.1:{port}/telegram"
        headers = {"Content-Type": "application/json"}
        async with httpx.AsyncClient() as client:
            forged = await client.post(url, content=body, headers=headers)
            genuine = await client.post(
                url,
                content=body,
                headers={**headers, "X-Telegram-Bot-Api-Secret-Token": arguments["secret_token"]},
            )
        assert (forged.status_code, genuine.status_code) == (403, 200)
        await fake.wait_until(lambda: len(fake.sent_to(1001)) == 1)
        assert fake.sent_to(1001)[0].text.startswith("How to use Hedgebot")
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
