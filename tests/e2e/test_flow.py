"""The guided flow: buttons and typed answers, back, cancel, timeout, restart, two people."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.devtools.fake_api import FakeBotApi
from tests.e2e.chat import Person, RunningBot, make_settings, user_sends_sticker


async def test_guided_flow_by_buttons_ends_in_a_plan_card_in_the_same_message(
    alice: Person,
) -> None:
    (question,) = await alice.says("/hedge")
    assert question.text.startswith("Step 1 of 4 · What do you hold?")
    steps = []
    for label in ["1 BTC", "Nothing specific", "1 week", "Not sure"]:
        (edited,) = await alice.taps(label)
        assert edited.message_id == question.message_id
        steps.append(edited.text.splitlines()[0])
    assert steps[:3] == [
        "Step 2 of 4 · What worries you?",
        "Step 3 of 4 · For how long?",
        "Step 4 of 4 · Your view",
    ]
    assert steps[3] == "🛡 Hedge plan · 1 BTC ($90,000) · 1 week"


async def test_guided_flow_by_typed_answers(alice: Person) -> None:
    await alice.says("/hedge")
    answers = ["0.5 eth", "token unlock", "3 days", "keep some upside"]
    firsts = [(await alice.says(text))[0].text.splitlines()[0] for text in answers]
    assert firsts == [
        "Step 2 of 4 · What worries you?",
        "Step 3 of 4 · For how long?",
        "Step 4 of 4 · Your view",
        "🛡 Hedge plan · 0.5 ETH ($1,500) · 3 days · a token unlock",
    ]


async def test_the_menu_button_starts_the_guided_flow_below_the_menu(alice: Person) -> None:
    (menu,) = await alice.says("/start")
    (question,) = await alice.taps("Build a hedge", on=menu)
    assert question.method == "sendMessage"
    assert question.text.startswith("Step 1 of 4")


async def test_back_returns_to_the_previous_question(alice: Person) -> None:
    await alice.says("/hedge")
    await alice.taps("1 BTC")
    await alice.taps("CPI")
    (back,) = await alice.taps("Back")
    assert back.text.startswith("Step 2 of 4")
    (back,) = await alice.taps("Back")
    assert back.text.startswith("Step 1 of 4")
    (again,) = await alice.taps("10 ETH")
    assert again.text.startswith("Step 2 of 4 · What worries you?\nYou hold 10 ETH.")


async def test_cancel_button_and_command_end_the_flow(alice: Person, without_faq: None) -> None:
    await alice.says("/hedge")
    await alice.taps("1 BTC")
    (cancelled,) = await alice.taps("Cancel")
    assert cancelled.text.startswith("Stopped. Nothing was saved.")
    (after,) = await alice.says("CPI")  # no longer an answer: read as a fresh message
    assert after.text.startswith("I didn't find any holdings")
    await alice.says("/hedge")
    (cancelled,) = await alice.says("/cancel")
    assert cancelled.text.startswith("Stopped.")


async def test_buttons_of_a_finished_flow_say_they_have_expired(alice: Person) -> None:
    (question,) = await alice.says("/hedge")
    await alice.says("/cancel")
    assert await alice.taps("1 BTC", on=question) == []
    assert alice.last_answer()["text"] == "That button has expired. Send /hedge to start again."


async def test_a_flow_left_unanswered_times_out_with_a_message(
    fake: FakeBotApi, db_path: Path
) -> None:
    running = await RunningBot(
        fake, make_settings(fake, db_path, conversation_timeout_seconds=0.3)
    ).start()
    try:
        running.services.hooks.free_text = None  # the bot's own hint, not the FAQ
        alice = Person(running, 1001)
        await alice.says("/hedge")
        await fake.wait_until(lambda: "I closed our unfinished" in fake.sent_to(1001)[-1].text)
        (after,) = await alice.says("CPI")
        assert after.text.startswith("I didn't find any holdings")
    finally:
        await running.stop()


async def test_a_restart_in_the_middle_of_the_flow_loses_nothing(
    fake: FakeBotApi, db_path: Path
) -> None:
    first = await RunningBot(fake, make_settings(fake, db_path)).start()
    await Person(first, 1001).says("/hedge")
    await Person(first, 1001).says("I hold 2 BTC")
    await Person(first, 1001).taps("CPI")
    await first.stop()
    second = await RunningBot(fake, make_settings(fake, db_path)).start()
    try:
        alice = Person(second, 1001)
        await alice.says("for a week")
        (card,) = await alice.taps("Insurance")
        assert card.text.startswith("🛡 Hedge plan · 2 BTC ($180,000) · 1 week · the CPI print")
    finally:
        await second.stop()


async def test_two_people_at_once_keep_separate_conversations(
    bot: RunningBot, alice: Person, bob: Person, fake: FakeBotApi
) -> None:
    fake.user_says(alice.id, "/hedge")
    fake.user_says(bob.id, "/hedge")
    fake.user_says(alice.id, "2 BTC")
    fake.user_says(bob.id, "I hold 100 SOL, earnings")
    await bot.settle()
    alice_lines = [a.text.splitlines()[0] for a in fake.sent_to(alice.id)]
    bob_lines = [a.text.splitlines()[0] for a in fake.sent_to(bob.id)]
    assert alice_lines == ["Step 1 of 4 · What do you hold?", "Step 2 of 4 · What worries you?"]
    assert bob_lines == ["Step 1 of 4 · What do you hold?", "Step 3 of 4 · For how long?"]
    results = await asyncio.gather(alice.says("CPI"), bob.says("2 days"))
    assert [r[0].text.splitlines()[0] for r in results] == [
        "Step 3 of 4 · For how long?",
        "Step 4 of 4 · Your view",
    ]


async def test_start_in_the_middle_leaves_the_flow_and_hedge_starts_it_afresh(
    alice: Person, without_faq: None
) -> None:
    await alice.says("2 BTC")
    (greeting,) = await alice.says("/start")
    assert greeting.text.startswith("👋")
    (hint,) = await alice.says("CPI")
    assert hint.text.startswith("I didn't find any holdings")
    await alice.says("3 ETH")
    (fresh,) = await alice.says("/hedge")
    assert fresh.text.startswith("Step 1 of 4")
    (asked,) = await alice.says("CPI")
    assert "I need what you hold" in asked.text


async def test_a_sticker_outside_any_question_gets_an_answer(
    bot: RunningBot, alice: Person, fake: FakeBotApi
) -> None:
    user_sends_sticker(fake, alice.id)
    await bot.settle()
    (answer,) = fake.sent_to(alice.id)
    assert answer.text == "Sorry, I couldn't make sense of that.\nI can only read text here."


async def test_editing_an_earlier_message_is_not_taken_as_a_new_answer(
    bot: RunningBot, alice: Person, fake: FakeBotApi
) -> None:
    await alice.says("/hedge")
    update = fake.user_says(alice.id, "2 BTC")
    await bot.settle()
    edited = fake.user_says(alice.id, "5 ETH")
    edited["edited_message"] = edited.pop("message")
    edited["edited_message"]["edit_date"] = edited["edited_message"]["date"]
    edited["edited_message"]["message_id"] = update["message"]["message_id"]
    await bot.settle()
    assert [a.text.splitlines()[0] for a in fake.sent_to(alice.id)] == [
        "Step 1 of 4 · What do you hold?",
        "Step 2 of 4 · What worries you?",
    ]


async def test_every_step_is_on_disk_before_the_next_message_so_a_crash_loses_nothing(
    bot: RunningBot, alice: Person
) -> None:
    await alice.says("/hedge")
    await alice.says("I hold 2 BTC")
    await alice.taps("CPI")
    db = bot.services.db
    states = [(r["name"], r["key"], r["state"]) for r in db.table("conversations").rows]
    (draft_row,) = [r["data"] for r in db.table("user_data").rows]
    assert states == [("hedge", f"[{alice.id},{alice.id}]", '"horizon"')]
    assert '"concern":"cpi"' in draft_row and '"symbol":"BTC"' in draft_row
