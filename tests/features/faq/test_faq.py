"""The FAQ at handler level."""

from __future__ import annotations

from tests.e2e.chat import Person


async def test_faq_lists_the_topics_and_a_topic_lists_its_questions(alice: Person) -> None:
    (topics,) = await alice.says("/faq")
    (topic,) = await alice.taps(topics.button_texts()[0], on=topics)

    assert topic.message_id == topics.message_id
    assert topic.button_texts()[-1] == "« All topics"


async def test_text_without_holdings_is_taken_as_a_question(alice: Person) -> None:
    (answer,) = await alice.says("what is a funding rate?")

    assert "funding" in answer.text.lower()
