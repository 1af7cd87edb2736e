"""/start, /help, the menu and the button check, at handler level."""

from __future__ import annotations

import pytest

from bot.devtools.fake_api import FakeBotApi
from bot.features.hedge.buttons import CostsButton
from tests.e2e.chat import Person
from tests.features.harness import InProcessBot


async def test_start_greets_once_with_the_menu_and_help_lists_the_commands(alice: Person) -> None:
    (first,) = await alice.says("/start")
    (again,) = await alice.says("/start")
    (help_text,) = await alice.says("/help")

    assert first.text.startswith("👋 Hi User1001!")
    assert again.text.startswith("👋 Welcome back")
    assert first.button_texts()[0] == "🛡 Build a hedge"
    assert "/settings" in help_text.text


async def test_an_unknown_command_gets_one_reply(alice: Person) -> None:
    replies = await alice.says("/frobnicate")

    assert len(replies) == 1
    assert "don't know that command" in replies[0].text


@pytest.mark.parametrize(
    "data", ["p:²:1", "e:1001:abc", "p:1001:99999999999999999999999", "zz:1001", "k:1001:1"]
)
async def test_a_button_that_does_not_decode_gets_the_expired_pop_up(
    bot: InProcessBot, alice: Person, api: FakeBotApi, data: str
) -> None:
    (menu,) = await alice.says("/start")

    api.user_presses(alice.id, menu, data, forged=True)
    await bot.settle()

    assert alice.last_answer()["text"] == "That button has expired. Send /hedge to start again."
    assert api.errors == []


async def test_someone_elses_button_gets_a_polite_refusal(
    bot: InProcessBot, alice: Person, bob: Person, api: FakeBotApi
) -> None:
    (menu,) = await bob.says("/start")

    api.user_presses(bob.id, menu, CostsButton(alice.id, 1, 0).pack(), forged=True)
    await bot.settle()

    assert "someone else" in bob.last_answer()["text"]
