"""Callback data: action, owner id and arguments, always within Telegram's 64 bytes."""

from __future__ import annotations

import pytest

from bot.callbacks import Action, CallbackData, decode, encode, pattern


@pytest.mark.parametrize(
    ("action", "owner", "args", "data"),
    [
        (Action.COSTS, 1001, (42, 1), "k:1001:42:1"),
        (Action.MENU, 7, ("hedge",), "m:7:hedge"),
        (Action.CANCEL, 2**52, (), f"x:{2**52}"),
    ],
)
def test_encode_and_decode_round_trip(action: Action, owner: int, args: tuple, data: str) -> None:
    assert encode(action, owner, *args) == data
    assert decode(data) == CallbackData(action, owner, tuple(str(a) for a in args))


@pytest.mark.parametrize("data", [None, "", "zz:1", "k", "k:abc", "q:1:2"])
def test_foreign_data_decodes_to_none(data: str | None) -> None:
    assert decode(data) is None


def test_too_long_or_ambiguous_data_is_refused_when_made() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        encode(Action.SETTING, 1, "x" * 70)
    with pytest.raises(ValueError, match="may not contain"):
        encode(Action.SETTING, 1, "a:b")


def test_pattern_matches_only_its_actions() -> None:
    costs = pattern(Action.COSTS, Action.SCENARIOS)
    assert [bool(costs.match(d)) for d in ("k:1:2:0", "s:1:2:0", "p:1:2", "k:x")] == [
        True,
        True,
        False,
        False,
    ]


def test_every_action_has_its_own_code() -> None:
    # an enum silently turns a repeated value into an alias: features must not share a code
    codes = [member.value for member in Action.__members__.values()]
    assert len(codes) == len(set(codes)), sorted(codes)
