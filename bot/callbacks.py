"""Callback data: an action, the id of the user who owns the button, and a few short arguments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.telegram_rules import MAX_CALLBACK_DATA_BYTES

SEPARATOR = ":"


class Action(StrEnum):
    """What a button does. Short codes keep callback_data far below 64 bytes.

    Every code must be unique across features (tests/test_callbacks.py checks): a repeated value
    would silently make two actions one."""

    MENU = "m"  # arg: hedge / faq / reminders / settings / help
    HOLDINGS = "h"  # arg: preset index
    CONCERN = "c"  # arg: Concern value
    HORIZON = "z"  # arg: days
    OUTLOOK = "o"  # arg: Outlook value
    BACK = "b"
    CANCEL = "x"
    CARD = "p"  # args: plan id
    COSTS = "k"  # args: plan id, alternative index
    SCENARIOS = "s"  # args: plan id, alternative index
    CHANGE = "e"  # args: plan id, field ("" = show the choices)
    CHART = "g"  # args: plan id, alternative index — handled by bot.handlers.charts
    REMIND = "r"  # args: plan id — handled by bot.handlers.reminders
    SETTING = "t"  # args: setting name, value ("" = show the choices)
    REMIND_AT = "rw"  # args: plan id, "event" / "horizon" / "type" — bot.handlers.reminders
    REMINDER_CANCEL = "rc"  # args: reminder id
    REMINDER_DONE = "rd"  # args: reminder id
    REMINDER_SNOOZE = "rs"  # args: reminder id, hours
    REMINDER_KEEP = "rk"  # args: reminder id
    FORGET = "f"  # args: "yes" / "no"
    FAQ_TOPIC = "qt"  # args: topic id ("" = all topics) — handled by bot.handlers.faq
    FAQ_ENTRY = "a"  # args: entry id (an answer) — handled by bot.handlers.faq


@dataclass(frozen=True)
class CallbackData:
    action: Action
    owner_id: int
    args: tuple[str, ...] = ()

    def arg(self, index: int, default: str = "") -> str:
        return self.args[index] if index < len(self.args) else default


def encode(action: Action, owner_id: int, *args: object) -> str:
    """Pack a button's meaning; raises ValueError if Telegram would refuse it."""
    parts = [action.value, str(int(owner_id)), *(str(a) for a in args)]
    if any(SEPARATOR in part for part in parts[2:]):
        raise ValueError("callback arguments may not contain ':'")
    data = SEPARATOR.join(parts)
    if len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_DATA_BYTES} bytes: {data!r}")
    return data


def decode(data: str | None) -> CallbackData | None:
    """Unpack callback data; None for anything this bot did not produce."""
    if not data:
        return None
    parts = data.split(SEPARATOR)
    if len(parts) < 2 or not parts[1].isdigit():
        return None
    try:
        action = Action(parts[0])
    except ValueError:
        return None
    return CallbackData(action, int(parts[1]), tuple(parts[2:]))


def pattern(*actions: Action) -> re.Pattern[str]:
    """A CallbackQueryHandler pattern matching these actions."""
    codes = "|".join(re.escape(a.value) for a in actions)
    return re.compile(rf"^(?:{codes}){SEPARATOR}\d+")
