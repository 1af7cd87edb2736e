"""The answer to "When should I remind you?": our words first, dateparser for month names."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from hedging.language.reminder_times import WhenContext, read_when

NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)  # Tuesday, 11:00 in Berlin
BERLIN = WhenContext(timezone="Europe/Berlin", morning=time(9))


def due_in_berlin(text: str, context: WhenContext = BERLIN) -> str:
    answer = read_when(text, context, NOW)
    assert answer.due is not None, answer
    return answer.due.astimezone(ZoneInfo("Europe/Berlin")).strftime("%a %d %b %H:%M")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("7pm sunday", "Sun 06 Dec 19:00"),
        ("midnight monday", "Mon 07 Dec 00:00"),
        ("in 2 days at 8am", "Thu 03 Dec 08:00"),
        ("2 hours from now", "Tue 01 Dec 13:00"),
        ("20 minutes later", "Tue 01 Dec 11:20"),
        ("tonight at 8", "Tue 01 Dec 20:00"),
        ("next monday", "Mon 07 Dec 09:00"),
        ("end of the week", "Fri 04 Dec 17:00"),
        ("tues 9am", "Tue 08 Dec 09:00"),
        ("2moro", "Wed 02 Dec 09:00"),
        ("tmrw 8am", "Wed 02 Dec 08:00"),
        ("thurs", "Thu 03 Dec 09:00"),
        ("the 3rd", "Thu 03 Dec 09:00"),
        ("january 2nd", "Sat 02 Jan 09:00"),
        ("in three hours", "Tue 01 Dec 14:00"),
        ("25/12", "Fri 25 Dec 09:00"),
    ],
)
def test_ordinary_answers_land_on_the_moment_people_mean(text: str, shown: str) -> None:
    assert due_in_berlin(text) == shown


def test_the_plans_event_and_a_named_other_event_come_from_the_calendar() -> None:
    fomc = datetime(2026, 12, 9, 19, tzinfo=UTC)
    context = WhenContext(timezone="Europe/Berlin", morning=time(9), event_at=fomc)

    assert due_in_berlin("after the event", context) == "Wed 09 Dec 22:00"
    assert due_in_berlin("after the cpi", context) == "Thu 10 Dec 16:30"  # 08:30 ET + 2 h


def test_when_the_hedge_ends_is_the_plans_horizon_end() -> None:
    end = datetime(2026, 12, 21, 8, tzinfo=UTC)
    context = WhenContext(timezone="Europe/Berlin", horizon_end=end)

    assert read_when("when the hedge ends", context, NOW).due == end


def test_morning_is_asked_once_when_the_user_has_not_said_what_it_is() -> None:
    answer = read_when("tomorrow morning", WhenContext(timezone="Europe/Berlin"), NOW)

    assert answer.ask == "morning" and answer.message


def test_a_numeric_date_that_reads_both_ways_asks_unless_the_locale_decides() -> None:
    asked = read_when("5/12", BERLIN, NOW)
    us = WhenContext(timezone="Europe/Berlin", morning=time(9), date_order="mdy")

    assert asked.ask == "date_order" and "5 December" in asked.message
    assert due_in_berlin("5/12", us) == "Wed 12 May 09:00"


@pytest.mark.parametrize(
    ("text", "error"),
    [("yesterday at 5pm", "past"), ("today at 9am", "past"), ("in 13 months", "too_far"),
     ("in 2 years", "too_far"), ("whenever", "unreadable"), ("???", "unreadable")],
)  # fmt: skip
def test_a_refused_time_says_why(text: str, error: str) -> None:
    answer = read_when(text, BERLIN, NOW)

    assert answer.error == error and answer.message


def test_only_absolute_times_need_the_users_timezone() -> None:
    assert read_when("in 2 hours", BERLIN, NOW).needs_timezone is False
    assert read_when("friday 9am", BERLIN, NOW).needs_timezone is True
