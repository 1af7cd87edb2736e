"""/settings buttons."""

from __future__ import annotations

from dataclasses import dataclass

from bot.ui.callbacks import ButtonData


@dataclass(frozen=True)
class SettingButton(ButtonData):
    code = "t"
    name: str  # a setting, or "menu" / "done"
    value: str = ""  # "" shows the setting's choices
