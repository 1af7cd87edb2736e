"""The bot's one SQLite file: opening it, schema migrations at start-up, and time as text."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]


def _create_core_tables(db: sqlite_utils.Database) -> None:
    db.table("users").create(
        {"id": int, "timezone": str, "settings": str, "created_at": str},
        pk="id",
        not_null={"settings", "created_at"},
    )
    db.table("conversations").create(
        {"name": str, "key": str, "state": str, "updated_at": str},
        pk=("name", "key"),
    )
    db.table("user_data").create({"user_id": int, "data": str}, pk="user_id")
    db.table("plans").create(
        {"id": int, "user_id": int, "request": str, "recommendation": str, "created_at": str},
        pk="id",
        not_null={"user_id", "request", "recommendation", "created_at"},
    )
    db.table("plans").create_index(["user_id", "created_at"])
    db.table("reminders").create(
        {
            "id": int,
            "user_id": int,
            "chat_id": int,
            "plan_id": int,
            "due_at": str,  # UTC, ISO 8601, so text order is time order
            "status": str,  # pending / sent / done / snoozed / cancelled / failed
            "attempts": int,
            "last_error": str,
            "reason": str,
            "created_at": str,
            "sent_at": str,
        },
        pk="id",
        not_null={"user_id", "chat_id", "due_at", "status", "attempts", "created_at"},
        defaults={"status": "pending", "attempts": 0},
        foreign_keys=[("plan_id", "plans", "id")],
    )
    # "what is due now" reads only pending rows, in due order
    db.execute(
        "CREATE INDEX idx_reminders_pending_due ON reminders (due_at) "
        "WHERE status IN ('pending', 'snoozed')"
    )
    db.table("reminders").create_index(["user_id", "status"])


def _add_reminder_delivery_columns(db: sqlite_utils.Database) -> None:
    # scheduled_for: the moment the user asked for (due_at moves on retries; this does not);
    # claimed_at: set while one delivery attempt is in flight, cleared at start-up
    reminders = db.table("reminders")
    reminders.add_column("scheduled_for", str)
    reminders.add_column("claimed_at", str)
    reminders.add_column("message_id", int)
    db.execute("UPDATE reminders SET scheduled_for = due_at")
    db.execute(
        "CREATE INDEX idx_reminders_claimed ON reminders (claimed_at) WHERE claimed_at IS NOT NULL"
    )
    # what this user calls "morning" (HH:MM), asked once by the reminders feature
    db.table("users").add_column("morning", str)


MIGRATIONS: list[Migration] = [_create_core_tables, _add_reminder_delivery_columns]


def iso(moment: datetime) -> str:
    """UTC text of fixed width, so that text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def utc_now_iso() -> str:
    """Now in UTC as ISO 8601 text."""
    return iso(datetime.now(UTC))


class StorageError(Exception):
    """The configured database cannot be used; the text is one line for the operator."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f'[storage] path = "{path}": {reason}')


def open_database(path: str | Path) -> sqlite_utils.Database:
    """Open (or create) the database in WAL mode and bring its schema up to date.

    A file path gets its missing folders created; a file that cannot be used raises StorageError
    before anything is written to it (a damaged file is never overwritten)."""
    on_disk = str(path) != ":memory:"
    if on_disk:
        _prepare_folder(Path(path))
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
        db = sqlite_utils.Database(conn)
        if on_disk:
            _check_intact(db)
            db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
        migrate(db)
    except sqlite3.DatabaseError as error:
        if not on_disk:
            raise
        raise StorageError(path, _reason(Path(path), error)) from error
    return db


def _prepare_folder(path: Path) -> None:
    if path.is_dir():
        raise StorageError(
            path,
            f"that is a folder, not a file; name a file in it, e.g. {path / 'hedgebot.sqlite3'}",
        )
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise StorageError(path, f"{folder} is a file, so it cannot hold the database")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(path, f"cannot create its folder {folder} ({error.strerror})") from None


def _check_intact(db: sqlite_utils.Database) -> None:
    """Read every page once, so a truncated or damaged file fails here and is left untouched."""
    found = db.execute("PRAGMA quick_check(1)").fetchone()[0]
    if found != "ok":
        raise sqlite3.DatabaseError(f"database disk image is malformed ({found})")


def _reason(path: Path, error: sqlite3.DatabaseError) -> str:
    """What is wrong with the file, and what to do about it, from SQLite's error."""
    text = str(error)
    folder = path.parent
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (
            f"the file is not a usable SQLite database ({text}); it was left as it is. Restore it "
            f"from a backup, or move it aside (mv {path} {path}.broken) to start a new one"
        )
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only for this user; make it writable or name another file"
    if not os.access(folder, os.W_OK):
        return (
            f"the folder {folder} is read-only for this user, and SQLite writes its journal "
            "files beside the database; make the folder writable or name another place"
        )
    return f"SQLite cannot use it ({text})"


def schema_version(db: sqlite_utils.Database) -> int:
    """How many migrations this database has had."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database) -> None:
    """Apply every migration the database has not had yet, each in its own transaction."""
    for version, migration in enumerate(MIGRATIONS, start=1):
        if schema_version(db) >= version:
            continue
        with db.conn:
            db.execute("BEGIN")
            migration(db)
            db.execute(f"PRAGMA user_version = {version}")


def dumps(value: Any) -> str:
    """JSON for a text column."""
    return json.dumps(value, separators=(",", ":"), default=str)
