"""The FAQ's buttons: a topic, or one answer."""

from __future__ import annotations

from dataclasses import dataclass

from bot.ui.callbacks import ButtonData


@dataclass(frozen=True)
class TopicButton(ButtonData):
    code = "qt"
    topic: str  # a topic id; "" lists every topic


@dataclass(frozen=True)
class EntryButton(ButtonData):
    code = "a"
    entry: str  # an entry id
