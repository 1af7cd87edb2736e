"""A message that names a sized holding always gets its plan; when it also asks something the
FAQ answers outright ("I have 2 BTC: what is funding?"), that answer comes first."""

from __future__ import annotations

import pytest

from tests.e2e.chat import Person
from tests.features.harness import InProcessBot

CARD = "🛡 Hedge plan"


async def test_a_holding_with_a_question_the_faq_answers_gets_the_answer_then_the_plan(
    alice: Person,
) -> None:
    answer, card = await alice.says("I have 2 BTC: what is funding?")

    assert answer.text.splitlines()[0] == "Funding on perpetuals"
    assert card.text.startswith(f"{CARD} · 2 BTC (")


@pytest.mark.parametrize(
    "message",
    [
        "I hold 2 BTC, FOMC is on Wednesday, I'm worried",
        "I own 1,000 shares of AAPL. Do I use puts or calls to protect my position?",
        "hedge 5 ETH for a week",
    ],
)
async def test_a_plan_request_gets_the_plan_alone(alice: Person, message: str) -> None:
    (card,) = await alice.says(message)

    assert card.text.startswith(f"{CARD} · ")


async def test_without_the_faq_a_holding_with_a_question_still_gets_its_plan(
    alice: Person, bot: InProcessBot
) -> None:
    bot.services.hooks.answer_outright = None

    (card,) = await alice.says("I have 2 BTC: what is funding?")

    assert card.text.startswith(f"{CARD} · 2 BTC (")
