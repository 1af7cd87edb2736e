"""/start, /help, the menu, the command list, unknown commands and the error handler."""

from __future__ import annotations

import logging

import pytest
from telegram.ext import CommandHandler

from bot.app import COMMANDS
from bot.devtools.fake_api import FakeBotApi
from tests.e2e.chat import Person, RunningBot

DISCLAIMER = "Education only, not financial advice; I never place trades."

# the reminders feature is switched on (bot.app.FEATURES); its empty list
NO_REMINDERS = (
    "You have no reminders waiting. Tap ⏰ on a plan card, or type /remind in 3 days after a plan."
)


async def test_start_greets_in_two_lines_then_the_disclaimer_and_a_menu(alice: Person) -> None:
    (greeting,) = await alice.says("/start")
    lines = greeting.text.splitlines()
    assert lines[0].startswith("👋 Hi User1001! I work out how to hedge what you already hold")
    assert lines[1].startswith("Send one line like I hold 2 BTC and 10 ETH")
    assert lines[2:] == ["", DISCLAIMER]
    assert greeting.button_texts() == [
        "🛡 Build a hedge",
        "❓ Questions",
        "⏰ Reminders",
        "⚙️ Settings",
        "ℹ️ Help",
    ]


async def test_the_disclaimer_is_said_once(alice: Person) -> None:
    await alice.says("/start")
    (again,) = await alice.says("/start")
    assert DISCLAIMER not in again.text
    assert again.text.startswith("👋 Welcome back")


async def test_commands_are_registered_with_set_my_commands(
    bot: RunningBot, fake: FakeBotApi
) -> None:
    assert [c["command"] for c in fake.commands] == [
        "hedge",
        "help",
        "faq",
        "reminders",
        "remind",
        "settings",
        "cancel",
        "forget",
    ]
    assert list(COMMANDS) == [c["command"] for c in fake.commands]


async def test_help_lists_the_commands_and_holding_formats(alice: Person) -> None:
    (reply,) = await alice.says("/help")
    for command in COMMANDS:
        assert f"/{command}" in reply.text
    assert "1,000 SOL @ 150" in reply.text


@pytest.mark.parametrize(
    ("button", "first_line"),
    [
        ("Help", "How to use Hedgebot"),
        ("Questions", "Questions about hedging"),
        ("Reminders", NO_REMINDERS),
        ("Settings", "⚙️ Your settings"),
        ("Build a hedge", "Step 1 of 4 · What do you hold?"),
    ],
)
async def test_every_menu_button_answers(alice: Person, button: str, first_line: str) -> None:
    (menu,) = await alice.says("/start")
    replies = await alice.taps(button, on=menu)
    assert [r.text.splitlines()[0] for r in replies] == [first_line]


@pytest.mark.parametrize(
    ("command", "reply"),
    [
        ("/faq", "Questions and answers isn't switched on in this copy of the bot yet."),
        ("/reminders", "Reminders isn't switched on in this copy of the bot yet."),
        ("/frobnicate", "I don't know that command. /help lists what I can do."),
    ],
)
async def test_commands_without_their_feature_still_answer(
    bare_alice: Person, command: str, reply: str
) -> None:
    assert [r.text for r in await bare_alice.says(command)] == [reply]


async def test_a_message_without_holdings_gets_a_hint(alice: Person, without_faq: None) -> None:
    (reply,) = await alice.says("hello there")
    assert reply.text.startswith("I didn't find any holdings in that.")


async def test_free_text_without_holdings_goes_to_the_registered_fallback(
    bot: RunningBot, alice: Person
) -> None:
    async def faq(update, context) -> None:  # type: ignore[no-untyped-def]
        await update.message.reply_text("faq answer")

    bot.services.hooks.free_text = faq
    assert [r.text for r in await alice.says("what is funding?")] == ["faq answer"]


async def test_a_failing_handler_is_logged_with_context_and_the_user_is_told(
    bot: RunningBot, alice: Person, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(update, context) -> None:  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    bot.app.add_handler(CommandHandler("boom", broken), group=-2)
    with caplog.at_level(logging.ERROR, logger="hedgebot.errors"):
        replies = await alice.says("/boom")
    assert replies[0].text.startswith("😕 Something went wrong on my side")
    (record,) = [r for r in caplog.records if r.name == "hedgebot.errors"]
    assert "user=1001 chat=1001" in record.getMessage()
    assert bot.settings.telegram.token is not None
    assert bot.settings.telegram.token.get_secret_value() not in caplog.text


async def test_a_blocked_user_does_not_crash_the_bot(
    bot: RunningBot, alice: Person, bob: Person, fake: FakeBotApi
) -> None:
    fake.block_chat(alice.id)
    assert await alice.says("/start") == []
    assert fake.errors == ["Forbidden: bot was blocked by the user"]
    (reply,) = await bob.says("/start")
    assert reply.text.startswith("👋 Hi User2002!")


async def test_a_reply_longer_than_telegram_allows_arrives_as_several_valid_messages(
    bot: RunningBot, alice: Person, fake: FakeBotApi
) -> None:
    from bot.ui.render import core_text
    from bot.ui.replies import reply

    async def long_reply(update, context) -> None:  # type: ignore[no-untyped-def]
        reason = "<long & winding> " * 600
        await reply(update, core_text("bad_input", step="holdings", reason=reason, too_long=False))

    bot.app.add_handler(CommandHandler("long", long_reply), group=-2)
    replies = await alice.says("/long")
    assert [r.method for r in replies[:3]] == ["sendMessage"] * 3
    assert "".join(r.text for r in replies[:3]).count("<long & winding>") == 600
    assert fake.errors == []
