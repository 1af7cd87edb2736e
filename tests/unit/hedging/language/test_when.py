from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.platform.clock import FakeClock
from hedging.language.when import (
    NeedsMorning,
    WhenContext,
    WhenError,
    WhenProblem,
    describe,
    parse_morning,
    parse_timezone,
    resolve_when,
)

# Wednesday 25 November 2026, 11:00 UTC = 12:00 in Berlin = 06:00 in New York
WEDNESDAY_NOON_BERLIN = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
BERLIN = WhenContext(timezone="Europe/Berlin", morning=time(8, 0))


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(WEDNESDAY_NOON_BERLIN)


@pytest.mark.parametrize(
    ("text", "due", "shown"),
    [
        ("in 30 minutes", utc(2026, 11, 25, 11, 30), "Wed 25 Nov 2026, 12:30 CET"),
        ("in 2 hours", utc(2026, 11, 25, 13, 0), "Wed 25 Nov 2026, 14:00 CET"),
        ("in an hour", utc(2026, 11, 25, 12, 0), "Wed 25 Nov 2026, 13:00 CET"),
        ("in 1.5 h", utc(2026, 11, 25, 12, 30), "Wed 25 Nov 2026, 13:30 CET"),
        ("in 3 days", utc(2026, 11, 28, 11, 0), "Sat 28 Nov 2026, 12:00 CET"),
        ("in 1 week", utc(2026, 12, 2, 11, 0), "Wed 02 Dec 2026, 12:00 CET"),
        ("Friday 18:00", utc(2026, 11, 27, 17, 0), "Fri 27 Nov 2026, 18:00 CET"),
        ("fri 6pm", utc(2026, 11, 27, 17, 0), "Fri 27 Nov 2026, 18:00 CET"),
        ("on Friday at 6:30 pm", utc(2026, 11, 27, 17, 30), "Fri 27 Nov 2026, 18:30 CET"),
        ("2026-12-10 20:00", utc(2026, 12, 10, 19, 0), "Thu 10 Dec 2026, 20:00 CET"),
        ("10.12.2026 9:30", utc(2026, 12, 10, 8, 30), "Thu 10 Dec 2026, 09:30 CET"),
        ("Dec 10 20:00", utc(2026, 12, 10, 19, 0), "Thu 10 Dec 2026, 20:00 CET"),
        ("tomorrow morning", utc(2026, 11, 26, 7, 0), "Thu 26 Nov 2026, 08:00 CET"),
        ("tomorrow 7.45", utc(2026, 11, 26, 6, 45), "Thu 26 Nov 2026, 07:45 CET"),
        ("tomorrow", utc(2026, 11, 26, 7, 0), "Thu 26 Nov 2026, 08:00 CET"),
        ("tonight", utc(2026, 11, 25, 19, 0), "Wed 25 Nov 2026, 20:00 CET"),
        ("18:00", utc(2026, 11, 25, 17, 0), "Wed 25 Nov 2026, 18:00 CET"),
        ("10:00", utc(2026, 11, 26, 9, 0), "Thu 26 Nov 2026, 10:00 CET"),
        ("wednesday 11:00", utc(2026, 12, 2, 10, 0), "Wed 02 Dec 2026, 11:00 CET"),
        ("Remind me at 19:15", utc(2026, 11, 25, 18, 15), "Wed 25 Nov 2026, 19:15 CET"),
    ],
)
def test_every_input_form_is_read_in_the_users_timezone(clock, text, due, shown):
    resolved = resolve_when(text, BERLIN, clock.now())

    assert (resolved.due, resolved.shown, resolved.shifted_for_dst) == (due, shown, False)


@pytest.mark.parametrize(
    ("timezone", "due", "shown"),
    [
        ("Europe/Berlin", utc(2026, 11, 27, 17, 0), "Fri 27 Nov 2026, 18:00 CET"),
        ("America/New_York", utc(2026, 11, 27, 23, 0), "Fri 27 Nov 2026, 18:00 EST"),
        ("Asia/Tokyo", utc(2026, 11, 27, 9, 0), "Fri 27 Nov 2026, 18:00 JST"),
        ("UTC", utc(2026, 11, 27, 18, 0), "Fri 27 Nov 2026, 18:00 UTC"),
        ("Australia/Sydney", utc(2026, 11, 27, 7, 0), "Fri 27 Nov 2026, 18:00 AEDT"),
    ],
)
def test_the_same_words_mean_the_users_own_wall_clock(clock, timezone, due, shown):
    resolved = resolve_when("Friday 18:00", WhenContext(timezone=timezone), clock.now())

    assert (resolved.due, resolved.shown) == (due, shown)


def test_in_3_days_across_the_autumn_dst_change_keeps_the_wall_clock_time():
    # Friday 23 Oct 2026 18:00 CEST; clocks go back on Sunday 25 Oct
    now = utc(2026, 10, 23, 16, 0)

    resolved = resolve_when("in 3 days", BERLIN, now)

    assert (resolved.due, resolved.shown) == (
        utc(2026, 10, 26, 17, 0),
        "Mon 26 Oct 2026, 18:00 CET",
    )
    assert resolved.due - now == timedelta(days=3, hours=1)


def test_in_48_hours_across_the_dst_change_is_exactly_48_hours_not_the_wall_clock():
    now = utc(2026, 10, 24, 16, 0)  # Saturday 18:00 CEST

    resolved = resolve_when("in 48 hours", BERLIN, now)

    assert (resolved.due, resolved.shown) == (
        utc(2026, 10, 26, 16, 0),
        "Mon 26 Oct 2026, 17:00 CET",
    )


@pytest.mark.parametrize(
    ("timezone", "text", "due", "shown"),
    [
        # spring forward: 02:30 does not exist on 29 Mar 2026 in Berlin; we land at 03:30 CEST
        (
            "Europe/Berlin",
            "2026-03-29 02:30",
            utc(2026, 3, 29, 1, 30),
            "Sun 29 Mar 2026, 03:30 CEST",
        ),
        (
            "America/New_York",
            "2026-03-08 02:15",
            utc(2026, 3, 8, 7, 15),
            "Sun 08 Mar 2026, 03:15 EDT",
        ),
    ],
)
def test_a_wall_time_skipped_by_spring_forward_moves_to_the_first_real_minute_after(
    timezone, text, due, shown
):
    resolved = resolve_when(text, WhenContext(timezone=timezone), utc(2026, 3, 1, 0, 0))

    assert (resolved.due, resolved.shown, resolved.shifted_for_dst) == (due, shown, True)


def test_a_wall_time_repeated_by_fall_back_means_the_first_of_the_two():
    resolved = resolve_when("2026-10-25 02:30", BERLIN, utc(2026, 10, 1, 0, 0))

    assert (resolved.due, resolved.shown) == (
        utc(2026, 10, 25, 0, 30),
        "Sun 25 Oct 2026, 02:30 CEST",
    )


def test_tomorrow_morning_asks_once_when_the_user_has_no_morning_yet(clock):
    asked = resolve_when("tomorrow morning", WhenContext(timezone="Europe/Berlin"), clock.now())
    answered = resolve_when(
        "tomorrow morning",
        WhenContext(timezone="Europe/Berlin", morning=parse_morning("7:30")),
        clock.now(),
    )

    assert asked == NeedsMorning(day=date(2026, 11, 26))
    assert answered.shown == "Thu 26 Nov 2026, 07:30 CET"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("8", time(8)), ("7:30", time(7, 30)), ("9am", time(9)), ("06.45", time(6, 45))],
)
def test_the_morning_answer_is_read_as_a_clock_time(text, expected):
    assert parse_morning(text) == expected


@pytest.mark.parametrize("text", ["18:00", "midday please", "25:00"])
def test_a_morning_that_is_not_a_morning_is_refused(text):
    with pytest.raises(WhenError) as error:
        parse_morning(text)

    assert error.value.problem == WhenProblem.BAD_TIME


def test_after_the_event_lands_the_buffer_after_the_event(clock):
    fomc = utc(2026, 12, 9, 19, 0)
    context = WhenContext(timezone="Europe/Berlin", event_at=fomc, event_buffer=timedelta(hours=2))

    resolved = resolve_when("after the event", context, clock.now())

    assert (resolved.due, resolved.shown) == (utc(2026, 12, 9, 21, 0), "Wed 09 Dec 2026, 22:00 CET")


def test_end_of_horizon_is_the_plans_horizon(clock):
    context = WhenContext(timezone="America/New_York", horizon_end=utc(2026, 12, 2, 11, 0))

    resolved = resolve_when("end of horizon", context, clock.now())

    assert (resolved.due, resolved.shown) == (utc(2026, 12, 2, 11, 0), "Wed 02 Dec 2026, 06:00 EST")


@pytest.mark.parametrize(
    ("text", "context", "problem", "shown"),
    [
        ("2026-11-24 10:00", BERLIN, WhenProblem.IN_THE_PAST, "Tue 24 Nov 2026, 10:00 CET"),
        ("today 9:00", BERLIN, WhenProblem.IN_THE_PAST, "Wed 25 Nov 2026, 09:00 CET"),
        ("in 0 minutes", BERLIN, WhenProblem.IN_THE_PAST, "Wed 25 Nov 2026, 12:00 CET"),
        ("2027-11-26 10:00", BERLIN, WhenProblem.TOO_FAR, "Fri 26 Nov 2027, 10:00 CET"),
        ("in 400 days", BERLIN, WhenProblem.TOO_FAR, "Thu 30 Dec 2027, 12:00 CET"),
        ("in 99999999999 days", BERLIN, WhenProblem.TOO_FAR, None),
        ("9999-12-31 23:00", WhenContext(timezone="America/New_York"), WhenProblem.TOO_FAR, None),
        ("0001-01-01 00:30", WhenContext(timezone="Asia/Tokyo"), WhenProblem.IN_THE_PAST, None),
        ("after the event", BERLIN, WhenProblem.NO_EVENT, None),
        ("end of horizon", BERLIN, WhenProblem.NO_HORIZON, None),
        ("2026-02-30 10:00", BERLIN, WhenProblem.BAD_DATE, None),
        ("friday 25:00", BERLIN, WhenProblem.BAD_TIME, None),
        ("whenever the moon is full", BERLIN, WhenProblem.NOT_UNDERSTOOD, None),
        ("", BERLIN, WhenProblem.NOT_UNDERSTOOD, None),
        ("in 3 parsecs", BERLIN, WhenProblem.NOT_UNDERSTOOD, None),
    ],
)
def test_unusable_times_get_a_reason_and_the_moment_we_understood(
    clock, text, context, problem, shown
):
    with pytest.raises(WhenError) as error:
        resolve_when(text, context, clock.now())

    assert (error.value.problem, error.value.shown) == (problem, shown)


def test_an_event_that_already_passed_is_in_the_past(clock):
    context = WhenContext(timezone="UTC", event_at=utc(2026, 10, 28, 18, 0))

    with pytest.raises(WhenError) as error:
        resolve_when("after the event", context, clock.now())

    assert error.value.problem == WhenProblem.IN_THE_PAST


def test_the_fake_clock_moves_the_meaning_of_relative_times(clock):
    first = resolve_when("in 30 minutes", BERLIN, clock.now())
    clock.advance(timedelta(hours=1))
    second = resolve_when("in 30 minutes", BERLIN, clock.now())

    assert second.due - first.due == timedelta(hours=1)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/london", "Europe/London"),
        ("Berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("Tokyo", "Asia/Tokyo"),
        ("UTC", "UTC"),
        ("utc+2", "Etc/GMT-2"),
        ("GMT-5", "Etc/GMT+5"),
        ("UTC+0", "UTC"),
    ],
)
def test_timezones_are_read_from_names_cities_and_offsets(text, zone):
    assert parse_timezone(text) == zone


@pytest.mark.parametrize("text", ["Mars/Olympus", "utc+20", "", "nowhere"])
def test_an_unknown_timezone_is_refused(text):
    with pytest.raises(WhenError) as error:
        parse_timezone(text)

    assert error.value.problem == WhenProblem.UNKNOWN_TIMEZONE


def test_describe_shows_a_utc_moment_on_the_users_wall_clock_with_the_weekday():
    assert describe(utc(2026, 7, 1, 12, 0), "Europe/London") == "Wed 01 Jul 2026, 13:00 BST"


def test_the_march_fomc_falls_between_the_us_and_the_eu_clock_changes():
    # 18 Mar 2026: New York is already on EDT (since 8 Mar), Berlin still on CET (until 29 Mar)
    context = WhenContext(timezone="Europe/Berlin", event_at=utc(2026, 3, 18, 18, 0))

    resolved = resolve_when("after the event", context, utc(2026, 3, 16, 12, 0))

    assert (resolved.due, resolved.shown) == (utc(2026, 3, 18, 20, 0), "Wed 18 Mar 2026, 21:00 CET")
