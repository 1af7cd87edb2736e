"""The error handler: log with context (never the token), tell the user something went wrong."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import Forbidden, NetworkError, RetryAfter
from telegram.ext import Application, ContextTypes

from bot.ui.render import core_text

log = logging.getLogger("hedgebot.errors")


def describe(update: object) -> str:
    """Who and what, without message contents."""
    if not isinstance(update, Update):
        return f"non-update {type(update).__name__}"
    kind = next(
        (name for name in ("message", "callback_query", "inline_query") if getattr(update, name)),
        "other",
    )
    user = update.effective_user.id if update.effective_user else None
    chat = update.effective_chat.id if update.effective_chat else None
    data = update.callback_query.data if update.callback_query else None
    return f"update {update.update_id} ({kind}) user={user} chat={chat} data={data!r}"


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its context, and answer the person so they are never left waiting."""
    error = context.error
    if isinstance(error, Forbidden):
        log.info("%s: the user blocked the bot", describe(update))
        return
    if isinstance(error, RetryAfter | NetworkError):
        log.warning("%s: Telegram unavailable: %s", describe(update), error)
    else:
        log.error("%s: handler failed", describe(update), exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        if update.callback_query:
            await update.callback_query.answer()
    except Exception:  # already answered, or too old: the message below is what matters
        log.debug("could not answer the callback query", exc_info=True)
    try:
        await context.bot.send_message(update.effective_chat.id, core_text("error"))
    except Exception:
        log.warning("%s: could not tell the user about the error", describe(update), exc_info=True)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_error_handler(on_error)
