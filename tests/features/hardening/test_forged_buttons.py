"""Forged callback data: another user's ids on one's own buttons, and data that does not decode.

A modified client can send any callback_data on any message. Whatever it sends, the presser sees
nothing of anyone else's plans or reminders, changes nothing of theirs, and never a traceback.
"""

from __future__ import annotations

import dataclasses
import itertools
import typing
from datetime import timedelta
from typing import Any

import pytest

import bot.features  # noqa: F401  (registers every feature's buttons)
from bot.devtools.fake_api import FakeBotApi
from bot.features.reminders import store
from bot.ui.callbacks import REGISTRY
from tests.e2e.chat import Person
from tests.features.harness import NOW, InProcessBot, forged_press

ALICE_ASKS = "I hold 3.7 BTC, worried about FOMC, for a week, not sure"
BOB_ASKS = "I hold 40 ETH, worried about CPI, for a month, not sure"
# what only Alice's plan says: her position, its value, the hedge on it
VICTIM_MARKS = ["3.7 BTC", "$333,000", "1.85 BTC", "$166,500"]
EXPIRED = "That button has expired. Send /hedge to start again."
# string fields carry no ids; these reach every plan-bearing branch (a chart's index or "all")
STRING_CHOICES = ["", "0", "all"]


def _choices(field: str, hint: Any, victim: dict[str, int]) -> list[Any]:
    if field in victim:
        return [victim[field]]
    if typing.get_origin(hint) is typing.Literal:
        return list(typing.get_args(hint))
    if hint is int:
        return [0, 1, 24]
    return STRING_CHOICES


def forgeries(owner: int, victim: dict[str, int]) -> list[tuple[str, str]]:
    """Every button of every feature, in every shape that decodes, with the victim's ids."""
    forged: list[tuple[str, str]] = []
    for code, kind in sorted(REGISTRY.items()):
        hints = typing.get_type_hints(kind)
        fields = [f.name for f in dataclasses.fields(kind) if f.name != "owner_id"]
        for values in itertools.product(*(_choices(f, hints[f], victim) for f in fields)):
            try:
                data = kind(owner, *values).pack()  # type: ignore[call-arg]
            except (TypeError, ValueError):
                continue
            if kind.unpack(data) is not None:
                forged.append((code, data))
    return forged


def rows_of(bot: InProcessBot, user_id: int) -> dict[str, list[tuple[Any, ...]]]:
    db = bot.services.db
    return {
        table: [
            tuple(row) for row in db.execute(f"SELECT * FROM {table} WHERE {column} = ?", [user_id])
        ]
        for table, column in [("plans", "user_id"), ("reminders", "user_id"), ("users", "id")]
    }


def test_the_walk_covers_every_registered_button() -> None:
    codes = {code for code, _ in forgeries(2002, {"plan_id": 1, "reminder_id": 1})}
    assert codes == set(REGISTRY)


async def test_every_button_forged_with_another_users_ids_shows_and_changes_nothing_of_theirs(
    bot: InProcessBot, alice: Person, bob: Person, api: FakeBotApi
) -> None:
    await bob.says(BOB_ASKS)
    (card,) = await alice.says(ALICE_ASKS)
    assert all(mark in card.text for mark in VICTIM_MARKS)
    plan = bot.services.plans.last(alice.id)
    assert plan is not None
    reminder_id = store.add_reminder(
        bot.services.db,
        user_id=alice.id,
        chat_id=alice.id,
        plan_id=plan.id,
        due=NOW + timedelta(days=3),
        reason="hedge off",
        now=NOW,
    )
    before = rows_of(bot, alice.id)
    alice_mark = len(api.actions)

    walked = forgeries(bob.id, {"plan_id": plan.id, "reminder_id": reminder_id})
    for _code, data in walked:
        seen = await forged_press(bot, bob, data)
        seen += await bob.says("in 3 days")  # finish whatever question the button asked
        seen += await bob.says("/cancel")
        shown = " ".join(action.text for action in seen)
        assert not [mark for mark in VICTIM_MARKS if mark in shown], data
        assert store.pending_for_user(bot.services.db, bob.id) == [] or all(
            r.plan_id != plan.id for r in store.pending_for_user(bot.services.db, bob.id)
        ), data

    assert len(walked) > len(REGISTRY)
    assert rows_of(bot, alice.id) == before
    assert [a for a in api.actions[alice_mark:] if a.chat_id == alice.id] == []
    assert (
        bot.services.db.execute(
            "SELECT count(*) FROM reminders WHERE plan_id = ? AND user_id != ?", [plan.id, alice.id]
        ).fetchone()[0]
        == 0
    )
    assert [e for e in api.errors if "not modified" not in e] == []


UNDECODABLE = [
    "p:²:1",  # a digit that is not ASCII
    "p:1001:abc",
    "p:1001:-1",
    "p:1001:1.5",
    "p:1001:99999999999999999999999",
    "p:1001:1:extra",
    "p:1001",
    "e:1001:abc",
    "e:1001:1:horizon_days",
    "k:1001:1",
    "k:1001:1:",
    "rs:1001:1:x",
    "rs:1001:1:0",
    "rs:1001:1:100000",
    "rw:1001:1:tomorrow",
    "f:1001:maybe",
    "t:1001:a b",
    "zz:1001",
    ":1001:1",
    "",
    "p::1",
    "g:1001:1:" + "x" * 41,  # longer than any field we pack
]


@pytest.mark.parametrize("data", UNDECODABLE)
async def test_callback_data_that_does_not_decode_gets_the_expired_pop_up_and_nothing_else(
    bot: InProcessBot, alice: Person, api: FakeBotApi, data: str, caplog: pytest.LogCaptureFixture
) -> None:
    seen = await forged_press(bot, alice, data)

    assert seen == []
    assert alice.last_answer()["text"] == EXPIRED
    assert api.errors == []
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL") or r.exc_info]
