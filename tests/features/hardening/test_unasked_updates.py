"""Updates no feature should act on: edits, channel posts, commands addressed to another bot.

Telegram sends a bot edits of messages it already answered, every post of a channel it
administers, and in a group every command, whichever bot it names."""

from __future__ import annotations

import pytest

from bot.devtools.fake_api import FakeBotApi
from bot.features.reminders import store
from tests.e2e.chat import Person
from tests.features.harness import InProcessBot

PLAN = "I hold 2 BTC, worried about FOMC, for a week, not sure"
GROUP = -100500


async def _after(bot: InProcessBot, api: FakeBotApi) -> list[str]:
    mark = len(api.actions)
    await bot.settle()
    return [action.text for action in api.actions[mark:]]


async def test_editing_a_remind_command_changes_nothing_and_fails_nothing(
    bot: InProcessBot, alice: Person, api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    await alice.says(PLAN)
    said = api.user_says(alice.id, "/remind in 3 days")
    await bot.settle()
    await alice.says("Berlin")
    (reminder,) = store.pending_for_user(bot.services.db, alice.id)

    api.user_edits(said, "/remind in 4 days")

    assert await _after(bot, api) == []
    assert store.pending_for_user(bot.services.db, alice.id) == [reminder]
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


@pytest.mark.parametrize("awaited", ["a timezone", "a time"])
async def test_editing_an_earlier_message_while_an_answer_is_awaited_keeps_the_question_open(
    bot: InProcessBot, alice: Person, api: FakeBotApi, awaited: str
) -> None:
    earlier = api.user_says(alice.id, PLAN)
    await bot.settle()
    if awaited == "a time":
        await alice.says("/settings")  # nothing: only to have an earlier message either way
    await alice.says("/remind")
    if awaited == "a time":
        await alice.says("Berlin")

    api.user_edits(earlier, "I hold 3 BTC")

    assert await _after(bot, api) == []
    (answer, *_) = await alice.says("in 3 days" if awaited == "a time" else "Berlin")
    assert "Something went wrong" not in answer.text
    assert api.errors == []


async def test_an_edit_in_a_group_gets_no_reply_either(bot: InProcessBot, api: FakeBotApi) -> None:
    said = api.user_says(1001, "/start@hedgebot_fake_bot", chat_id=GROUP)
    await bot.settle()

    api.user_edits(said, "/start@hedgebot_fake_bot again")

    assert await _after(bot, api) == []


@pytest.mark.parametrize("command", ["/start@other_bot", "/frobnicate@other_bot", "/help@OtherBot"])
async def test_a_command_for_another_bot_gets_no_reply(
    bot: InProcessBot, api: FakeBotApi, command: str
) -> None:
    api.user_says(1001, command, chat_id=GROUP)
    api.user_says(1001, command)

    assert await _after(bot, api) == []


async def test_a_command_addressed_to_this_bot_in_a_group_is_answered(
    bot: InProcessBot, api: FakeBotApi
) -> None:
    api.user_says(1001, "/help@HedgeBot_Fake_Bot", chat_id=GROUP)

    (answer,) = await _after(bot, api)
    assert "/settings" in answer


@pytest.mark.parametrize("post", ["/start", "/frobnicate", "2 BTC", "hello"])
async def test_channel_posts_get_no_reply(bot: InProcessBot, api: FakeBotApi, post: str) -> None:
    said = api.channel_posts(-100777, post)
    api.push_raw({"edited_channel_post": {**said["channel_post"], "edit_date": 1}})

    assert await _after(bot, api) == []
    assert api.errors == []
