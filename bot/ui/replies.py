"""The one way the bot sends and edits: long texts split into valid messages, buttons on the last.

An edit that changes nothing (a double tap) counts as done: Telegram's "message is not modified"
is success here, for every feature.
"""

from __future__ import annotations

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.ui.telegram_rules import split_html


async def send(
    bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message:
    """Send rendered text, in as many messages as Telegram needs."""
    chunks = split_html(text)
    for chunk in chunks[:-1]:
        await bot.send_message(chat_id, chunk)
    return await bot.send_message(chat_id, chunks[-1], reply_markup=markup)


async def reply(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Answer in the chat the update came from (nothing, for an update without a chat)."""
    if update.effective_chat is None:
        return None
    return await send(update.get_bot(), update.effective_chat.id, text, markup)


def not_modified(error: BadRequest) -> bool:
    return "not modified" in str(error).lower()


async def edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Replace the pressed message with rendered text (extra parts, if any, follow it)."""
    chunks = split_html(text)
    first_markup = markup if len(chunks) == 1 else None
    try:
        await query.edit_message_text(chunks[0], reply_markup=first_markup)
    except BadRequest as error:
        if not not_modified(error):
            raise
    if len(chunks) > 1 and query.message is not None:
        for index, chunk in enumerate(chunks[1:], start=2):
            await query.get_bot().send_message(
                query.message.chat.id, chunk, reply_markup=markup if index == len(chunks) else None
            )


async def remove_buttons(query: CallbackQuery) -> None:
    """Take the keyboard off the pressed message (already gone counts as done)."""
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as error:
        if not not_modified(error):
            raise


async def alert(query: CallbackQuery, text: str) -> None:
    """A pop-up on the pressed button."""
    await query.answer(text, show_alert=True)
