"""Every answer button of the guided flow works, and buttons in a group belong to their owner."""

from __future__ import annotations

import pytest

from bot.devtools.fake_api import FakeBotApi
from bot.ui.keyboards import labels
from tests.e2e.chat import Person, RunningBot

PRESETS = labels("hedge")["holdings"]["presets"]
CONCERNS = list(labels("hedge")["concern"].values())
HORIZONS = list(labels("hedge")["horizon"].values())
OUTLOOKS = list(labels("hedge")["outlook"].values())


def _is(label: str):  # type: ignore[no-untyped-def]
    return lambda text: text == label


@pytest.mark.parametrize("preset", PRESETS)
async def test_every_holdings_example_button(alice: Person, preset: str) -> None:
    await alice.says("/hedge")
    (asked,) = await alice.taps(_is(preset))
    assert asked.text.startswith("Step 2 of 4 · What worries you?")


@pytest.mark.parametrize("concern", CONCERNS)
async def test_every_concern_button(alice: Person, concern: str) -> None:
    await alice.says("/hedge")
    await alice.says("2 BTC")
    (asked,) = await alice.taps(_is(concern))
    assert asked.text.startswith("Step 3 of 4 · For how long?")


@pytest.mark.parametrize("horizon", HORIZONS)
async def test_every_horizon_button(alice: Person, horizon: str) -> None:
    await alice.says("/hedge")
    await alice.says("2 BTC, CPI")
    (asked,) = await alice.taps(_is(horizon))
    assert asked.text.startswith("Step 4 of 4 · Your view")


@pytest.mark.parametrize("outlook", OUTLOOKS)
async def test_every_outlook_button_gives_a_plan(alice: Person, outlook: str) -> None:
    await alice.says("/hedge")
    await alice.says("2 BTC and 1000 SOL, CPI, 3 days")
    (card,) = await alice.taps(_is(outlook))
    assert card.text.startswith("🛡 Hedge plan · 2 BTC, 1,000 SOL")


async def test_in_a_group_only_the_owner_can_answer_with_the_buttons(
    bot: RunningBot, fake: FakeBotApi
) -> None:
    group, alice, bob = -100123, 1001, 2002
    fake.user_says(alice, "/hedge", chat_id=group)
    await bot.settle()
    (question,) = fake.sent_to(group)
    fake.user_presses(bob, question, question.button_data()[0])
    await bot.settle()
    answer = list(fake.callback_answers.values())[-1]
    assert answer["text"].startswith("This button belongs to someone else")
    assert len(fake.sent_to(group)) == 1
    fake.user_presses(alice, question, question.button_data()[0])
    await bot.settle()
    assert fake.current(group, question.message_id).text.startswith("Step 2 of 4")


@pytest.mark.parametrize("forged", ["c:1001:nonsense", "z:1001:1e308", "z:1001:abc", "o:1001:"])
async def test_forged_answer_data_is_refused_and_the_question_stays(
    alice: Person, fake: FakeBotApi, forged: str
) -> None:
    await alice.says("/hedge")
    await alice.says("2 BTC")
    question = alice.last_with_buttons()
    question.buttons.append([{"text": "forged", "callback_data": forged}])
    assert await alice.taps("forged", on=question) == []
    assert alice.last_answer()["text"] == "That button has expired. Send /hedge to start again."
    (asked,) = await alice.taps("CPI", on=question)
    assert asked.text.startswith("Step 3 of 4")
