"""SQLite persistence: conversation states and user_data survive a new connection; no pickle."""

from __future__ import annotations

from pathlib import Path

from bot.platform.persistence import SqlitePersistence
from bot.storage.db import open_database


async def test_conversations_and_user_data_round_trip_through_the_database(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    first = SqlitePersistence(open_database(path))
    await first.update_conversation("hedge", (1, 1), "concern")
    await first.update_conversation("hedge", (2, 2), "horizon")
    await first.update_conversation("hedge", (2, 2), None)
    await first.update_user_data(1, {"draft": {"holdings": [{"symbol": "BTC", "quantity": 2}]}})
    second = SqlitePersistence(open_database(path))
    assert await second.get_conversations("hedge") == {(1, 1): "concern"}
    assert await second.get_conversations("settings") == {}
    assert await second.get_user_data() == {
        1: {"draft": {"holdings": [{"symbol": "BTC", "quantity": 2}]}}
    }
    await second.drop_user_data(1)
    assert await SqlitePersistence(open_database(path)).get_user_data() == {}


async def test_stored_values_are_plain_json(tmp_path: Path) -> None:
    db = open_database(tmp_path / "bot.sqlite3")
    persistence = SqlitePersistence(db)
    await persistence.update_conversation("hedge", (5, 6), "outlook")
    await persistence.update_user_data(5, {"greeted": True})
    assert [(r["name"], r["key"], r["state"]) for r in db.table("conversations").rows] == [
        ("hedge", "[5,6]", '"outlook"')
    ]
    assert [(r["user_id"], r["data"]) for r in db.table("user_data").rows] == [
        (5, '{"greeted":true}')
    ]


async def test_conversations_idle_longer_than_the_timeout_are_not_brought_back(
    tmp_path: Path,
) -> None:
    db = open_database(tmp_path / "bot.sqlite3")
    await SqlitePersistence(db).update_conversation("hedge", (1, 1), "concern")
    await SqlitePersistence(db).update_conversation("hedge", (2, 2), "horizon")
    db.execute(
        "UPDATE conversations SET updated_at = '2020-01-01T00:00:00+00:00' WHERE key = '[1,1]'"
    )
    restarted = SqlitePersistence(db, conversation_max_age=900)
    assert await restarted.get_conversations("hedge") == {(2, 2): "horizon"}
