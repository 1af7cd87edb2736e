"""The reminders feature's buttons: on the plan card, under a delivered reminder, /reminders and
/forget."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.ui.callbacks import ButtonData

MAX_SNOOZE_HOURS = 24 * 7


@dataclass(frozen=True)
class ReminderButtonData(ButtonData):
    refusal = "reminders/not_yours.j2"


@dataclass(frozen=True)
class RemindButton(ReminderButtonData):
    """⏰ on the plan card."""

    code = "r"
    plan_id: int


@dataclass(frozen=True)
class RemindAtButton(ReminderButtonData):
    code = "rw"
    plan_id: int
    when: Literal[
        "event", "horizon", "type"
    ]  # "type": cards from before a typed time needed no tap


@dataclass(frozen=True)
class CancelReminderButton(ReminderButtonData):
    code = "rc"
    reminder_id: int


@dataclass(frozen=True)
class DoneButton(ReminderButtonData):
    code = "rd"
    reminder_id: int


@dataclass(frozen=True)
class SnoozeButton(ReminderButtonData):
    code = "rs"
    reminder_id: int
    hours: int

    def __post_init__(self) -> None:
        if not 1 <= self.hours <= MAX_SNOOZE_HOURS:
            raise ValueError("snooze between an hour and a week")


@dataclass(frozen=True)
class KeepButton(ReminderButtonData):
    """Keep the hedge, remind me at a time I type."""

    code = "rk"
    reminder_id: int


@dataclass(frozen=True)
class ForgetButton(ReminderButtonData):
    code = "f"
    answer: Literal["yes", "no"]
