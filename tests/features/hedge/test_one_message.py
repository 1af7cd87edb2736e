"""A message with holdings is a plan after at most one question; what it leaves out is assumed,
said on the card, and one tap away from being changed. The guided /hedge flow still asks all.

The harness clock is Tuesday 1 December 2026, 10:00 UTC (next FOMC Wed 9 Dec, CPI Thu 10 Dec)."""

from __future__ import annotations

import pytest

from bot.features.hedge.buttons import ChangeButton
from tests.e2e.chat import Person
from tests.features.harness import InProcessBot

CARD = "🛡 Hedge plan"
QUICK_ROW = ["📅 Change event", "⏳ 1 week", "🤔 Not sure"]


def rows(action) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[button["text"] for button in row] for row in action.buttons]


@pytest.mark.parametrize(
    "message",
    ["I hold 2 BTC", "2 btc", "hedge my 2 BTC please", "$50k SPY", "I have 2 BTC and 10 ETH"],
)
async def test_a_message_with_only_holdings_gets_a_card_with_no_question(
    alice: Person, message: str
) -> None:
    replies = await alice.says(message)

    assert len(replies) == 1 and replies[0].text.startswith(CARD)
    assert "Assumed: no specific event · 1 week · not sure which way. Tap below to change." in (
        replies[0].text.splitlines()
    )
    assert QUICK_ROW in rows(replies[0])


async def test_a_message_that_says_everything_assumes_nothing(alice: Person) -> None:
    (card,) = await alice.says("2 BTC, worried about CPI, for 2 weeks, expect a crash")

    assert card.text.startswith(f"{CARD} · 2 BTC ($180,000) · 2 weeks · the CPI print on Thu 10")
    assert "Assumed:" not in card.text
    assert not any("📅" in label or "⏳" in label for label in card.button_texts())


@pytest.mark.parametrize(
    ("tap", "question", "answer", "header_part", "still_assumed"),
    [
        (
            "⏳ 1 week",
            "Step 3 of 4",
            "for 2 weeks",
            "· 2 weeks",
            "no specific event · not sure which way",
        ),
        (
            "🤔 Not sure",
            "Step 4 of 4",
            "keep some upside",
            "· 1 week",
            "no specific event · 1 week",
        ),
        ("📅 Change event", "Step 2 of 4", "earnings", "· earnings", "1 week · not sure which way"),
    ],
)
async def test_one_tap_changes_one_assumption_and_keeps_the_others(
    alice: Person, tap: str, question: str, answer: str, header_part: str, still_assumed: str
) -> None:
    (card,) = await alice.says("I hold 2 BTC")
    (asked,) = await alice.taps(tap, on=card)
    assert asked.message_id == card.message_id and asked.text.startswith(question)

    (changed,) = await alice.says(answer)

    assert changed.text.startswith(CARD) and header_part in changed.text.splitlines()[0]
    assert f"Assumed: {still_assumed}. Tap below to change." in changed.text.splitlines()
    assert tap not in changed.button_texts()  # no longer assumed, so no longer offered


async def test_the_quick_buttons_carry_the_owner_and_the_plan(
    bot: InProcessBot, alice: Person
) -> None:
    (card,) = await alice.says("I hold 2 BTC")
    plan = bot.services.plans.last(alice.id)
    assert plan is not None

    assert [ChangeButton.unpack(alice.button(label, card)) for label in QUICK_ROW] == [
        ChangeButton(alice.id, plan.id, field) for field in ("concern", "horizon", "outlook")
    ]


async def test_fomc_on_wednesday_uses_the_calendars_meeting_and_says_so(alice: Person) -> None:
    (card,) = await alice.says("I hold 2 BTC, worried about FOMC on Wednesday")

    header, *lines = card.text.splitlines()
    assert header == f"{CARD} · 2 BTC ($180,000) · 10 days · the Fed (FOMC) decision on Wed 09 Dec"
    assert any(
        line.startswith("ℹ️ You said") and "FOMC decision on Wed 9 Dec" in line for line in lines
    )


async def test_a_horizon_that_ends_before_the_event_is_warned_about(alice: Person) -> None:
    (card,) = await alice.says("2 BTC, FOMC, for 3 days")

    assert (
        "⚠️ This hedge comes off on Fri 04 Dec, before the Fed (FOMC) decision on Wed 09 Dec. "
        "Tap ⏳ below to make it longer." in card.text.splitlines()
    )
    assert "⏳ 3 days" in card.button_texts()


@pytest.mark.parametrize("answer", ["typed", "tapped"])
async def test_a_longer_horizon_from_the_warning_keeps_the_event_and_drops_the_warning(
    alice: Person, answer: str
) -> None:
    (card,) = await alice.says("2 BTC, FOMC, for 3 days")
    await alice.taps("⏳ 3 days", on=card)

    (changed,) = await (alice.says("for 2 weeks") if answer == "typed" else alice.taps("2 weeks"))

    assert changed.text.splitlines()[0].endswith(
        "· 2 weeks · the Fed (FOMC) decision on Wed 09 Dec"
    )
    assert "⚠️" not in changed.text


async def test_a_horizon_past_the_event_has_no_warning(alice: Person) -> None:
    (card,) = await alice.says("2 BTC, FOMC, for 2 weeks")

    assert "⚠️" not in card.text


async def test_every_holding_read_is_in_the_header_and_an_unpriced_one_is_named(
    alice: Person,
) -> None:
    (card,) = await alice.says("2 BTC, 10 ETH and 5000 WIDGETCOIN")

    assert card.text.startswith(f"{CARD} · 2 BTC, 10 ETH (")
    assert any("no price for WIDGETCOIN" in line for line in card.text.splitlines())
    assert "<code>1,000 WIDGETCOIN @ 0.5</code>" in card.html


async def test_an_unreadable_holding_is_asked_once_and_the_next_message_is_the_answer(
    alice: Person,
) -> None:
    (asked,) = await alice.says("0 BTC, CPI")
    assert "must be more than zero" in asked.text

    (card,) = await alice.says("1 BTC")

    assert card.text.startswith(f"{CARD} · 1 BTC ($90,000) · 11 days · the CPI print")


async def test_the_guided_flow_still_asks_all_four_questions(alice: Person) -> None:
    firsts = [
        (await alice.says(text))[0].text.splitlines()[0]
        for text in ["/hedge", "2 BTC", "CPI", "for a week", "not sure"]
    ]

    assert firsts[:4] == [
        "Step 1 of 4 · What do you hold?",
        "Step 2 of 4 · What worries you?",
        "Step 3 of 4 · For how long?",
        "Step 4 of 4 · Your view",
    ]
    assert firsts[4].startswith(f"{CARD} · 2 BTC ($180,000) · 1 week · the CPI print")


async def test_a_command_at_a_hedge_question_still_runs(alice: Person) -> None:
    await alice.says("/hedge")

    (settings,) = await alice.says("/settings")

    assert "Your settings" in settings.text
