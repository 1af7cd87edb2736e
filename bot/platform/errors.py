"""The error handler: log what happened at its level (never the token), tell the user once, and
keep the update from every later handler group."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes

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


def _refusal(error: BadRequest) -> tuple[int, str, bool]:
    """How loud a Telegram refusal is, what to call it, and whether the user should hear."""
    text = str(error).lower()
    if "not modified" in text:  # a double tap: what the user wanted is already on screen
        return logging.INFO, "Telegram refused an edit that changed nothing", False
    if "query is too old" in text or "query id is invalid" in text:
        return logging.INFO, "the button press was answered too late for Telegram", True
    if "message to edit not found" in text or "message can't be edited" in text:
        return logging.WARNING, "Telegram refused to edit a message that is gone", True
    return logging.ERROR, "Telegram refused a request", True


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its context, answer the person once, and stop the update there."""
    error = context.error
    tell_user = True
    if isinstance(error, Forbidden):
        log.info("%s: the user blocked the bot", describe(update))
        tell_user = False
    elif isinstance(error, BadRequest):  # a subclass of NetworkError, but Telegram did answer
        level, what, tell_user = _refusal(error)
        trace = error if level >= logging.ERROR else None
        log.log(level, "%s: %s: %s", describe(update), what, error, exc_info=trace)
    elif isinstance(error, RetryAfter | TimedOut | NetworkError):
        log.warning("%s: Telegram unavailable: %s", describe(update), error)
    else:
        log.error("%s: handler failed", describe(update), exc_info=error)
    if tell_user and isinstance(update, Update) and update.effective_chat is not None:
        await _tell(update, context)
    raise ApplicationHandlerStop  # one failure, one reply: no later group sees this update


async def _tell(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    try:
        if update.callback_query:
            await update.callback_query.answer()
    except Exception:  # already answered, or too old: the message below is what matters
        log.debug("could not answer the callback query", exc_info=True)
    try:
        await context.bot.send_message(update.effective_chat.id, core_text("error"))
    except Exception as failure:
        log.warning("%s: could not tell the user about the error: %s", describe(update), failure)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_error_handler(on_error)
