"""One message, one plan; the plan card's buttons edit the card in place."""

from __future__ import annotations

import pytest

from bot.devtools.fake_api import FakeBotApi
from tests.e2e.chat import Person, RunningBot

ONE_MESSAGE = "I hold 2 BTC and 10 ETH, worried about FOMC on Wednesday, want to keep some upside"


async def test_one_message_with_everything_gets_a_plan_card_straight_away(alice: Person) -> None:
    replies = await alice.says(ONE_MESSAGE)
    assert [r.method for r in replies] == ["sendMessage"]
    card = replies[0]
    assert card.text.startswith("🛡 Hedge plan · 2 BTC, 10 ETH")
    assert "the Fed (FOMC) decision" in card.text
    assert "Recommended:" in card.text and "If prices fall 10%" in card.text
    assert "Alternatives" in card.text
    assert "✏️ Change an input" in card.button_texts()


async def test_every_costs_and_scenarios_button_edits_the_card_and_back_restores_it(
    alice: Person, fake: FakeBotApi
) -> None:
    (card,) = await alice.says(ONE_MESSAGE)
    labels = [label for label in card.button_texts() if label.startswith(("💵", "📊"))]
    assert len(labels) >= 2
    for label in labels:
        replies = await alice.taps(lambda text, label=label: text == label, on=card)
        assert [(r.method, r.message_id) for r in replies] == [("editMessageText", card.message_id)]
        view = replies[0]
        heading = "💵 Costs · " if label.startswith("💵") else "📊 Scenarios · "
        assert view.text.startswith(heading)
        back = await alice.taps("Back to the plan", on=view)
        assert back[0].text == card.text and back[0].buttons == card.buttons
    assert fake.errors == []


async def test_costs_view_links_to_scenarios_of_the_same_plan(alice: Person) -> None:
    (card,) = await alice.says(ONE_MESSAGE)
    (costs,) = await alice.taps(lambda t: t.startswith("💵"), on=card)
    (scenarios,) = await alice.taps("Scenarios", on=costs)
    kind = costs.text.splitlines()[0].split("·")[1].split(" over ")[0].strip()
    assert scenarios.text.startswith(f"📊 Scenarios · {kind}")
    assert "Move" in scenarios.text and "−10%" in scenarios.text


@pytest.mark.parametrize(
    ("field", "question", "answer", "expected"),
    [
        ("Holdings", "Step 1 of 4", "3 SOL", "🛡 Hedge plan · 3 SOL"),
        ("Concern", "Step 2 of 4", "CPI", "the CPI print"),
        ("Horizon", "Step 3 of 4", "2 weeks", "· 2 weeks ·"),
        ("Outlook", "Step 4 of 4", "expect a big drop", "🛡 Hedge plan · 2 BTC, 10 ETH"),
    ],
)
async def test_change_an_input_asks_that_question_again_and_keeps_the_rest(
    alice: Person, field: str, question: str, answer: str, expected: str
) -> None:
    (card,) = await alice.says(ONE_MESSAGE)
    (choices,) = await alice.taps("Change an input", on=card)
    assert choices.message_id == card.message_id
    assert choices.text.startswith("What would you like to change?")
    (asked,) = await alice.taps(lambda t: t == field, on=choices)
    assert asked.text.startswith(question)
    replies = await alice.says(answer)
    assert len(replies) == 1 and expected in replies[0].text


async def test_plan_buttons_pressed_by_someone_else_are_refused_politely(
    alice: Person, bob: Person, fake: FakeBotApi
) -> None:
    (card,) = await alice.says(ONE_MESSAGE)
    replies = await alice.taps(lambda t: t.startswith("💵"), on=card, by=bob.id)
    assert replies == []
    answer = alice.last_answer()
    assert (
        answer["text"]
        == "This button belongs to someone else's conversation, so I can't act on it for you."
    )
    assert fake.current(alice.id, card.message_id).text == card.text


async def test_a_plan_stored_by_an_older_version_asks_for_a_fresh_one(
    bot: RunningBot, alice: Person
) -> None:
    (card,) = await alice.says(ONE_MESSAGE)
    bot.services.db.execute("UPDATE plans SET recommendation = '{\"old\": 1}'")
    (reply,) = await alice.taps(lambda t: t.startswith("💵"), on=card)
    assert reply.text == "I can't find that plan any more. Send what you hold to get a fresh one."


async def test_a_budget_in_the_message_reaches_the_plan(alice: Person, bot: RunningBot) -> None:
    await alice.says("2 BTC, CPI, for a week, keep some upside, spend at most $300")
    (stored,) = [r["request"] for r in bot.services.db.table("plans").rows]
    assert '"max_cost_usd":300.0' in stored
