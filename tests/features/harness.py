"""Handler-level testing: the real Application, every feature and the same fake Bot API, but no
HTTP and no polling. Updates go straight to process_update; Bot API calls go straight to the fake.

`InProcessBot` speaks the same language as the end-to-end RunningBot, so `Person.says()` and
`Person.taps()` work on both; a test here takes milliseconds.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram import Update

from bot.app import build_application
from bot.config import Settings
from bot.devtools.fake_api import BotAction, FakeBotApi
from bot.devtools.in_process import InProcessRequest
from bot.platform.clock import FakeClock
from bot.services import BotApplication, Services, services_of
from bot.storage.db import open_database
from tests.e2e.chat import Person, make_settings

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # a Tuesday, a week before the December FOMC


class InProcessBot:
    """The bot under test, driven update by update; services over an in-memory database."""

    def __init__(self, fake: FakeBotApi, settings: Settings, **build: Any) -> None:
        self.fake, self.settings = fake, settings
        self.clock = FakeClock(NOW)
        build.setdefault("db", open_database(":memory:"))
        build.setdefault("clock", self.clock)
        self.app: BotApplication = build_application(
            settings, request=InProcessRequest(fake), **build
        )
        self._offset = 0

    @property
    def services(self) -> Services:
        return services_of(self.app)

    async def start(self) -> InProcessBot:
        await self.app.initialize()
        return self

    async def stop(self) -> None:
        await self.app.shutdown()

    async def settle(self) -> None:
        """Handle every update the fake holds, in order, each to the end."""
        token = self.fake.token
        while True:
            _, body = await self.fake.call(token, "getUpdates", {"offset": self._offset})
            if not body["result"]:
                return
            for data in body["result"]:
                self._offset = data["update_id"] + 1
                await self.app.process_update(Update.de_json(data, self.app.bot))


async def forged_press(bot: InProcessBot, person: Person, data: str) -> list[BotAction]:
    """`person` sends callback data on no button of theirs (as a modified client can), under
    a fresh /start menu; returns what the bot then did in their chat."""
    (menu,) = await person.says("/start")
    mark = len(bot.fake.actions)
    bot.fake.user_presses(person.id, menu, data, forged=True)
    await bot.settle()
    return [action for action in bot.fake.actions[mark:] if action.chat_id == person.id]


def in_process_settings(fake: FakeBotApi, **bot: Any) -> Settings:
    return make_settings(fake, Path(":memory:"), **bot)
