"""Reminders: /reminders with cancel buttons, a delivered reminder's buttons, and /forget."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
)

from bot.features.reminders import messages as views
from bot.features.reminders import store
from bot.features.reminders.buttons import (
    CancelReminderButton,
    DoneButton,
    ForgetButton,
    SnoozeButton,
)
from bot.features.reminders.feature import ReminderFeature, button, feature, say
from bot.features.reminders.set_time import conversation
from bot.features.reminders.store import Reminder
from bot.platform.features import Group, Handlers
from bot.services import BotApplication, BotContext, Services
from bot.ui.replies import edit, remove_buttons, reply

LIST_LIMIT = 20  # soonest first; keeps the message and its keyboard well inside Telegram's limits


AnyApplication = Application[Any, Any, Any, Any, Any, Any]


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
    facts = reminders.facts(reminder.plan_id, reminder.user_id)
    if facts is None:
        return reminder.reason or "hedge"
    legs = ", ".join(f"{leg.side.value} {leg.quantity:g} {leg.symbol}" for leg in facts.plan.legs)
    return legs[:80]


async def list_reminders(update: Update, context: BotContext) -> None:
    """/reminders (and the menu button): what is pending, a cancel button each."""
    assert update.effective_user is not None
    if update.callback_query:
        await update.callback_query.answer()
    body, markup = _listing(feature(context), update.effective_user.id)
    await reply(update, body, markup)
    raise ApplicationHandlerStop


async def cancel_one(update: Update, context: BotContext, pressed: CancelReminderButton) -> None:
    reminders = feature(context)
    store.cancel_reminder(reminders.db, pressed.reminder_id, pressed.owner_id)
    body, markup = _listing(reminders, pressed.owner_id)
    assert update.callback_query is not None
    await edit(update.callback_query, body, markup)


# ---- a delivered reminder's buttons -------------------------------------------------------------


async def done(update: Update, context: BotContext, pressed: DoneButton) -> None:
    assert update.callback_query is not None
    closed = store.mark_done(feature(context).db, pressed.reminder_id, pressed.owner_id)
    await remove_buttons(update.callback_query)
    await say(update, "done" if closed else "gone")


async def snooze(update: Update, context: BotContext, pressed: SnoozeButton) -> None:
    reminders = feature(context)
    due = reminders.clock.now() + timedelta(hours=pressed.hours)
    assert update.callback_query is not None
    await remove_buttons(update.callback_query)
    if not store.snooze(reminders.db, pressed.reminder_id, pressed.owner_id, due):
        await say(update, "gone")
        return
    reminders.dispatcher.wake()
    zone = reminders.timezone(pressed.owner_id) or "UTC"
    await say(update, "set", shown=views.describe(due, zone), shifted=False, snoozed=True)


# ---- /forget ------------------------------------------------------------------------------------


async def forget(update: Update, context: BotContext) -> None:
    """/forget: ask before deleting everything about the user."""
    assert update.effective_user is not None
    await say(update, "forget_confirm", views.forget_keyboard(update.effective_user.id))
    raise ApplicationHandlerStop


async def forget_answer(update: Update, context: BotContext, pressed: ForgetButton) -> None:
    assert update.callback_query is not None
    if pressed.answer != "yes":
        await edit(update.callback_query, views.text("forgotten", forgotten=False))
        return
    deleted = store.forget_user(feature(context).db, pressed.owner_id)
    await edit(
        update.callback_query,
        views.text(
            "forgotten", forgotten=True, plans=deleted["plans"], reminders=deleted["reminders"]
        ),
    )
    _end_conversations(context.application, pressed.owner_id)
    _drop_in_memory(context.application, pressed.owner_id)
    # PTB marks this update's user_data for writing once the update is done, which would bring
    # back an empty row; dropping again just after (with a write) keeps the user gone
    assert context.job_queue is not None
    context.job_queue.run_once(_drop_after_update, when=0, data=pressed.owner_id)


def _drop_in_memory(application: AnyApplication, user_id: int) -> None:
    application.drop_user_data(user_id)
    application.drop_chat_data(user_id)  # a private chat has the user's id


async def _drop_after_update(context: CallbackContext[Any, Any, Any, Any]) -> None:
    assert context.job is not None and isinstance(context.job.data, int)
    _drop_in_memory(context.application, context.job.data)
    await context.application.update_persistence()


def _end_conversations(application: AnyApplication, user_id: int) -> None:
    # PTB has no public call to end another handler's conversation; its state lives in this dict
    for group in application.handlers.values():
        for handler in group:
            if isinstance(handler, ConversationHandler):
                states = handler._conversations
                for key in [key for key in states if user_id in key]:
                    del states[key]


def handlers(services: Services) -> Handlers:
    commands = Group.REMINDER_COMMANDS
    return [
        (commands, CommandHandler("reminders", list_reminders)),
        (commands, CommandHandler("forget", forget)),
        (
            commands,
            CallbackQueryHandler(
                button(CancelReminderButton, cancel_one), pattern=CancelReminderButton.pattern()
            ),
        ),
        (commands, CallbackQueryHandler(button(DoneButton, done), pattern=DoneButton.pattern())),
        (
            commands,
            CallbackQueryHandler(button(SnoozeButton, snooze), pattern=SnoozeButton.pattern()),
        ),
        (
            commands,
            CallbackQueryHandler(
                button(ForgetButton, forget_answer), pattern=ForgetButton.pattern()
            ),
        ),
        (Group.AWAITING_TEXT, conversation(persistent=True)),
    ]


def setup(application: BotApplication, services: Services) -> None:
    """Give the other features the reminders' menu and card buttons, and start delivering."""
    reminders = ReminderFeature(application, services)
    services.reminders = reminders
    services.hooks.menu["reminders"] = list_reminders
    services.hooks.card_buttons.append(views.card_button)
    if reminders.config.enabled:
        reminders.dispatcher.start()
