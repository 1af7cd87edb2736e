"""Shared fixtures: the loopback fake Bot API, the real Application built by build_application,
and people who talk to it. (Other features append their fixtures at the end of this file.)"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.config import BotConfig, Settings, StorageConfig, TelegramConfig
from bot.fake_api import FAKE_TOKEN, BotAction, FakeBotApi
from bot.loopback import LoopbackBot


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
    """The bot under test (see bot.loopback.LoopbackBot)."""


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


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    api = await FakeBotApi().start()
    yield api
    await api.stop()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "hedgebot.sqlite3"


@pytest.fixture
async def bot(fake: FakeBotApi, db_path: Path) -> AsyncIterator[RunningBot]:
    running = await RunningBot(fake, make_settings(fake, db_path)).start()
    yield running
    await running.stop()


@pytest.fixture
def without_faq(bot: RunningBot) -> None:
    """Free text without holdings gets the bot's own hint, whatever features are installed."""
    bot.app.bot_data.pop("free_text_fallback", None)


@pytest.fixture
def alice(bot: RunningBot) -> Person:
    return Person(bot, 1001)


@pytest.fixture
def bob(bot: RunningBot) -> Person:
    return Person(bot, 2002)


# ---- charts: a few recommendations from the core, priced once per test session ----

SAMPLE_HOLDINGS = ["2 BTC", "10 ETH", "$500k SPY", "1 BTC, 20 ETH"]


@pytest.fixture(scope="session")
def sample_recommendations() -> dict[str, Any]:
    """holdings text -> the core's Recommendation for it, at the shipped snapshot."""
    from hedging.holdings import parse_holdings
    from hedging.market import load_snapshot
    from hedging.models import HedgeRequest, Portfolio
    from hedging.planner import recommend

    market = load_snapshot()
    return {
        text: recommend(HedgeRequest(portfolio=Portfolio(holdings=parse_holdings(text))), market)
        for text in SAMPLE_HOLDINGS
    }


# ---- FAQ (branch faq) ----------------------------------------------------------------------


@pytest.fixture
async def bare_bot(fake: FakeBotApi, db_path: Path) -> AsyncIterator[RunningBot]:
    """The bot with no optional feature registered: how a copy without FAQ/reminders behaves."""
    running = await RunningBot(fake, make_settings(fake, db_path), features=[]).start()
    yield running
    await running.stop()


@pytest.fixture
def bare_alice(bare_bot: RunningBot) -> Person:
    return Person(bare_bot, 1001)


def user_sends_sticker(fake: FakeBotApi, user_id: int) -> None:
    """Inject a sticker (a message with no text) from a user, as Telegram shapes it."""
    message = fake.user_says(user_id, "x")["message"]
    del message["text"]
    message["sticker"] = {
        "file_id": "s",
        "file_unique_id": "s",
        "type": "regular",
        "width": 1,
        "height": 1,
        "is_animated": False,
        "is_video": False,
    }
