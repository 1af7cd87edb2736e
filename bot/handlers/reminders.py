"""Reminders: /reminders with cancel buttons, a delivered reminder's buttons, and /forget."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
)

from bot import reminder_store as store
from bot import reminder_views as views
from bot.callbacks import Action, CallbackData, pattern
from bot.handlers.reminder_base import Context, ReminderFeature, button, feature, say
from bot.handlers.reminder_time import conversation
from bot.reminder_store import Reminder

# both before the owner check (-1) and the plan flow (0), so a typed time is ours alone;
# commands and buttons first, so /reminders works even while a time is awaited
COMMANDS_GROUP = -3
CONVERSATION_GROUP = -2
LIST_LIMIT = 20  # soonest first; keeps the message and its keyboard well inside Telegram's limits


def _listing(reminders: ReminderFeature, user_id: int) -> tuple[str, Any]:
    zone = reminders.timezone(user_id) or "UTC"
    pending = store.pending_for_user(reminders.db, user_id)
    shown_now = pending[:LIST_LIMIT]
    rows = [
        {"shown": views.describe(r.due_at, zone), "what": _what(reminders, r)} for r in shown_now
    ]
    buttons = [(r.id, views.short_time(r.due_at, zone)) for r in shown_now]
    return (
        views.text("list", reminders=rows, timezone=zone, more=len(pending) - len(shown_now)),
        views.list_keyboard(user_id, buttons),
    )


def _what(reminders: ReminderFeature, reminder: Reminder) -> str:
    record = store.get_plan(reminders.db, reminder.plan_id) if reminder.plan_id else None
    facts = views.plan_facts(record, reminders.calendar) if record else None
    if facts is None:
        return reminder.reason or "hedge"
    legs = ", ".join(f"{leg.side.value} {leg.quantity:g} {leg.symbol}" for leg in facts.plan.legs)
    return legs[:80]


async def list_reminders(update: Update, context: Context) -> None:
    """/reminders (and the menu button): what is pending, a cancel button each."""
    assert update.effective_user is not None
    if update.callback_query:
        await update.callback_query.answer()
    body, markup = _listing(feature(context), update.effective_user.id)
    assert update.effective_chat is not None
    await update.get_bot().send_message(update.effective_chat.id, body, reply_markup=markup)
    raise ApplicationHandlerStop


async def cancel_one(update: Update, context: Context, data: CallbackData) -> None:
    reminders = feature(context)
    store.cancel_reminder(reminders.db, int(data.arg(0, "0")), data.owner_id)
    body, markup = _listing(reminders, data.owner_id)
    assert update.callback_query is not None
    await update.callback_query.edit_message_text(body, reply_markup=markup)


# ---- a delivered reminder's buttons -------------------------------------------------------------


async def done(update: Update, context: Context, data: CallbackData) -> None:
    assert update.callback_query is not None
    closed = store.mark_done(feature(context).db, int(data.arg(0, "0")), data.owner_id)
    await update.callback_query.edit_message_reply_markup(None)
    await say(update, "done" if closed else "gone")


async def snooze(update: Update, context: Context, data: CallbackData) -> None:
    reminders = feature(context)
    hours = min(max(int(data.arg(1, "1") or 1), 1), 24 * 7)
    due = reminders.clock.now() + timedelta(hours=hours)
    assert update.callback_query is not None
    await update.callback_query.edit_message_reply_markup(None)
    if not store.snooze(reminders.db, int(data.arg(0, "0")), data.owner_id, due):
        await say(update, "gone")
        return
    reminders.dispatcher.wake()
    zone = reminders.timezone(data.owner_id) or "UTC"
    await say(update, "set", shown=views.describe(due, zone), shifted=False, snoozed=True)


# ---- /forget ------------------------------------------------------------------------------------


async def forget(update: Update, context: Context) -> None:
    """/forget: ask before deleting everything about the user."""
    assert update.effective_user is not None
    await say(update, "forget_confirm", views.forget_keyboard(update.effective_user.id))
    raise ApplicationHandlerStop


async def forget_answer(update: Update, context: Context, data: CallbackData) -> None:
    assert update.callback_query is not None
    if data.arg(0) != "yes":
        await update.callback_query.edit_message_text(views.text("forgotten", forgotten=False))
        return
    deleted = store.forget_user(feature(context).db, data.owner_id)
    await update.callback_query.edit_message_text(
        views.text(
            "forgotten", forgotten=True, plans=deleted["plans"], reminders=deleted["reminders"]
        )
    )
    _end_conversations(context.application, data.owner_id)
    _drop_in_memory(context.application, data.owner_id)
    # PTB marks this update's user_data for writing once the update is done, which would bring
    # back an empty row; dropping again just after (with a write) keeps the user gone
    assert context.job_queue is not None
    context.job_queue.run_once(_drop_after_update, when=0, data=data.owner_id)


def _drop_in_memory(application: Application, user_id: int) -> None:
    application.drop_user_data(user_id)
    application.drop_chat_data(user_id)  # a private chat has the user's id


async def _drop_after_update(context: Context) -> None:
    assert context.job is not None and isinstance(context.job.data, int)
    _drop_in_memory(context.application, context.job.data)
    await context.application.update_persistence()


def _end_conversations(application: Application, user_id: int) -> None:
    # PTB has no public call to end another handler's conversation; its state lives in this dict
    for group in application.handlers.values():
        for handler in group:
            if isinstance(handler, ConversationHandler):
                states = handler._conversations
                for key in [key for key in states if user_id in key]:
                    del states[key]


def register(application: Application) -> None:
    """Wire the feature into the application and start delivering."""
    reminders = ReminderFeature(application)
    application.bot_data["reminders"] = reminders
    application.bot_data.setdefault("menu_handlers", {})["reminders"] = list_reminders
    application.add_handler(
        conversation(persistent=application.persistence is not None), group=CONVERSATION_GROUP
    )
    application.add_handlers(
        [
            CommandHandler("reminders", list_reminders),
            CommandHandler("forget", forget),
            CallbackQueryHandler(button(cancel_one), pattern=pattern(Action.REMINDER_CANCEL)),
            CallbackQueryHandler(button(done), pattern=pattern(Action.REMINDER_DONE)),
            CallbackQueryHandler(button(snooze), pattern=pattern(Action.REMINDER_SNOOZE)),
            CallbackQueryHandler(button(forget_answer), pattern=pattern(Action.FORGET)),
        ],
        group=COMMANDS_GROUP,
    )
    if reminders.config.enabled:
        reminders.dispatcher.start()
