"""Send and edit rendered templates; long texts split into valid messages, buttons on the last."""

from __future__ import annotations

from typing import Any

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.render import render
from bot.telegram_rules import split_html


def text_of(template: str, **context: Any) -> str:
    """Render templates/bot/<template>.j2."""
    return render(f"bot/{template}.j2", **context)


async def send(
    bot: Bot,
    chat_id: int,
    template: str,
    markup: InlineKeyboardMarkup | None = None,
    **context: Any,
) -> Message:
    """Send a rendered template, in as many messages as Telegram needs."""
    chunks = split_html(text_of(template, **context))
    for chunk in chunks[:-1]:
        await bot.send_message(chat_id, chunk)
    return await bot.send_message(chat_id, chunks[-1], reply_markup=markup)


async def reply(
    update: Update, template: str, markup: InlineKeyboardMarkup | None = None, **context: Any
) -> Message:
    """Answer in the chat the update came from."""
    assert update.effective_chat is not None
    return await send(update.get_bot(), update.effective_chat.id, template, markup, **context)


async def edit(
    query: CallbackQuery,
    template: str,
    markup: InlineKeyboardMarkup | None = None,
    **context: Any,
) -> None:
    """Replace the pressed message with a rendered template (extra parts, if any, follow it)."""
    chunks = split_html(text_of(template, **context))
    first_markup = markup if len(chunks) == 1 else None
    try:
        await query.edit_message_text(chunks[0], reply_markup=first_markup)
    except BadRequest as error:
        if "not modified" not in str(error).lower():
            raise
    if len(chunks) > 1 and query.message is not None:
        for index, chunk in enumerate(chunks[1:], start=2):
            await query.get_bot().send_message(
                query.message.chat.id, chunk, reply_markup=markup if index == len(chunks) else None
            )
