"""The end-to-end toolkit: the real Application over the loopback Bot API, and people who talk
to it (`alice.says(...)`, `alice.taps(...)`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.config import BotConfig, Settings, StorageConfig, TelegramConfig
from bot.devtools.fake_api import FAKE_TOKEN, BotAction, FakeBotApi
from bot.devtools.loopback import LoopbackBot
from bot.services import Services, services_of


def make_settings(fake: FakeBotApi, db_path: Path, **bot: Any) -> Settings:
    """Settings pointing the bot at the fake, with a private database file."""
    return Settings(
        telegram=TelegramConfig(
            token=FAKE_TOKEN, base_url=fake.base_url, poll_timeout=1, max_retries=3
        ),  # type: ignore[arg-type]
        storage=StorageConfig(path=str(db_path)),
        bot=BotConfig(**bot),
    )


class RunningBot(LoopbackBot):
    """The bot under test (see bot.devtools.loopback.LoopbackBot)."""

    @property
    def services(self) -> Services:
        return services_of(self.app)


class Person:
    """Someone chatting with the bot in a private chat."""

    def __init__(self, bot: RunningBot, user_id: int) -> None:
        self.bot, self.fake, self.id = bot, bot.fake, user_id

    def _since(self, mark: int) -> list[BotAction]:
        return [a for a in self.fake.actions[mark:] if a.chat_id == self.id]

    async def says(self, text: str) -> list[BotAction]:
        """Send a message; returns everything the bot did in this chat in response."""
        mark = len(self.fake.actions)
        self.fake.user_says(self.id, text)
        await self.bot.settle()
        return self._since(mark)

    def last_with_buttons(self) -> BotAction:
        candidates = [a for a in self.fake.sent_to(self.id) if a.buttons]
        assert candidates, "the bot has shown no buttons in this chat"
        return self.fake.current(self.id, candidates[-1].message_id)

    def button(self, match: str | Callable[[str], bool], on: BotAction | None = None) -> str:
        """callback_data of the button whose label contains `match` (latest keyboard by default)."""
        action = on or self.last_with_buttons()
        test = match if callable(match) else (lambda label: match in label)
        for row in action.buttons:
            for button in row:
                if test(button["text"]):
                    return str(button["callback_data"])
        raise AssertionError(f"no button matching {match!r} in {action.button_texts()}")

    async def taps(
        self, match: str | Callable[[str], bool], on: BotAction | None = None, by: int | None = None
    ) -> list[BotAction]:
        """Press a button (as another user `by`, if given); returns what the bot did here."""
        action = on or self.last_with_buttons()
        data = self.button(match, action)
        mark = len(self.fake.actions)
        self.fake.user_presses(by or self.id, action, data)
        await self.bot.settle()
        return self._since(mark)

    def last_answer(self) -> dict[str, Any]:
        """The most recent answerCallbackQuery the bot made."""
        return list(self.fake.callback_answers.values())[-1]


STICKER: dict[str, Any] = {
    "file_id": "s",
    "file_unique_id": "s",
    "type": "regular",
    "width": 1,
    "height": 1,
    "is_animated": False,
    "is_video": False,
}


def user_sends_sticker(fake: FakeBotApi, user_id: int) -> None:
    """Inject a sticker (a message with no text) from a user, as Telegram shapes it."""
    message = fake.user_says(user_id, "x")["message"]
    del message["text"]
    message["sticker"] = STICKER
