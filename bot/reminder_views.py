"""What reminder messages look like: keyboards as small pure functions, and the delivered text."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import Action, encode
from bot.clock import as_utc
from bot.reminder_store import PlanRecord, Reminder
from bot.reminders import OutgoingMessage, late_by
from bot.render import render, templates_dir
from bot.telegram_rules import split_html
from bot.when import describe, zone
from hedging.events import EventCalendar, ScheduledEvent
from hedging.followup import HedgeProgress, hedge_progress
from hedging.models import Concern, HedgeRequest, MarketSnapshot, Plan, Recommendation

LATE_AFTER = timedelta(minutes=2)  # below this a delivery is simply on time
SAME_EVENT = timedelta(hours=36)  # a user's event date this close to the calendar's is that event


@cache
def labels() -> dict[str, Any]:
    """Every reminder button label, from templates/reminder_buttons.toml."""
    return tomllib.loads((templates_dir() / "reminder_buttons.toml").read_text(encoding="utf-8"))


def text(template: str, **context: Any) -> str:
    """Render templates/reminder_<template>.j2."""
    return render(f"reminder_{template}.j2", **context)


def _button(label: str, action: Action, owner: int, *args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode(action, owner, *args))


def due_keyboard(owner: int, reminder_id: int) -> InlineKeyboardMarkup:
    """Under a delivered reminder: done, snooze an hour or a day, or pick a time."""
    names = labels()["due"]
    return InlineKeyboardMarkup(
        [
            [_button(names["done"], Action.REMINDER_DONE, owner, reminder_id)],
            [
                _button(names["snooze_hour"], Action.REMINDER_SNOOZE, owner, reminder_id, 1),
                _button(names["snooze_day"], Action.REMINDER_SNOOZE, owner, reminder_id, 24),
            ],
            [_button(names["keep"], Action.REMINDER_KEEP, owner, reminder_id)],
        ]
    )


def list_keyboard(owner: int, shown: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup | None:
    """One cancel button per pending reminder: (reminder id, when it is due, short)."""
    if not shown:
        return None
    template = labels()["list"]["cancel"]
    return InlineKeyboardMarkup(
        [
            [_button(template.format(number=n, shown=when), Action.REMINDER_CANCEL, owner, rid)]
            for n, (rid, when) in enumerate(shown, start=1)
        ]
    )


def choose_keyboard(
    owner: int, plan_id: int, event_shown: str | None, horizon_shown: str | None
) -> InlineKeyboardMarkup:
    """From the plan card: after the event, at the end of the horizon, or a typed time."""
    names = labels()["choose"]
    rows = []
    if event_shown:
        label = names["event"].format(shown=event_shown)
        rows.append([_button(label, Action.REMIND_AT, owner, plan_id, "event")])
    if horizon_shown:
        label = names["horizon"].format(shown=horizon_shown)
        rows.append([_button(label, Action.REMIND_AT, owner, plan_id, "horizon")])
    rows.append([_button(names["type"], Action.REMIND_AT, owner, plan_id, "type")])
    return InlineKeyboardMarkup(rows)


def forget_keyboard(owner: int) -> InlineKeyboardMarkup:
    names = labels()["forget"]
    return InlineKeyboardMarkup(
        [
            [_button(names["yes"], Action.FORGET, owner, "yes")],
            [_button(names["no"], Action.FORGET, owner, "no")],
        ]
    )


def short_time(moment: datetime, timezone: str) -> str:
    """'Fri 27 Nov 18:00 CET' for a button."""
    local = moment.astimezone(zone(timezone))
    return f"{local:%a %d %b %H:%M} {local.tzname()}"


def duration_text(span: timedelta) -> str:
    """'3 d 4 h', '2 h 05 min', '7 min'."""
    minutes = int(span.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"


@dataclass(frozen=True)
class PlanFacts:
    """What a reminder needs to know about its plan."""

    plan: Plan
    recommendation: Recommendation
    request: HedgeRequest
    created_at: datetime
    event: ScheduledEvent | None
    event_at: datetime | None
    horizon_end: datetime


def plan_facts(record: PlanRecord, calendar: EventCalendar) -> PlanFacts | None:
    """Read a stored plan; None when it no longer parses (an older format)."""
    try:
        recommendation = Recommendation.model_validate(record.recommendation)
        request = HedgeRequest.model_validate(record.request)
    except ValueError:
        return None
    chosen = next(
        (plan for plan in recommendation.plans if plan.kind == recommendation.recommended),
        recommendation.plans[0] if recommendation.plans else None,
    )
    if chosen is None:
        return None
    intent = recommendation.intent
    event = None
    if intent.concern in (Concern.FOMC, Concern.CPI):
        event = calendar.next_event(intent.concern, after=record.created_at)
    event_at = event.at if event else None
    if intent.event_at is not None:
        said = as_utc(intent.event_at)
        # the calendar knows the hour of the statement; the user's "on Wednesday" only the day
        if event is None or abs(event.at - said) > SAME_EVENT:
            # another day than the calendar's: trust the day, but the event keeps its usual hour
            event = None
            event_at = calendar.usual_moment(intent.concern, said.date()) or said
    return PlanFacts(
        plan=chosen,
        recommendation=recommendation,
        request=request,
        created_at=record.created_at,
        event=event,
        event_at=event_at,
        horizon_end=record.created_at + timedelta(days=intent.horizon_days),
    )


def fresh_prices(snapshot: MarketSnapshot | None, since: datetime) -> dict[str, float]:
    """Prices from a snapshot taken after the plan was made (older ones say nothing new)."""
    if snapshot is None or snapshot.as_of <= since:
        return {}
    return {symbol: asset.price_usd for symbol, asset in snapshot.assets.items()}


def due_message(
    reminder: Reminder,
    facts: PlanFacts | None,
    now: datetime,
    timezone: str,
    snapshot: MarketSnapshot | None,
) -> OutgoingMessage:
    """The delivered reminder: what to close and where, what happened since, and the buttons."""
    late = late_by(reminder, now)
    context: dict[str, Any] = {
        "scheduled": describe(reminder.scheduled_for, timezone),
        "late": duration_text(late) if late >= LATE_AFTER else None,
        "maybe_repeat": reminder.in_doubt,
        "legs": [],
        "venues": [],
        "progress": None,
        "event": None,
        "elapsed": "",
        "price_source": snapshot.source if snapshot else "",
    }
    if facts is not None:
        prices = fresh_prices(snapshot, facts.created_at)
        progress: HedgeProgress = hedge_progress(
            facts.plan,
            facts.recommendation.portfolio,
            opened_at=facts.created_at,
            now=now,
            prices=prices,
            event_at=facts.event_at,
        )
        context.update(
            legs=[
                {
                    "side": leg.side.value,
                    "quantity": leg.quantity,
                    "symbol": leg.symbol,
                    "instrument": leg.instrument.value,
                    "strike": leg.strike_usd,
                }
                for leg in facts.plan.legs
            ],
            venues=[venue.name for venue in facts.plan.venues],
            progress=progress,
            elapsed=duration_text(now - facts.created_at),
            event=_event_context(facts, now, timezone),
        )
    body = split_html(text("due", **context))[0]
    return OutgoingMessage(body, due_keyboard(reminder.user_id, reminder.id))


def _event_context(facts: PlanFacts, now: datetime, timezone: str) -> dict[str, Any] | None:
    if facts.event_at is None:
        return None
    title = facts.event.title if facts.event else facts.recommendation.intent.concern.value.upper()
    return {
        "title": title,
        "shown": describe(facts.event_at, timezone),
        "passed": facts.event_at <= now,
    }
