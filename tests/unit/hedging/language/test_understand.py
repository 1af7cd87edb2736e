"""A whole message read at once: the calendar is the truth for event dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from hedging.language.understand import understand

TUESDAY = datetime(2026, 12, 1, 10, tzinfo=UTC)  # the calendar's next FOMC is Wed 9 Dec


@pytest.mark.parametrize(
    ("text", "event_day"),
    [
        ("FOMC on Wednesday, 2 btc", date(2026, 12, 9)),
        ("FOMC on the 16th, 2 btc", date(2026, 12, 9)),
        ("the Fed next month scares me, 0.5 btc", date(2027, 1, 27)),
        ("march fomc, 2 btc", date(2027, 3, 17)),
        ("CPI next week, holding 1 btc", date(2026, 12, 10)),
    ],
)
def test_the_event_date_is_the_calendars_meeting_the_user_means(text: str, event_day: date) -> None:
    reading = understand(text, now=TUESDAY)

    assert reading.event_at is not None and reading.event_at.date() == event_day


def test_a_day_that_disagrees_with_the_calendar_is_corrected_in_one_note() -> None:
    reading = understand("FOMC on Wednesday, 2 btc", now=TUESDAY)

    (note,) = reading.notes
    assert "2 Dec" in note and "9 Dec" in note


def test_an_event_with_no_horizon_hedges_until_the_event_plus_a_day() -> None:
    reading = understand("worried about FOMC, 2 BTC", now=TUESDAY)

    assert reading.horizon_days == 10  # Tue 1 Dec 10:00 to Thu 10 Dec 19:00, in whole days


def test_a_horizon_ending_before_the_event_gets_a_warning() -> None:
    reading = understand("FOMC, 2 BTC, for 3 days", now=TUESDAY)

    assert reading.horizon_days == 3
    assert any("before the event" in note for note in reading.notes)


def test_a_message_with_only_unpriced_assets_is_an_error_saying_how_to_add_a_price() -> None:
    reading = understand("5000 LINK", now=TUESDAY)

    assert reading.route == "error" and reading.error is not None and "@" in reading.error
    assert reading.unpriced == ["LINK"]


def test_the_plan_gets_units_worked_out_from_a_dollar_size() -> None:
    reading = understand("$500k in SPY", now=TUESDAY)

    (holding,) = reading.plan_holdings()
    assert holding.quantity * reading.prices_usd["SPY"] == pytest.approx(500_000)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("2 btc, no more than $600 on this", "max_cost_usd", 600),
        ("2 BTC, scared of a 30% drop", "outlook", "big_drop"),
        ("I bought it 2 years ago, 1 btc", "horizon_days", None),
        ("2 eth until jan 15", "horizon_days", 45),
    ],
)
def test_purpose_fields_come_from_the_same_reading(text: str, field: str, value: object) -> None:
    assert understand(text, now=TUESDAY).contract()[field] == value
