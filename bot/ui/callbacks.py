"""Typed callback data: each feature declares its buttons as small frozen dataclasses.

A button packs to `<code>:<owner id>:<field>:...`, unpacks back into the same typed values with
bounds checked, and gives the CallbackQueryHandler pattern for its code. Anything that does not
unpack (forged, stale, from another version) is None, never an exception.
"""

from __future__ import annotations

import dataclasses
import enum
import re
import types
import typing
from typing import Any, ClassVar, Literal, Self

from bot.ui.telegram_rules import MAX_CALLBACK_DATA_BYTES

SEPARATOR = ":"
MAX_ID = 2**53  # ids we hand out (Telegram user ids, SQLite rowids) stay below this
TOKEN = re.compile(r"[A-Za-z0-9_.+/\-]{0,40}")
DIGITS = re.compile(r"[0-9]{1,16}")

REGISTRY: dict[str, type[ButtonData]] = {}


@dataclasses.dataclass(frozen=True)
class ButtonData:
    """Base of every feature's button. Subclasses set `code` and declare their fields."""

    code: ClassVar[str]
    refusal: ClassVar[str] = "core/not_yours.j2"  # the pop-up for someone else's press
    owner_id: int

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        code = cls.__dict__.get("code")
        if code is None:
            return
        if SEPARATOR in code or code in REGISTRY:
            raise ValueError(f"callback code {code!r} is taken or malformed")
        REGISTRY[code] = cls

    def pack(self) -> str:
        """The callback_data string; ValueError if Telegram would refuse it."""
        parts = [self.code]
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            text = (
                "" if value is None else str(value.value if isinstance(value, enum.Enum) else value)
            )
            if SEPARATOR in text:
                raise ValueError("callback fields may not contain ':'")
            parts.append(text)
        data = SEPARATOR.join(parts)
        if len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES:
            raise ValueError(f"callback data over {MAX_CALLBACK_DATA_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def unpack(cls, data: object) -> Self | None:
        """The typed button, or None for anything that is not exactly one of ours."""
        if not isinstance(data, str):
            return None
        parts = data.split(SEPARATOR)
        fields = dataclasses.fields(cls)
        if parts[0] != cls.code or len(parts) != len(fields) + 1:
            return None
        hints = _hints(cls)
        values: dict[str, Any] = {}
        for field, text in zip(fields, parts[1:], strict=True):
            try:
                values[field.name] = _convert(text, hints[field.name])
            except ValueError:
                return None
        try:
            return cls(**values)
        except (TypeError, ValueError):
            return None

    @classmethod
    def pattern(cls) -> re.Pattern[str]:
        """Matches this button's callback data (its fields are checked by unpack)."""
        return re.compile(rf"^{re.escape(cls.code)}{SEPARATOR}")


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    """Each button class's field types, resolved once."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def owner_of(data: object) -> tuple[type[ButtonData], int] | None:
    """Which button class and owner a callback_data names, without unpacking its fields."""
    if not isinstance(data, str):
        return None
    code, _, rest = data.partition(SEPARATOR)
    owner = rest.split(SEPARATOR, 1)[0]
    button = REGISTRY.get(code)
    if button is None or not DIGITS.fullmatch(owner) or int(owner) >= MAX_ID:
        return None
    return button, int(owner)


def _convert(text: str, hint: Any) -> Any:
    """One field from text, by its annotation: int, str, an enum, a Literal, or X | None."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return None if text == "" else _convert(text, options[0])
    if origin is Literal:
        allowed = {str(value): value for value in typing.get_args(hint)}
        if text not in allowed:
            raise ValueError(text)
        return allowed[text]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(text)
    if hint is int:
        if not DIGITS.fullmatch(text) or int(text) >= MAX_ID:
            raise ValueError(text)
        return int(text)
    if hint is str:
        if not TOKEN.fullmatch(text):
            raise ValueError(text)
        return text
    raise TypeError(f"unsupported callback field type {hint!r}")
