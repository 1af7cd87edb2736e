"""A double tap is one answer, and one failure is one reply, logged for what it is."""

from __future__ import annotations

import logging

import pytest

from bot.devtools.fake_api import FakeBotApi
from bot.features.reminders import store
from tests.e2e.chat import Person
from tests.features.harness import InProcessBot

PLAN = "I hold 2 BTC, worried about FOMC, for a week, not sure"
WENT_WRONG = "😕 Something went wrong"


def _loud(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("answer", ["Yes", "Keep"])
async def test_tapping_a_forget_confirmation_twice_never_fails(
    bot: InProcessBot, alice: Person, api: FakeBotApi, answer: str, caplog
) -> None:
    await alice.says(PLAN)
    (question,) = await alice.says("/forget")
    data = alice.button(answer, question)

    api.user_presses(alice.id, question, data)
    api.user_presses(alice.id, question, data)
    mark = len(api.actions)
    await bot.settle()

    seen = [a for a in api.actions[mark:]]
    assert {a.message_id for a in seen} == {question.message_id}  # edits of the question only
    assert WENT_WRONG not in " ".join(a.text for a in seen)
    assert api.current(alice.id, question.message_id).text.startswith(
        "Done: I deleted" if answer == "Yes" else "Nothing deleted"
    )
    assert len(api.callback_answers) == 2  # both presses answered, neither left spinning
    assert _loud(caplog) == []


async def test_tapping_a_reminders_cancel_twice_cancels_it_once_and_never_fails(
    bot: InProcessBot, alice: Person, api: FakeBotApi, caplog
) -> None:
    await alice.says(PLAN)
    await alice.says("/remind in 3 days")
    await alice.says("Berlin")
    (listing,) = await alice.says("/reminders")
    data = alice.button("Cancel", listing)

    api.user_presses(alice.id, listing, data)
    api.user_presses(alice.id, listing, data)
    mark = len(api.actions)
    await bot.settle()

    assert WENT_WRONG not in " ".join(a.text for a in api.actions[mark:])
    assert store.pending_for_user(bot.services.db, alice.id) == []
    assert len(api.callback_answers) == 2
    assert _loud(caplog) == []


async def test_a_failing_command_gets_one_reply_not_a_second_from_a_later_group(
    bot: InProcessBot, alice: Person
) -> None:
    bot.services.db.execute("ALTER TABLE reminders RENAME TO lost")  # storage gone bad

    replies = await alice.says("/reminders")

    assert [r.text[: len(WENT_WRONG)] for r in replies] == [WENT_WRONG]


async def test_a_press_answered_too_late_is_logged_as_that_not_as_telegram_unavailable(
    bot: InProcessBot, alice: Person, api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "hedgebot.errors")
    (menu,) = await alice.says("/start")
    press = api.user_presses(alice.id, menu, alice.button("Help", menu))
    press["callback_query"]["id"] = "expired"  # Telegram refuses to answer it: "query is too old"

    await bot.settle()

    (line,) = [r for r in caplog.records if r.name == "hedgebot.errors"]
    assert line.levelno == logging.INFO
    assert "answered too late" in line.getMessage()
    assert "unavailable" not in line.getMessage()


async def test_an_edit_telegram_refuses_is_logged_as_a_refusal_with_its_reason(
    bot: InProcessBot, alice: Person, api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    await alice.says(PLAN)
    card = alice.last_with_buttons()
    api.user_presses(alice.id, card, alice.button("Costs", card))
    api.messages.pop((alice.id, card.message_id))  # the user deleted the card meanwhile

    await bot.settle()

    (line,) = [r for r in caplog.records if r.name == "hedgebot.errors"]
    assert line.levelno == logging.WARNING
    assert "refused to edit a message that is gone" in line.getMessage()
    assert "unavailable" not in line.getMessage()
