"""What reminder messages look like: keyboards as small pure functions, and the delivered text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.features.reminders.buttons import (
    CancelReminderButton,
    DoneButton,
    ForgetButton,
    KeepButton,
    RemindAtButton,
    RemindButton,
    SnoozeButton,
)
from bot.features.reminders.engine import OutgoingMessage, late_by
from bot.features.reminders.store import Reminder
from bot.ui.keyboards import button
from bot.ui.keyboards import labels as feature_labels
from bot.ui.render import Texts
from bot.ui.telegram_rules import split_html
from hedging.followup import HedgeProgress, PlanFacts, hedge_progress
from hedging.language.when import describe, zone
from hedging.models import MarketSnapshot

LATE_AFTER = timedelta(minutes=2)  # below this a delivery is simply on time


text = Texts("reminders")


def labels() -> dict[str, Any]:
    """Every reminder button label, from templates/reminders/buttons.toml."""
    return feature_labels("reminders")


def card_button(owner: int, plan_id: int) -> InlineKeyboardButton:
    """⏰ on the plan card."""
    return button(labels()["card"]["remind"], RemindButton(owner, plan_id))


def due_keyboard(owner: int, reminder_id: int) -> InlineKeyboardMarkup:
    """Under a delivered reminder: done, snooze an hour or a day, or pick a time."""
    names = labels()["due"]
    return InlineKeyboardMarkup(
        [
            [button(names["done"], DoneButton(owner, reminder_id))],
            [
                button(names["snooze_hour"], SnoozeButton(owner, reminder_id, 1)),
                button(names["snooze_day"], SnoozeButton(owner, reminder_id, 24)),
            ],
            [button(names["keep"], KeepButton(owner, reminder_id))],
        ]
    )


def list_keyboard(owner: int, shown: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup | None:
    """One cancel button per pending reminder: (reminder id, when it is due, short)."""
    if not shown:
        return None
    template = labels()["list"]["cancel"]
    return InlineKeyboardMarkup(
        [
            [button(template.format(number=n, shown=when), CancelReminderButton(owner, rid))]
            for n, (rid, when) in enumerate(shown, start=1)
        ]
    )


def choose_keyboard(
    owner: int, plan_id: int, event_shown: str | None, horizon_shown: str | None
) -> InlineKeyboardMarkup | None:
    """From the plan card: after the event or at the end of the horizon (a typed time needs no
    button: the question waits for it)."""
    names = labels()["choose"]
    rows = []
    if event_shown:
        label = names["event"].format(shown=event_shown)
        rows.append([button(label, RemindAtButton(owner, plan_id, "event"))])
    if horizon_shown:
        label = names["horizon"].format(shown=horizon_shown)
        rows.append([button(label, RemindAtButton(owner, plan_id, "horizon"))])
    return InlineKeyboardMarkup(rows) if rows else None


def forget_keyboard(owner: int) -> InlineKeyboardMarkup:
    names = labels()["forget"]
    return InlineKeyboardMarkup(
        [
            [button(names["yes"], ForgetButton(owner, "yes"))],
            [button(names["no"], ForgetButton(owner, "no"))],
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
