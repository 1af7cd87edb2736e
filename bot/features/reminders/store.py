"""Plain functions over the reminders table (the database is the truth)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlite_utils

from bot.storage.db import from_iso, iso


class ReminderStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DONE = "done"
    SNOOZED = "snoozed"
    CANCELLED = "cancelled"
    FAILED = "failed"


ACTIVE = "('pending', 'snoozed')"  # matches the partial index idx_reminders_pending_due
DELIVERED = "('sent',)"


@dataclass(frozen=True)
class Reminder:
    id: int
    user_id: int
    chat_id: int
    plan_id: int | None
    due_at: datetime  # when the engine should next try
    scheduled_for: datetime  # when the user asked for it
    status: ReminderStatus
    attempts: int
    last_error: str | None
    reason: str | None
    created_at: datetime
    sent_at: datetime | None
    in_doubt: bool = False  # a send was in flight when the bot died: it may have arrived

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Reminder:
        return cls(
            id=row["id"],
            user_id=row["user_id"],
            chat_id=row["chat_id"],
            plan_id=row["plan_id"],
            due_at=from_iso(row["due_at"]),
            scheduled_for=from_iso(row["scheduled_for"] or row["due_at"]),
            status=ReminderStatus(row["status"]),
            attempts=row["attempts"],
            last_error=row["last_error"],
            reason=row["reason"],
            created_at=from_iso(row["created_at"]),
            sent_at=from_iso(row["sent_at"]) if row["sent_at"] else None,
        )


# reminders: created and changed by the user


def add_reminder(
    db: sqlite_utils.Database,
    *,
    user_id: int,
    chat_id: int,
    plan_id: int | None,
    due: datetime,
    reason: str,
    now: datetime,
) -> int:
    cursor = db.execute(
        "INSERT INTO reminders (user_id, chat_id, plan_id, due_at, scheduled_for, status, "
        "attempts, reason, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
        [user_id, chat_id, plan_id, iso(due), iso(due), reason, iso(now)],
    )
    return int(cursor.lastrowid or 0)


def get_reminder(db: sqlite_utils.Database, reminder_id: int, user_id: int) -> Reminder | None:
    rows = list(
        db.query("SELECT * FROM reminders WHERE id = ? AND user_id = ?", [reminder_id, user_id])
    )
    return Reminder.from_row(rows[0]) if rows else None


def pending_for_user(db: sqlite_utils.Database, user_id: int) -> list[Reminder]:
    rows = db.query(
        f"SELECT * FROM reminders WHERE user_id = ? AND status IN {ACTIVE} ORDER BY due_at, id",
        [user_id],
    )
    return [Reminder.from_row(row) for row in rows]


def cancel_reminder(db: sqlite_utils.Database, reminder_id: int, user_id: int) -> bool:
    """Cancel one of this user's pending reminders; False if not theirs or not pending."""
    cursor = db.execute(
        f"UPDATE reminders SET status = 'cancelled', claimed_at = NULL "
        f"WHERE id = ? AND user_id = ? AND status IN {ACTIVE}",
        [reminder_id, user_id],
    )
    return cursor.rowcount == 1


def mark_done(db: sqlite_utils.Database, reminder_id: int, user_id: int) -> bool:
    """The user removed the hedge: close a delivered (or still pending) reminder."""
    cursor = db.execute(
        "UPDATE reminders SET status = 'done', claimed_at = NULL "
        "WHERE id = ? AND user_id = ? AND status IN ('pending', 'snoozed', 'sent')",
        [reminder_id, user_id],
    )
    return cursor.rowcount == 1


def snooze(db: sqlite_utils.Database, reminder_id: int, user_id: int, due: datetime) -> bool:
    """Send this reminder again at `due` (from a delivered or a pending reminder)."""
    cursor = db.execute(
        "UPDATE reminders SET status = 'snoozed', due_at = ?, scheduled_for = ?, attempts = 0, "
        "last_error = NULL, claimed_at = NULL "
        "WHERE id = ? AND user_id = ? AND status IN ('pending', 'snoozed', 'sent')",
        [iso(due), iso(due), reminder_id, user_id],
    )
    return cursor.rowcount == 1


# reminders: the delivery engine's side


def next_due_at(db: sqlite_utils.Database) -> datetime | None:
    """The earliest time any reminder waits for (served by the partial index)."""
    row = db.execute(f"SELECT min(due_at) FROM reminders WHERE status IN {ACTIVE}").fetchone()
    return from_iso(row[0]) if row and row[0] else None


def due_now(db: sqlite_utils.Database, now: datetime, limit: int) -> list[Reminder]:
    """Unclaimed reminders whose time has come, oldest first."""
    rows = db.query(
        f"SELECT * FROM reminders WHERE status IN {ACTIVE} AND due_at <= ? "
        "AND claimed_at IS NULL ORDER BY due_at, id LIMIT ?",
        [iso(now), limit],
    )
    return [Reminder.from_row(row) for row in rows]


def claim(db: sqlite_utils.Database, reminder_id: int, now: datetime) -> bool:
    """Take one reminder for a delivery attempt; False if someone else has it or it changed."""
    cursor = db.execute(
        f"UPDATE reminders SET claimed_at = ? "
        f"WHERE id = ? AND status IN {ACTIVE} AND claimed_at IS NULL",
        [iso(now), reminder_id],
    )
    return cursor.rowcount == 1


def mark_sent(db: sqlite_utils.Database, reminder_id: int, now: datetime, message_id: int) -> None:
    """The single write after Telegram accepted the message."""
    db.execute(
        "UPDATE reminders SET status = 'sent', sent_at = ?, message_id = ?, "
        "attempts = attempts + 1, claimed_at = NULL WHERE id = ?",
        [iso(now), message_id, reminder_id],
    )


def retry_later(
    db: sqlite_utils.Database, reminder_id: int, retry_at: datetime, error: str
) -> None:
    db.execute(
        "UPDATE reminders SET attempts = attempts + 1, last_error = ?, due_at = ?, "
        "claimed_at = NULL WHERE id = ?",
        [error, iso(retry_at), reminder_id],
    )


def release(db: sqlite_utils.Database, reminder_id: int) -> None:
    """Give a claim back without counting an attempt (e.g. after a 429)."""
    db.execute("UPDATE reminders SET claimed_at = NULL WHERE id = ?", [reminder_id])


def mark_failed(db: sqlite_utils.Database, reminder_id: int, error: str) -> None:
    db.execute(
        "UPDATE reminders SET status = 'failed', attempts = attempts + 1, last_error = ?, "
        "claimed_at = NULL WHERE id = ?",
        [error, reminder_id],
    )


def fail_all_for_user(db: sqlite_utils.Database, user_id: int, error: str) -> int:
    """The user blocked the bot: none of their reminders can be delivered."""
    cursor = db.execute(
        f"UPDATE reminders SET status = 'failed', last_error = ?, claimed_at = NULL "
        f"WHERE user_id = ? AND status IN {ACTIVE}",
        [error, user_id],
    )
    return cursor.rowcount


def release_all_claims(db: sqlite_utils.Database) -> list[int]:
    """At start-up: attempts in flight when the process died are due again; returns their ids."""
    ids = [row[0] for row in db.execute("SELECT id FROM reminders WHERE claimed_at IS NOT NULL")]
    db.execute("UPDATE reminders SET claimed_at = NULL WHERE claimed_at IS NOT NULL")
    return ids


def count_by_status(db: sqlite_utils.Database) -> dict[str, int]:
    rows = db.execute("SELECT status, count(*) FROM reminders GROUP BY status").fetchall()
    return {status: count for status, count in rows}


# /forget


def forget_user(db: sqlite_utils.Database, user_id: int) -> dict[str, int]:
    """Delete every row about this user, in one transaction; returns rows deleted per table."""
    deleted: dict[str, int] = {}
    with db.conn:
        db.execute("BEGIN")
        deleted["reminders"] = db.execute(
            "DELETE FROM reminders WHERE user_id = ?", [user_id]
        ).rowcount
        deleted["plans"] = db.execute("DELETE FROM plans WHERE user_id = ?", [user_id]).rowcount
        deleted["user_data"] = db.execute(
            "DELETE FROM user_data WHERE user_id = ?", [user_id]
        ).rowcount
        keys = [
            (name, key)
            for name, key in db.execute("SELECT name, key FROM conversations").fetchall()
            if _key_mentions(key, user_id)
        ]
        for name, key in keys:
            db.execute("DELETE FROM conversations WHERE name = ? AND key = ?", [name, key])
        deleted["conversations"] = len(keys)
        deleted["users"] = db.execute("DELETE FROM users WHERE id = ?", [user_id]).rowcount
    return deleted


def _key_mentions(key: str, user_id: int) -> bool:
    """Conversation keys are JSON lists of chat and user ids (or a bare id)."""
    try:
        parsed = json.loads(key)
    except (TypeError, ValueError):
        return key == str(user_id)
    if isinstance(parsed, list):
        return user_id in parsed
    return bool(parsed == user_id)
