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


async def test_a_question_in_another_script_is_told_the_bot_reads_english_and_shown_the_topics(
    alice: Person,
) -> None:
    (reply,) = await alice.says("Скажите, пожалуйста, что такое хеджирование?")

    assert reply.text.startswith("I can only read questions in English so far.")
    assert reply.button_texts()[0] == "Hedging basics"


async def test_an_english_question_with_no_answer_is_asked_to_try_other_words(
    alice: Person,
) -> None:
    (reply,) = await alice.says("banana bread recipe")

    assert "Try other words" in reply.text
