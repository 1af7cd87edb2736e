"""The loopback fake answers like Telegram, errors included, as seen through python-telegram-bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.devtools.fake_api import FAKE_TOKEN, FakeBotApi
from tests.e2e.chat import Person, RunningBot, make_settings

CHAT = 42


@pytest.fixture
async def tg(fake: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(FAKE_TOKEN, base_url=fake.base_url) as bot:
        yield bot


async def test_get_me_has_a_username_and_messages_have_a_date(tg: Bot) -> None:
    assert tg.username == "hedgebot_fake_bot"
    message = await tg.send_message(CHAT, "<b>hi</b> &amp; bye", parse_mode=ParseMode.HTML)
    assert message.date.timestamp() > 0
    assert message.text == "hi & bye"
    assert [(e.type, e.offset, e.length) for e in message.entities] == [("bold", 0, 2)]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("x" * 4097, "message is too long"),
        ("<script>x</script>", "unsupported start tag"),
        ("<b>open", "can't find end tag"),
        ("", "message text is empty"),
    ],
)
async def test_send_message_rejects_what_telegram_rejects(tg: Bot, text: str, error: str) -> None:
    with pytest.raises(BadRequest, match=f"(?i){error}"):
        await tg.send_message(CHAT, text, parse_mode=ParseMode.HTML)  # PTB capitalises


async def test_callback_data_over_64_bytes_is_rejected(tg: Bot) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data="é" * 33)]])
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await tg.send_message(CHAT, "hi", reply_markup=markup)


async def test_invalid_bot_commands_are_rejected(tg: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await tg.set_my_commands([BotCommand("Bad-Command", "nope")])


async def test_photo_captions_over_1024_are_rejected_and_photos_are_recorded(
    tg: Bot, fake: FakeBotApi
) -> None:
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await tg.send_photo(CHAT, b"\x89PNG fake", caption="c" * 1025)
    await tg.send_photo(CHAT, b"\x89PNG fake", caption="<i>chart</i>", parse_mode=ParseMode.HTML)
    (photo,) = fake.sent_to(CHAT)
    assert (photo.method, photo.text, photo.photo_bytes) == ("sendPhoto", "chart", 9)


async def test_edits_change_the_message_and_an_identical_edit_is_refused(
    tg: Bot, fake: FakeBotApi
) -> None:
    message = await tg.send_message(CHAT, "one")
    await tg.edit_message_text("two", CHAT, message.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await tg.edit_message_text("two", CHAT, message.message_id)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="k")]])
    await tg.edit_message_reply_markup(CHAT, message.message_id, reply_markup=markup)
    assert fake.current(CHAT, message.message_id).button_data() == ["k"]
    assert fake.current(CHAT, message.message_id).text == "two"


async def test_over_30_messages_a_second_get_429_with_retry_after(tg: Bot) -> None:
    for index in range(30):
        await tg.send_message(CHAT, f"m{index}")
    with pytest.raises(RetryAfter) as raised:
        await tg.send_message(CHAT, "one too many")
    assert raised.value.retry_after == 1


async def test_a_blocked_chat_gets_403_and_transient_failures_are_network_errors(
    tg: Bot, fake: FakeBotApi
) -> None:
    fake.block_chat(CHAT)
    with pytest.raises(Forbidden, match="blocked"):
        await tg.send_message(CHAT, "hi")
    fake.fail_next(1)
    with pytest.raises(NetworkError):
        await tg.send_message(7, "hi")
    assert (await tg.send_message(7, "hi again")).text == "hi again"


async def test_inline_answers_are_validated_and_kept(tg: Bot, fake: FakeBotApi) -> None:
    from telegram import InlineQueryResultArticle, InputTextMessageContent

    result = InlineQueryResultArticle("1", "t", InputTextMessageContent("<b>a</b>", "HTML"))
    await tg.answer_inline_query("5", [result])
    bad = InlineQueryResultArticle("2", "t", InputTextMessageContent("<b>a", "HTML"))
    with pytest.raises(BadRequest):
        await tg.answer_inline_query("6", [bad])
    assert [a["inline_query_id"] for a in fake.inline_answers] == ["5"]


async def test_the_bot_honours_retry_after_so_a_burst_is_delivered_in_full(
    tmp_path: Path,
) -> None:
    fake = await FakeBotApi(rate_limit=3).start()
    settings = make_settings(fake, tmp_path / "db.sqlite3")
    running = await RunningBot(fake, settings).start()
    try:
        people = [Person(running, 100 + i) for i in range(5)]
        for person in people:
            fake.user_says(person.id, "/help")
        await running.settle(timeout=30)
        assert sorted(a.chat_id for a in fake.actions) == [p.id for p in people]
        assert "Too Many Requests: retry after 1" in fake.errors
    finally:
        await running.stop()
        await fake.stop()
