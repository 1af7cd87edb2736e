"""An update python-telegram-bot cannot parse is skipped once; polling goes on for everyone."""

from __future__ import annotations

import logging

import pytest

from bot.devtools.fake_api import FakeBotApi
from tests.e2e.chat import Person, RunningBot

BROKEN = [
    {"message": {"message_id": 1, "text": "no chat, no date"}},  # an older server's shape
    {"callback_query": {"id": "7", "data": "p:1:1"}},  # no sender, no chat_instance
    {"message": "not an object"},
]


@pytest.mark.parametrize("broken", BROKEN)
async def test_an_unparseable_update_is_skipped_logged_once_and_the_next_one_answered(
    bot: RunningBot, alice: Person, fake: FakeBotApi, broken: dict, caplog
) -> None:
    caplog.set_level(logging.WARNING)
    skipped = fake.push_raw(dict(broken))

    (greeting,) = await alice.says("/start")
    (help_text,) = await alice.says("/help")

    assert greeting.text.startswith("👋 Hi User1001!") and "/settings" in help_text.text
    lines = [r for r in caplog.records if r.name == "hedgebot.updates"]
    assert [r.levelno for r in lines] == [logging.WARNING]
    assert f"skipped update {skipped['update_id']}" in lines[0].getMessage()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_an_update_of_a_kind_the_library_does_not_know_is_simply_ignored(
    bot: RunningBot, alice: Person, fake: FakeBotApi, caplog
) -> None:
    fake.push_raw({"business_thing_from_the_future": {"id": 1}})

    (greeting,) = await alice.says("/start")

    assert greeting.text.startswith("👋 Hi User1001!")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
