"""What a feature is to the composition root, and the handler groups, in the order they run.

python-telegram-bot offers an update to one handler per group, lowest group first, and a handler
that raises ApplicationHandlerStop keeps it from the later groups. Every group number lives here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from telegram.ext import BaseHandler

if TYPE_CHECKING:
    from bot.services import BotApplication, Services


class Group(IntEnum):
    # before anything: updates the bot does not act on (channel posts, edits, commands to
    # another bot) stop here, so no feature sees them
    SCREEN = -5
    # then: a button pressed by someone else, or one that does not decode, goes no further
    BUTTON_CHECK = -4
    # reminder commands and buttons: /reminders works even while a time is awaited
    REMINDER_COMMANDS = -3
    # a conversation that waits for typed text (a reminder time, a deep link's /start payload)
    # runs before the plan flow, so that text is its answer and not a hedge request
    AWAITING_TEXT = -2
    # the hedge and settings conversations, the plan card, /start, /help, the FAQ, charts, and
    # last (the first handler that matches wins within a group) whatever nobody else claimed
    MAIN = 0


Handlers = Sequence[tuple[Group, BaseHandler[Any, Any, Any]]]


@dataclass(frozen=True)
class Feature:
    """One folder of bot/features: its handlers, and what it plugs into the others."""

    name: str
    handlers: Callable[[Services], Handlers]
    command: str | None = None  # the command it answers, for a copy installed without it
    setup: Callable[[BotApplication, Services], None] | None = None  # hooks, background jobs
