"""A request that names what is held but not how much ("hedge my ETH before CPI") is asked one
question, the size, and the answer alone makes the plan, with the rest of the request kept.
A message that names a holding but asks something else still goes to the FAQ.

The harness clock is Tuesday 1 December 2026, 10:00 UTC (CPI Thu 10 Dec)."""

from __future__ import annotations

import pytest

from tests.e2e.chat import Person

CARD = "🛡 Hedge plan"


async def test_a_holding_without_a_size_is_asked_its_size_and_a_bare_amount_makes_the_plan(
    alice: Person,
) -> None:
    (asked,) = await alice.says("hedge my eth before CPI")
    assert asked.text.splitlines()[0] == "How much ETH do you hold?"
    assert asked.button_texts() == ["✖ Cancel"]

    (card,) = await alice.says("2")

    assert card.text.startswith(f"{CARD} · 2 ETH (")
    assert "the CPI print on Thu 10 Dec" in card.text.splitlines()[0]


async def test_a_dollar_amount_answers_the_size_question(alice: Person) -> None:
    await alice.says("I would like to protect my NVDA investment")

    (card,) = await alice.says("$5k")

    assert card.text.startswith(f"{CARD} · ") and "($5,000)" in card.text.splitlines()[0]
    assert "NVDA" in card.text.splitlines()[0]


async def test_a_portfolio_described_in_words_is_asked_what_it_is_worth(alice: Person) -> None:
    (asked,) = await alice.says("how do I hedge my tech stocks?")
    assert asked.text.splitlines()[0] == "How much are your tech stocks worth?"

    (card,) = await alice.says("250k")

    assert card.text.startswith(f"{CARD} · ") and "QQQ ($250,000)" in card.text.splitlines()[0]
    assert "I read tech stocks as QQQ, the index fund." in card.text


async def test_two_unsized_holdings_are_asked_together_and_answered_in_one_line(
    alice: Person,
) -> None:
    (asked,) = await alice.says("I own BTC and ETH, worried about a crash")
    assert asked.text.splitlines()[0] == "How much of each do you hold?"

    (card,) = await alice.says("1 BTC and 10 ETH")

    assert card.text.startswith(f"{CARD} · 1 BTC, 10 ETH (")
    assert "Assumed: no specific event · 1 week." in card.text  # the crash worry was kept


async def test_an_answer_that_is_no_size_is_asked_again_kindly(alice: Person) -> None:
    await alice.says("hedge my eth")

    (again,) = await alice.says("not sure really")

    assert not again.text.startswith(CARD) and "Traceback" not in again.text
    (card,) = await alice.says("3")
    assert card.text.startswith(f"{CARD} · 3 ETH (")


@pytest.mark.parametrize(
    "message",
    ["why does my BTC short pay funding?", "should I hedge my bitcoin with puts or futures?"],
)
async def test_a_question_that_names_a_holding_is_answered_not_asked_a_size(
    alice: Person, message: str
) -> None:
    replies = await alice.says(message)

    assert not any("do you hold?" in reply.text for reply in replies)
    assert not any(reply.text.startswith(CARD) for reply in replies)


async def test_a_question_typed_instead_of_the_size_is_answered_and_the_size_asked_again(
    alice: Person,
) -> None:
    await alice.says("hedge my eth before CPI")

    answer, asked_again = await alice.says("what is funding?")

    assert "Funding" in answer.text.splitlines()[0]
    assert asked_again.text.splitlines()[0] == "How much ETH do you hold?"
    (card,) = await alice.says("2")
    assert card.text.startswith(f"{CARD} · 2 ETH (")


async def test_a_reply_that_is_neither_a_size_nor_a_question_still_asks_for_the_size(
    alice: Person,
) -> None:
    await alice.says("hedge my eth")

    (again,) = await alice.says("hmm let me think")

    assert "How much ETH" not in again.text and not again.text.startswith(CARD)
    (card,) = await alice.says("3")
    assert card.text.startswith(f"{CARD} · 3 ETH (")
