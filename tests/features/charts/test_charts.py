"""The chart button at handler level."""

from __future__ import annotations

from bot.devtools.fake_api import FakeBotApi
from bot.features.charts.buttons import ChartButton
from tests.e2e.chat import Person
from tests.features.harness import InProcessBot, forged_press


async def test_the_chart_button_sends_a_photo_of_the_plan(alice: Person) -> None:
    await alice.says("I hold 2 BTC, worried about FOMC, for a week, not sure")
    replies = await alice.taps("📈 Payoff chart")

    assert [r.method for r in replies] == ["sendPhoto"]


async def test_a_chart_of_another_users_plan_is_not_drawn(
    bot: InProcessBot, alice: Person, bob: Person, api: FakeBotApi
) -> None:
    await alice.says("I hold 2 BTC, worried about FOMC, for a week, not sure")
    plan = bot.services.plans.last(alice.id)
    assert plan is not None
    sent = await forged_press(bot, bob, ChartButton(bob.id, plan.id, "0").pack())

    assert [a.method for a in sent] == ["sendMessage"]
    assert sent[0].text.startswith("I no longer have that plan")
