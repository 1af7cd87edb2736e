"""Pressing the plan card's chart button over the fake Bot API sends the chart as a photo."""

from __future__ import annotations

from bot.devtools.fake_api import BotAction, FakeBotApi
from bot.features.charts.images import CACHE, render_comparison_chart, render_plan_chart
from bot.storage.plans import PlanRepository
from tests.e2e.chat import Person, RunningBot

HOLDINGS = "I hold 2 BTC, worried about CPI, for a week, want to keep some upside"
CHART_BUTTON = "📈 Payoff chart"
COMPARE_BUTTON = "📊 All plans on one chart"


async def _card(person: Person) -> BotAction:
    (card,) = await person.says(HOLDINGS)
    assert CHART_BUTTON in card.button_texts()
    return card


def _stored(bot: RunningBot, card: BotAction):
    plan_id = int(card.button_data()[0].split(":")[2])
    stored = PlanRepository(bot.services.db).load(plan_id, 1001)
    assert stored is not None
    return stored


async def test_the_chart_button_sends_the_recommended_plans_chart_with_its_caption(
    alice: Person, bot: RunningBot
) -> None:
    card = await _card(alice)
    replies = await alice.taps(CHART_BUTTON, on=card)
    recommendation = _stored(bot, card).recommendation
    expected = render_plan_chart(recommendation, recommendation.plans[0].kind)
    assert [(r.method, r.html, r.photo_bytes) for r in replies] == [
        ("sendPhoto", expected.caption, len(expected.png))
    ]
    assert alice.last_answer()["callback_query_id"]  # the button stopped spinning
    other_plans = [b for b in replies[0].button_texts() if b != COMPARE_BUTTON]
    assert len(other_plans) == len(recommendation.plans) - 1
    assert COMPARE_BUTTON in replies[0].button_texts()


async def test_the_compare_button_under_a_chart_sends_all_plans_on_one_chart(
    alice: Person, bot: RunningBot
) -> None:
    card = await _card(alice)
    (photo,) = await alice.taps(CHART_BUTTON, on=card)
    replies = await alice.taps(COMPARE_BUTTON, on=photo)
    expected = render_comparison_chart(_stored(bot, card).recommendation)
    assert [(r.method, r.html, r.photo_bytes) for r in replies] == [
        ("sendPhoto", expected.caption, len(expected.png))
    ]
    assert COMPARE_BUTTON not in replies[0].button_texts()


async def test_pressing_the_same_chart_again_is_served_from_the_cache(alice: Person) -> None:
    card = await _card(alice)
    (first,) = await alice.taps(CHART_BUTTON, on=card)
    hits = CACHE.hits
    (second,) = await alice.taps(CHART_BUTTON, on=card)
    assert (second.method, second.photo_bytes, CACHE.hits) == (
        "sendPhoto",
        first.photo_bytes,
        hits + 1,
    )


async def test_someone_elses_chart_button_sends_them_nothing(alice: Person, bob: Person) -> None:
    card = await _card(alice)
    replies = await alice.taps(CHART_BUTTON, on=card, by=bob.id)
    assert replies == []
    assert alice.last_answer()["text"]  # told, in a pop-up, that the button is not theirs
    assert [a for a in bob.fake.actions if a.method == "sendPhoto"] == []


async def test_a_chart_button_of_a_forgotten_plan_gets_a_friendly_message(
    alice: Person, bot: RunningBot, fake: FakeBotApi
) -> None:
    card = await _card(alice)
    db = bot.services.db
    db.execute("DELETE FROM plans WHERE id = ?", [_stored(bot, card).id])
    replies = await alice.taps(CHART_BUTTON, on=card)
    assert [(r.method, r.text.split(",")[0]) for r in replies] == [
        ("sendMessage", "I no longer have that plan")
    ]
