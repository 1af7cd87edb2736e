from datetime import UTC, datetime

import pytest

from hedging.events import DateStatus, load_calendar, parse_calendar
from hedging.models import Concern


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.fixture(scope="module")
def calendar():
    return load_calendar()


@pytest.mark.parametrize(
    ("kind", "year", "count"),
    [
        (Concern.FOMC, 2026, 8),
        (Concern.FOMC, 2027, 8),
        (Concern.CPI, 2026, 12),
        (Concern.CPI, 2027, 12),
    ],
)
def test_the_shipped_calendar_has_every_meeting_and_release_of_2026_and_2027(
    calendar, kind, year, count
):
    assert len([e for e in calendar.of_kind(kind) if e.at.year == year]) == count


@pytest.mark.parametrize(
    ("after", "kind", "expected"),
    [
        # 14:00 in New York is 19:00 UTC in winter (EST) ...
        (utc(2026, 11, 25), Concern.FOMC, utc(2026, 12, 9, 19, 0)),
        # ... and 18:00 UTC in summer (EDT)
        (utc(2026, 6, 1), Concern.FOMC, utc(2026, 6, 17, 18, 0)),
        # 18 Mar: ten days after the US clocks changed, so already 18:00 UTC
        (utc(2026, 3, 1), Concern.FOMC, utc(2026, 3, 18, 18, 0)),
        (utc(2026, 11, 25), Concern.CPI, utc(2026, 12, 10, 13, 30)),
        (utc(2027, 4, 1), Concern.CPI, utc(2027, 4, 13, 12, 30)),
        (utc(2027, 12, 31), Concern.FOMC, None),
    ],
)
def test_next_event_is_the_first_one_after_a_moment_in_utc_with_dst(
    calendar, after, kind, expected
):
    event = calendar.next_event(kind, after=after)

    assert (event.at if event else None) == expected


def test_every_event_names_its_source_and_how_sure_the_date_is(calendar):
    statuses = {(e.kind, e.at.year): e.status for e in calendar.events}

    assert all(
        e.source.startswith(("Federal Reserve", "US Bureau of Labor Statistics"))
        for e in calendar.events
    )
    assert statuses == {
        (Concern.FOMC, 2026): DateStatus.PUBLISHED,
        (Concern.FOMC, 2027): DateStatus.TENTATIVE,
        (Concern.CPI, 2026): DateStatus.TO_VERIFY,
        (Concern.CPI, 2027): DateStatus.ESTIMATED,
    }


def test_a_calendar_is_data_a_new_file_adds_events_without_code(tmp_path):
    path = tmp_path / "events.toml"
    path.write_text(
        """
[kinds.fomc]
title = "FOMC rate decision"
time = "14:00"
timezone = "America/New_York"
source = "Federal Reserve"

[[events]]
kind = "fomc"
date = 2028-01-26
status = "tentative"

[[events]]
kind = "fomc"
date = 2028-03-15
time = "10:00"
status = "estimated"
source = "my own guess"
""",
        encoding="utf-8",
    )

    calendar = load_calendar(path)

    assert [(e.at, e.status, e.source, e.confirmed) for e in calendar.events] == [
        (utc(2028, 1, 26, 19, 0), DateStatus.TENTATIVE, "Federal Reserve", True),
        (utc(2028, 3, 15, 14, 0), DateStatus.ESTIMATED, "my own guess", False),
    ]


def test_an_event_of_an_unknown_kind_is_an_error_not_a_silent_skip():
    with pytest.raises(KeyError):
        parse_calendar(
            {"kinds": {}, "events": [{"kind": "fomc", "date": "x", "status": "published"}]}
        )


@pytest.mark.parametrize(
    ("kind", "day", "expected"),
    [
        (Concern.FOMC, datetime(2026, 12, 2).date(), utc(2026, 12, 2, 19, 0)),  # 14:00 EST
        (Concern.FOMC, datetime(2026, 7, 1).date(), utc(2026, 7, 1, 18, 0)),  # 14:00 EDT
        (Concern.CPI, datetime(2026, 12, 10).date(), utc(2026, 12, 10, 13, 30)),  # 08:30 EST
        (Concern.EARNINGS, datetime(2026, 12, 2).date(), None),  # no set hour
    ],
)
def test_an_event_on_a_day_the_calendar_lacks_lands_at_its_usual_hour(
    calendar, kind, day, expected
):
    assert calendar.usual_moment(kind, day) == expected
