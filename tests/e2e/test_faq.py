"""The FAQ through the real Application and the fake Bot API: what a person sees and taps."""

from __future__ import annotations

from bot.devtools.fake_api import BOT_USER, FakeBotApi
from bot.features.faq.buttons import TopicButton
from bot.features.faq.knowledge import knowledge_base
from bot.ui.render import render
from tests.e2e.chat import Person, RunningBot

KB = knowledge_base()


def heading(entry_id: str) -> str:
    """First line of an entry's answer as Telegram shows it."""
    return (
        KB.entries[entry_id].answer.strip().splitlines()[0].replace("<b>", "").replace("</b>", "")
    )


def titles(entry_ids: list[str] | tuple[str, ...]) -> list[str]:
    return [KB.entries[i].title for i in entry_ids]


async def test_faq_shows_every_topic_as_a_button(alice: Person, fake: FakeBotApi) -> None:
    (reply,) = await alice.says("/faq")
    assert reply.text.startswith("Questions about hedging")
    assert reply.button_texts() == [t.title for t in KB.topics]
    assert fake.errors == []


async def test_a_topic_lists_its_questions_and_a_question_opens_its_answer(alice: Person) -> None:
    (menu,) = await alice.says("/faq")
    (topic,) = await alice.taps("Costs and risks", on=menu)
    assert (topic.method, topic.message_id) == ("editMessageText", menu.message_id)
    costs = [e.id for e in KB.in_topic("costs")]
    assert topic.button_texts() == [*titles(costs), "« All topics"]
    (answer,) = await alice.taps("Funding rates", on=topic)
    assert answer.text.startswith(heading("funding"))
    assert answer.message_id == menu.message_id


async def test_each_answer_ends_with_its_related_entries_as_buttons(alice: Person) -> None:
    (answer,) = await alice.says("/faq what is basis risk")
    related = KB.entries["basis_risk"].related
    assert answer.button_texts() == [*titles(related), "« All topics"]
    (next_answer,) = await alice.taps(KB.entries[related[0]].title, on=answer)
    assert next_answer.text.startswith(heading(related[0]))
    (topics,) = await alice.taps("« All topics", on=next_answer)
    assert topics.button_texts() == [t.title for t in KB.topics]


async def test_a_typed_question_gets_its_answer(alice: Person, fake: FakeBotApi) -> None:
    (answer,) = await alice.says("How do funding rates work on perps?")
    assert answer.text.startswith(heading("funding"))
    assert "mark price × position size × funding rate" in answer.text
    assert fake.errors == []


async def test_a_decision_answer_ends_with_the_education_note_once(alice: Person) -> None:
    (answer,) = await alice.says("/faq when should I remove a hedge")
    assert answer.text.startswith(heading("remove_hedge"))
    assert (
        answer.text.splitlines()[-1] == "Education, not financial advice: the decision stays yours."
    )
    assert answer.text.count("financial advice") == 1


async def test_an_ambiguous_question_offers_the_closest_entries(alice: Person) -> None:
    (reply,) = await alice.says("leverage or margin")
    assert reply.text.startswith("I'm not sure which of these you mean")
    offered = reply.button_texts()[:-1]
    assert {"Leverage and liquidation", "Changing leverage under cross margin"} <= set(offered)
    assert 2 <= len(offered) <= 3
    (answer,) = await alice.taps("Leverage and liquidation", on=reply)
    assert answer.text.startswith(heading("leverage_liquidation"))


async def test_no_match_says_so_and_shows_the_topics(alice: Person) -> None:
    (reply,) = await alice.says("banana bread recipe")
    assert reply.text == (
        "I have no answer for “banana bread recipe” yet. Try other words, or browse the topics"
        " below. To plan a hedge instead, send what you hold, like 2 BTC or $500k of SPY."
    )
    assert reply.button_texts() == [t.title for t in KB.topics]


async def test_a_plan_request_goes_to_the_planner_not_the_faq(alice: Person) -> None:
    replies = await alice.says("hedge my 2 BTC")
    assert replies[0].text.startswith("🛡 Hedge plan · 2 BTC")


async def test_faq_with_a_holding_points_to_the_planner(alice: Person) -> None:
    (reply,) = await alice.says("/faq hedge my 2 BTC")
    assert "2 BTC" in reply.text and "price the hedges" in reply.text


async def test_a_deep_link_opens_the_answer(alice: Person, fake: FakeBotApi) -> None:
    (answer,) = await alice.says("/start faq_funding")
    assert answer.text.startswith(heading("funding"))
    assert answer.button_texts() == [*titles(KB.entries["funding"].related), "« All topics"]
    assert fake.errors == []


async def test_a_deep_link_to_a_missing_entry_says_so_and_shows_topics(alice: Person) -> None:
    gone, topics = await alice.says("/start faq_no_such_thing")
    assert gone.text == "That answer is no longer available. Type /faq to see the topics."
    assert topics.button_texts() == [t.title for t in KB.topics]


async def test_plain_start_still_greets(alice: Person) -> None:
    (greeting,) = await alice.says("/start")
    assert "❓ Questions" in greeting.button_texts()


async def test_the_menu_questions_button_opens_the_topics(alice: Person) -> None:
    (greeting,) = await alice.says("/start")
    replies = await alice.taps("❓ Questions", on=greeting)
    assert replies[-1].button_texts() == [t.title for t in KB.topics]


async def test_someone_else_cannot_press_your_faq_buttons(alice: Person, bob: Person) -> None:
    (menu,) = await alice.says("/faq")
    replies = await alice.taps("Platforms", on=menu, by=bob.id)
    assert replies == []
    assert alice.last_answer()["text"] == render("core/not_yours.j2")


async def test_every_faq_button_fits_telegram_and_names_its_owner(alice: Person) -> None:
    (menu,) = await alice.says("/faq")
    for data in menu.button_data():
        decoded = TopicButton.unpack(data)
        assert decoded is not None and decoded.owner_id == alice.id
        assert len(data.encode()) <= 64


async def test_inline_query_offers_matching_answers_to_share(
    bot: RunningBot, fake: FakeBotApi
) -> None:
    fake.user_queries_inline(1001, "funding")
    await bot.settle()
    (answer,) = fake.inline_answers
    results = answer["results"]
    assert results[0]["id"] == "funding"
    assert results[0]["title"] == "Funding rates"
    assert results[0]["input_message_content"]["parse_mode"] == "HTML"
    link = f"https://t.me/{BOT_USER['username']}?start=faq_funding"
    assert results[0]["reply_markup"]["inline_keyboard"] == [
        [{"text": "Open in Hedgebot", "url": link}]
    ]
    assert fake.errors == []


async def test_an_empty_inline_query_offers_the_first_entries(
    bot: RunningBot, fake: FakeBotApi
) -> None:
    fake.user_queries_inline(1001, "")
    await bot.settle()
    ids = [r["id"] for r in fake.inline_answers[0]["results"]]
    assert ids == list(KB.entries)[:10]


async def test_an_inline_query_with_no_match_answers_with_nothing(
    bot: RunningBot, fake: FakeBotApi
) -> None:
    fake.user_queries_inline(1001, "zzzzqqq")
    await bot.settle()
    assert fake.inline_answers[0]["results"] == []


async def test_the_faq_gives_the_plan_card_a_link_helper_for_its_terms(bot: RunningBot) -> None:
    term_link = bot.services.hooks.term_link
    assert term_link is not None
    assert term_link("basis_risk") == f"https://t.me/{BOT_USER['username']}?start=faq_basis_risk"


async def test_the_cost_sheet_links_its_terms_to_their_answers(
    alice: Person, fake: FakeBotApi
) -> None:
    (card,) = await alice.says("I hold 2 BTC, worried about FOMC, for a week, not sure")
    sheets = []
    for label in [text for text in card.button_texts() if text.startswith("💵")]:
        (sheet,) = await alice.taps(lambda text, label=label: text == label, on=card)
        sheets.append(sheet.html)
        await alice.taps("Back to the plan", on=sheet)
    link = f"https://t.me/{BOT_USER['username']}?start=faq_"
    funding = f'<a href="{link}funding">Funding</a>'
    assert any(funding in html for html in sheets)
    assert all(funding in html for html in sheets if "Funding" in html)
    assert any(f'<a href="{link}leverage_liquidation">Liquidated</a>' in h for h in sheets)
    assert any(f'(<a href="{link}basis_risk">basis risk</a>)' in h for h in sheets)
    assert fake.errors == []
    (answer,) = await alice.says("/start faq_basis_risk")
    assert answer.text.startswith(heading("basis_risk"))
