import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import BotConfig
from bot.features.reminders import store
from bot.features.reminders.store import ReminderStatus
from bot.storage.db import MIGRATIONS, iso, open_database, schema_version
from bot.storage.users import UserRepository

NOW = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
ALICE, BOB = 111, 222


@pytest.fixture
def db(tmp_path):
    return open_database(tmp_path / "hedgebot.sqlite")


def add(db, user_id=ALICE, minutes=10, plan_id=None):
    return store.add_reminder(
        db,
        user_id=user_id,
        chat_id=user_id,
        plan_id=plan_id,
        due=NOW + timedelta(minutes=minutes),
        reason="typed",
        now=NOW,
    )


def insert_plan(db, user_id, request, recommendation, created_at):
    return (
        db.table("plans")
        .insert(
            {
                "user_id": user_id,
                "request": json.dumps(request),
                "recommendation": json.dumps(recommendation),
                "created_at": iso(created_at),
            }
        )
        .last_pk
    )


def statuses(db):
    return {row["id"]: row["status"] for row in db.query("SELECT id, status FROM reminders")}


def test_the_schema_reaches_the_latest_version_and_reopening_changes_nothing(tmp_path):
    path = tmp_path / "db.sqlite"
    open_database(path)
    reopened = open_database(path)

    assert schema_version(reopened) == len(MIGRATIONS)
    assert {"scheduled_for", "claimed_at", "message_id"} <= set(
        reopened.table("reminders").columns_dict
    )


def test_what_is_due_now_is_answered_from_the_partial_index(db):
    plan = db.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM reminders WHERE status IN ('pending', 'snoozed') "
        "AND due_at <= ? AND claimed_at IS NULL ORDER BY due_at, id LIMIT 100",
        [iso(NOW)],
    ).fetchall()

    assert "idx_reminders_pending_due" in " ".join(str(step) for step in plan)


def test_a_new_reminder_is_pending_at_its_time_in_utc(db):
    reminder_id = add(db, minutes=30)

    reminder = store.get_reminder(db, reminder_id, ALICE)

    assert reminder == store.Reminder(
        id=reminder_id,
        user_id=ALICE,
        chat_id=ALICE,
        plan_id=None,
        due_at=NOW + timedelta(minutes=30),
        scheduled_for=NOW + timedelta(minutes=30),
        status=ReminderStatus.PENDING,
        attempts=0,
        last_error=None,
        reason="typed",
        created_at=NOW,
        sent_at=None,
    )


def test_pending_for_user_lists_only_that_users_active_reminders_in_due_order(db):
    later, sooner, _bobs = add(db, minutes=60), add(db, minutes=5), add(db, user_id=BOB)
    cancelled = add(db, minutes=1)
    store.cancel_reminder(db, cancelled, ALICE)

    assert [reminder.id for reminder in store.pending_for_user(db, ALICE)] == [sooner, later]


def test_another_user_cannot_cancel_snooze_or_close_my_reminder(db):
    mine = add(db)

    refused = (
        store.cancel_reminder(db, mine, BOB),
        store.snooze(db, mine, BOB, NOW + timedelta(hours=1)),
        store.mark_done(db, mine, BOB),
    )

    assert refused == (False, False, False)
    assert statuses(db) == {mine: "pending"}


def test_due_now_returns_unclaimed_due_reminders_oldest_first(db):
    first, second, future = add(db, minutes=-5), add(db, minutes=-1), add(db, minutes=30)
    assert store.claim(db, first, NOW)

    due = store.due_now(db, NOW, limit=10)

    assert [reminder.id for reminder in due] == [second]
    assert store.next_due_at(db) == NOW - timedelta(minutes=5)
    assert future not in [reminder.id for reminder in due]


def test_a_reminder_can_be_claimed_once_until_its_claim_is_released(db):
    reminder_id = add(db, minutes=-1)

    claims = [store.claim(db, reminder_id, NOW), store.claim(db, reminder_id, NOW)]
    released = store.release_all_claims(db)
    again = store.claim(db, reminder_id, NOW)

    assert (claims, released, again) == ([True, False], [reminder_id], True)


def test_sent_is_recorded_in_one_write_with_the_message_id(db):
    reminder_id = add(db, minutes=-1)
    store.claim(db, reminder_id, NOW)

    store.mark_sent(db, reminder_id, NOW, message_id=42)

    row = db.table("reminders").get(reminder_id)
    assert (
        row["status"],
        row["sent_at"],
        row["message_id"],
        row["claimed_at"],
        row["attempts"],
    ) == (
        "sent",
        iso(NOW),
        42,
        None,
        1,
    )
    assert store.next_due_at(db) is None


def test_snoozing_a_delivered_reminder_makes_it_due_again_at_the_new_time(db):
    reminder_id = add(db, minutes=-1)
    store.mark_sent(db, reminder_id, NOW, message_id=1)

    assert store.snooze(db, reminder_id, ALICE, NOW + timedelta(hours=1))

    reminder = store.get_reminder(db, reminder_id, ALICE)
    assert (reminder.status, reminder.due_at, reminder.attempts) == (
        ReminderStatus.SNOOZED,
        NOW + timedelta(hours=1),
        0,
    )
    assert store.next_due_at(db) == NOW + timedelta(hours=1)


def test_done_closes_a_delivered_reminder_and_a_closed_one_cannot_be_snoozed(db):
    reminder_id = add(db, minutes=-1)
    store.mark_sent(db, reminder_id, NOW, message_id=1)

    results = (store.mark_done(db, reminder_id, ALICE), store.snooze(db, reminder_id, ALICE, NOW))

    assert results == (True, False)
    assert statuses(db) == {reminder_id: "done"}


def test_a_retry_keeps_the_error_and_moves_only_the_next_attempt(db):
    reminder_id = add(db, minutes=-1)
    store.claim(db, reminder_id, NOW)

    store.retry_later(db, reminder_id, NOW + timedelta(seconds=30), "TimedOut: timed out")

    reminder = store.get_reminder(db, reminder_id, ALICE)
    assert (reminder.attempts, reminder.last_error, reminder.due_at, reminder.scheduled_for) == (
        1,
        "TimedOut: timed out",
        NOW + timedelta(seconds=30),
        NOW - timedelta(minutes=1),
    )


def test_a_blocked_user_has_every_active_reminder_failed_and_others_untouched(db):
    mine, also_mine, bobs = add(db), add(db, minutes=90), add(db, user_id=BOB)

    failed = store.fail_all_for_user(db, ALICE, "Forbidden: bot was blocked by the user")

    assert failed == 2
    assert statuses(db) == {mine: "failed", also_mine: "failed", bobs: "pending"}


def test_forget_deletes_every_row_about_the_user_and_nothing_about_others(db):
    for user in (ALICE, BOB):
        UserRepository(db, BotConfig()).set_timezone(user, "UTC", NOW)
        plan = insert_plan(db, user, {}, {}, NOW)
        add(db, user_id=user, plan_id=plan)
        db.table("user_data").insert({"user_id": user, "data": "{}"})
        db.table("conversations").insert({"name": "plan", "key": f"[{user}, {user}]", "state": "1"})

    deleted = store.forget_user(db, ALICE)

    assert deleted == {"reminders": 1, "plans": 1, "user_data": 1, "conversations": 1, "users": 1}
    for table in ("reminders", "plans", "user_data"):
        assert [row["user_id"] for row in db.table(table).rows] == [BOB]
    assert [row["key"] for row in db.table("conversations").rows] == [f"[{BOB}, {BOB}]"]
    assert [row["id"] for row in db.table("users").rows] == [BOB]
