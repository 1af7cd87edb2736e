"""Typed callback data: each button packs to Telegram's 64 bytes and unpacks to the same values;
anything forged or foreign unpacks to None."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bot.features  # noqa: F401  (registers every feature's buttons)
from bot.features.charts.buttons import ChartButton
from bot.features.hedge.buttons import CancelButton, ChangeButton, CostsButton, ScenariosButton
from bot.features.reminders.buttons import RemindAtButton, SnoozeButton
from bot.features.settings.buttons import SettingButton
from bot.features.start.buttons import MenuButton
from bot.ui.callbacks import MAX_ID, REGISTRY, ButtonData, owner_of


@pytest.mark.parametrize(
    ("button", "data"),
    [
        (CostsButton(1001, 42, 1), "k:1001:42:1"),
        (MenuButton(7, "hedge"), "m:7:hedge"),
        (CancelButton(2**52), f"x:{2**52}"),
        (ChangeButton(5, 9), "e:5:9:"),
        (SettingButton(5, "timezone", "Europe/Berlin"), "t:5:timezone:Europe/Berlin"),
        (RemindAtButton(5, 9, "horizon"), "rw:5:9:horizon"),
    ],
)
def test_a_button_packs_to_its_code_owner_and_fields_and_unpacks_back(
    button: ButtonData, data: str
) -> None:
    assert button.pack() == data
    assert type(button).unpack(data) == button


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        (CostsButton, None),
        (CostsButton, ""),
        (CostsButton, "k"),
        (CostsButton, "k:abc:1:1"),
        (CostsButton, "k:1:2"),  # a field missing
        (CostsButton, "k:1:2:3:4"),  # one too many
        (CostsButton, "s:1:2:3"),  # another button's code
        (CostsButton, "k:²:1:1"),  # a digit that is not ASCII
        (CostsButton, "k:1:99999999999999999999999:1"),  # beyond any id we hand out
        (CostsButton, "k:1:-3:1"),
        (ChangeButton, "e:1:2:horizon_days"),  # not one of the fields offered
        (RemindAtButton, "rw:1:2:tomorrow"),
        (SnoozeButton, "rs:1:1:x"),
        (SnoozeButton, "rs:1:1:0"),  # below an hour
        (SnoozeButton, "rs:1:1:100000"),  # beyond a week
        (SettingButton, "t:1:<b>:x"),
    ],
)
def test_forged_or_foreign_data_unpacks_to_none(kind: type[ButtonData], data: str | None) -> None:
    assert kind.unpack(data) is None


def test_too_long_or_ambiguous_data_is_refused_when_made() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        SettingButton(1, "x" * 70).pack()
    with pytest.raises(ValueError, match="may not contain"):
        SettingButton(1, "a:b").pack()


def test_a_pattern_matches_only_its_own_code() -> None:
    costs = CostsButton.pattern()
    assert [bool(costs.match(d)) for d in ("k:1:2:0", "s:1:2:0", "kk:1:2", "p:1:2")] == [
        True,
        False,
        False,
        False,
    ]


def test_menu_pattern_for_one_choice_matches_that_choice_only() -> None:
    hedge = MenuButton.pattern_for("hedge")
    assert [bool(hedge.match(d)) for d in ("m:1:hedge", "m:1:hedges", "m:1:faq")] == [
        True,
        False,
        False,
    ]


def test_every_code_is_unique_and_a_repeat_is_refused() -> None:
    assert len(REGISTRY) == len(set(REGISTRY))
    with pytest.raises(ValueError, match="taken"):
        type("Again", (ButtonData,), {"code": "k", "__annotations__": {}})


def test_owner_of_names_the_button_class_and_owner_without_unpacking_fields() -> None:
    assert owner_of("g:77:3:x") == (ChartButton, 77)
    assert owner_of("zz:1") is None
    assert owner_of(f"g:{MAX_ID}:1:0") is None


@given(st.integers(0, MAX_ID - 1), st.integers(0, MAX_ID - 1), st.integers(0, 99))
def test_any_ids_round_trip_within_64_bytes(owner: int, plan: int, index: int) -> None:
    button = ScenariosButton(owner, plan, index)
    data = button.pack()
    assert len(data.encode()) <= 64
    assert ScenariosButton.unpack(data) == button
