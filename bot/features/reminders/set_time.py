"""Setting a reminder: /remind, the plan card's ⏰ button and "Keep, remind me at …"."""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta
from enum import IntEnum
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.features.reminders import messages as views
from bot.features.reminders import store
from bot.features.reminders.buttons import KeepButton, RemindAtButton, RemindButton
from bot.features.reminders.feature import (
    ReminderFeature,
    button,
    feature,
    stop_after,
)
from bot.features.reminders.feature import say as _say
from bot.features.reminders.reading import read_morning, read_time, read_zone
from bot.services import BotContext
from hedging.language.when import NeedsMorning, WhenContext, WhenError

DRAFT = "reminder_draft"
END = ConversationHandler.END


class State(IntEnum):
    TIMEZONE = 1
    MORNING = 2
    TIME = 3


async def remind_command(update: Update, context: BotContext) -> object:
    """/remind <time>: a reminder for the user's last plan."""
    assert update.effective_user is not None and update.message is not None
    plan = context.services.plans.last(update.effective_user.id)
    if plan is None:
        await _say(update, "no_plan")
        return END
    text = " ".join(context.args or [])
    _draft(context, plan_id=plan.id, text=text or None)
    return await advance(update, context)


async def plan_card_button(update: Update, context: BotContext, pressed: RemindButton) -> object:
    """⏰ on the plan card: after the event or at the end of the horizon by a tap, or whatever
    time is typed next (the question waits for it)."""
    reminders = feature(context)
    plan_id, owner = pressed.plan_id, pressed.owner_id
    facts = reminders.facts(plan_id, owner)
    if facts is None:
        await _say(update, "no_plan")
        return END
    zone = reminders.timezone(owner) or "UTC"
    now = reminders.clock.now()
    event_at = facts.event_at if facts else None
    buffer = timedelta(hours=reminders.config.event_buffer_hours)
    event_due = event_at + buffer if event_at and event_at + buffer > now else None
    horizon = facts.horizon_end if facts and facts.horizon_end > now else None
    markup = views.choose_keyboard(
        owner,
        plan_id,
        views.short_time(event_due, zone) if event_due else None,
        views.short_time(horizon, zone) if horizon else None,
    )
    event = None
    if facts and facts.event and event_due:
        event = {
            "title": facts.event.title,
            "shown": views.describe(facts.event.at, zone),
            "confirmed": facts.event.confirmed,
        }
    _draft(context, plan_id=plan_id)
    await _say(update, "choose", markup, event=event, buffer_hours=buffer.total_seconds() / 3600)
    return State.TIME


async def plan_card_choice(update: Update, context: BotContext, pressed: RemindAtButton) -> object:
    if feature(context).facts(pressed.plan_id, pressed.owner_id) is None:
        await _say(update, "no_plan")
        return END
    preset = {"event": "after the event", "horizon": "end of horizon"}.get(pressed.when)
    _draft(context, plan_id=pressed.plan_id, text=preset)
    return await advance(update, context)


async def keep_button(update: Update, context: BotContext, pressed: KeepButton) -> object:
    """Keep, remind me at …: ask for the time; the buttons stay in case of a change of mind."""
    if store.get_reminder(feature(context).db, pressed.reminder_id, pressed.owner_id) is None:
        await _say(update, "gone")
        return END
    _draft(context, reminder_id=pressed.reminder_id)
    return await advance(update, context)


def _draft(context: BotContext, **values: Any) -> None:
    assert context.user_data is not None
    context.user_data[DRAFT] = {"plan_id": None, "reminder_id": None, "text": None, **values}


async def got_timezone(update: Update, context: BotContext) -> object:
    assert update.message is not None and update.effective_user is not None
    reminders = feature(context)
    try:
        zone = read_zone(update.message.text or "")
    except WhenError as error:
        await _say(update, "when_error", problem=error.problem.value, shown=error.shown)
        return State.TIMEZONE
    context.services.users.set_timezone(update.effective_user.id, zone, reminders.clock.now())
    return await advance(update, context)


async def got_morning(update: Update, context: BotContext) -> object:
    assert update.message is not None and update.effective_user is not None
    reminders = feature(context)
    try:
        morning = read_morning(update.message.text or "")
    except WhenError as error:
        await _say(update, "when_error", problem=error.problem.value, asked_morning=True)
        return State.MORNING
    context.services.users.set_morning(update.effective_user.id, morning, reminders.clock.now())
    return await advance(update, context)


async def got_time(update: Update, context: BotContext) -> object:
    assert update.message is not None and context.user_data is not None
    context.user_data.setdefault(DRAFT, {})["text"] = update.message.text or ""
    return await advance(update, context)


async def advance(update: Update, context: BotContext) -> object:
    """Take the draft as far as it goes: ask timezone, then the time, then morning; then save."""
    assert update.effective_user is not None and context.user_data is not None
    reminders, user_id = feature(context), update.effective_user.id
    draft = context.user_data.get(DRAFT) or {}
    timezone = reminders.timezone(user_id)
    if timezone is None:
        await _say(update, "ask_timezone")
        return State.TIMEZONE
    if not draft.get("text"):
        await _say(update, "ask_time", timezone=timezone)
        return State.TIME
    try:
        when = _when_context(reminders, user_id, timezone, draft)
        result = read_time(draft["text"], when, reminders.clock.now())
    except WhenError as error:
        await _say(update, "when_error", problem=error.problem.value, shown=error.shown)
        draft["text"] = None
        return State.TIME
    if isinstance(result, NeedsMorning):
        await _say(update, "ask_morning")
        return State.MORNING
    saved = _save(reminders, user_id, update, draft, result.due)
    context.user_data.pop(DRAFT, None)
    if not saved:
        await _say(update, "gone")
        return END
    reminders.dispatcher.wake()
    await _say(
        update,
        "set",
        shown=result.shown,
        shifted=result.shifted_for_dst,
        snoozed=bool(draft.get("reminder_id")),
    )
    return END


def _when_context(
    reminders: ReminderFeature, user_id: int, timezone: str, draft: dict[str, Any]
) -> WhenContext:
    plan_id = draft.get("plan_id")
    if plan_id is None and draft.get("reminder_id"):
        kept = store.get_reminder(reminders.db, draft["reminder_id"], user_id)
        plan_id = kept.plan_id if kept else None
    facts = reminders.facts(plan_id, user_id)
    return WhenContext(
        timezone=timezone,
        morning=reminders.services.users.morning(user_id),
        event_at=facts.event_at if facts else None,
        event_buffer=timedelta(hours=reminders.config.event_buffer_hours),
        horizon_end=facts.horizon_end if facts else None,
    )


def _save(
    reminders: ReminderFeature, user_id: int, update: Update, draft: dict[str, Any], due: datetime
) -> bool:
    if draft.get("reminder_id"):
        return store.snooze(reminders.db, draft["reminder_id"], user_id, due)
    assert update.effective_chat is not None
    store.add_reminder(
        reminders.db,
        user_id=user_id,
        chat_id=update.effective_chat.id,
        plan_id=draft.get("plan_id"),
        due=due,
        reason=str(draft.get("text"))[:100],
        now=reminders.clock.now(),
    )
    return True


async def cancel(update: Update, context: BotContext) -> object:
    assert context.user_data is not None
    context.user_data.pop(DRAFT, None)
    await _say(update, "left")
    return END


async def leave(update: Update, context: BotContext) -> int:
    """Another command while we wait for a time: drop the draft and let that command run."""
    assert context.user_data is not None
    context.user_data.pop(DRAFT, None)
    return END


def conversation(persistent: bool) -> ConversationHandler:
    """The one conversation that asks for a time (and, once, a timezone and a morning)."""
    text = filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE
    with warnings.catch_warnings():  # per_message=False is right: the flow mixes text and buttons
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler("remind", stop_after(remind_command)),
                CallbackQueryHandler(
                    button(RemindButton, plan_card_button), pattern=RemindButton.pattern()
                ),
                CallbackQueryHandler(
                    button(RemindAtButton, plan_card_choice), pattern=RemindAtButton.pattern()
                ),
                CallbackQueryHandler(button(KeepButton, keep_button), pattern=KeepButton.pattern()),
            ],
            states={
                State.TIMEZONE: [MessageHandler(text, stop_after(got_timezone))],
                State.MORNING: [MessageHandler(text, stop_after(got_morning))],
                State.TIME: [MessageHandler(text, stop_after(got_time))],
            },
            fallbacks=[
                CommandHandler("cancel", stop_after(cancel)),
                MessageHandler(filters.COMMAND, leave),
            ],
            name="reminder_time",
            persistent=persistent,
            allow_reentry=True,
        )
