"""The main menu's buttons."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.ui.callbacks import SEPARATOR, ButtonData


@dataclass(frozen=True)
class MenuButton(ButtonData):
    code = "m"
    choice: str  # hedge / faq / reminders / settings / help

    @classmethod
    def pattern_for(cls, choice: str) -> re.Pattern[str]:
        """Only the menu button for `choice` (a feature's entry point)."""
        return re.compile(rf"^{cls.code}{SEPARATOR}[0-9]+{SEPARATOR}{re.escape(choice)}$")
