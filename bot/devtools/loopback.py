"""The real Application polling the loopback fake Bot API: for the chat, tests, benchmarks."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings
from bot.devtools.fake_api import FAKE_TOKEN, FakeBotApi
from bot.platform.processor import PerChatUpdateProcessor


def offline_settings(settings: Settings, fake: FakeBotApi) -> Settings:
    """The same settings, pointed at the fake with its token."""
    telegram = settings.telegram.model_copy(
        update={"token": FAKE_TOKEN, "base_url": fake.base_url, "webhook_url": None}
    )
    telegram = type(telegram).model_validate(telegram.model_dump())  # token back to SecretStr
    return settings.model_copy(update={"telegram": telegram})


class LoopbackBot:
    """An Application polling the fake; knows when every update it was given has been handled."""

    def __init__(
        self,
        fake: FakeBotApi,
        settings: Settings,
        app: Application | None = None,
        **build: Any,
    ) -> None:
        self.fake, self.settings = fake, settings
        self.app = app if app is not None else build_application(settings, **build)
        self._baseline = 0

    @property
    def processor(self) -> PerChatUpdateProcessor:
        processor = self.app.update_processor
        assert isinstance(processor, PerChatUpdateProcessor)
        return processor

    async def start(self) -> LoopbackBot:
        self._baseline = self.fake.handed_out
        await self.app.initialize()
        if self.app.post_init:  # run_polling would call it; starting by hand, so do we
            await self.app.post_init(self.app)
        await self.app.start()
        assert self.app.updater is not None
        await self.app.updater.start_polling(poll_interval=0.0, timeout=1)
        return self

    async def stop(self) -> None:
        assert self.app.updater is not None
        await self.app.updater.stop()
        await self.app.stop()
        await self.app.shutdown()

    def idle(self) -> bool:
        handled = self.processor.completed + self._baseline
        return self.fake.undelivered == 0 and handled >= self.fake.handed_out

    async def settle(self, timeout: float = 10.0) -> None:
        """Wait until every injected update has been fully handled."""
        await self.fake.wait_until(self.idle, timeout)
        await asyncio.sleep(0)
