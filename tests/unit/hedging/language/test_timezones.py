"""One timezone reader for /settings and reminders: cities, IANA names, offsets, abbreviations."""

from __future__ import annotations

import pytest

from hedging.language.timezones import read_timezone


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("berlin", "Europe/Berlin"),
        ("Berlin, Germany", "Europe/Berlin"),
        ("NYC", "America/New_York"),
        ("São Paulo", "America/Sao_Paulo"),
        ("Frankfurt", "Europe/Berlin"),
        ("europe/london", "Europe/London"),
        ("America/New York", "America/New_York"),
        ("UTC+3", "Etc/GMT-3"),
        ("GMT-4", "Etc/GMT+4"),
        ("UTC+5:30", "Asia/Kolkata"),
        ("GMT", "UTC"),
        ("PST", "America/Los_Angeles"),
        ("PDT", "America/Los_Angeles"),
        ("EET", "Europe/Athens"),
        ("CET", "Europe/Berlin"),
        ("IST", "Asia/Kolkata"),
        ("central european time", "Europe/Berlin"),
    ],
)
def test_a_zone_is_read_from_every_usual_form(text: str, zone: str) -> None:
    assert read_timezone(text) == zone


@pytest.mark.parametrize(
    "text", ["asdf", "UTC+25", "Europe/Atlantis", "tomorrow", "", "9am", "../../etc/passwd"]
)
def test_anything_else_is_not_a_timezone(text: str) -> None:
    assert read_timezone(text) is None
