"""The free-text reader: event, horizon and outlook from a person's own words."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from hedging.models import Concern, Outlook
from hedging.text import (
    ParsedIntent,
    parse_budget,
    parse_concern,
    parse_horizon,
    parse_intent,
    parse_outlook,
)

WEDNESDAY_NOON = datetime(2026, 11, 25, 12)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        ("worried about FOMC", Concern.FOMC),
        ("the Fed meeting next week", Concern.FOMC),
        ("Powell speaks", Concern.FOMC),
        ("CPI print on Thursday", Concern.CPI),
        ("inflation data", Concern.CPI),
        ("NVDA earnings", Concern.EARNINGS),
        ("a big token unlock", Concern.TOKEN_UNLOCK),
        ("SOL unlocks soon", Concern.TOKEN_UNLOCK),
        ("regulation news", Concern.REGULATORY),
        ("the SEC lawsuit", Concern.REGULATORY),
        ("nothing specific", Concern.GENERAL),
        ("2 BTC and 10 ETH", None),
        ("🚀🚀", None),
    ],
)
def test_concern(text: str, concern: Concern | None) -> None:
    assert parse_concern(text) == concern


@pytest.mark.parametrize(
    ("text", "outlook"),
    [
        ("want to keep some upside", Outlook.INSURANCE),
        ("like insurance", Outlook.INSURANCE),
        ("I expect a crash", Outlook.BIG_DROP),
        ("expect a drop", Outlook.BIG_DROP),
        ("bearish", Outlook.BIG_DROP),
        ("not sure", Outlook.UNSURE),
        ("I don't know", Outlook.UNSURE),
        ("reduce risk", Outlook.UNSURE),
        ("2 BTC", None),
    ],
)
def test_outlook(text: str, outlook: Outlook | None) -> None:
    assert parse_outlook(text) == outlook


@pytest.mark.parametrize(
    ("text", "days", "event_in_days"),
    [
        ("for a week", 7, None),
        ("3 days", 3, None),
        ("two weeks", 14, None),
        ("a couple of weeks", 14, None),
        ("48h", 2, None),
        ("12 hours", 1, None),
        ("for a month", 30, None),
        ("0 days", 0, None),
        ("until Friday", 2, None),
        ("till monday", 5, None),
        ("FOMC on Wednesday", 8, 7),
        ("CPI on Thursday", 2, 1),
        ("tomorrow", 1, 1),
        ("CPI on Dec 10", 16, 15),
        ("2026-12-31", 37, 36),
        ("2 BTC and 10 ETH", None, None),
        ("I hold 2 BTC and 10 ETH", None, None),
    ],
)
def test_horizon(text: str, days: float | None, event_in_days: int | None) -> None:
    expected_event = (
        WEDNESDAY_NOON + timedelta(days=event_in_days) if event_in_days is not None else None
    )
    assert parse_horizon(text, WEDNESDAY_NOON) == (days, expected_event)


def test_the_founders_example_sentence() -> None:
    text = "I hold 2 BTC and 10 ETH, worried about FOMC on Wednesday, want to keep some upside"
    assert parse_intent(text, WEDNESDAY_NOON) == ParsedIntent(
        concern=Concern.FOMC,
        horizon_days=8,
        event_at=WEDNESDAY_NOON + timedelta(days=7),
        outlook=Outlook.INSURANCE,
    )


def test_a_huge_text_is_read_only_up_to_its_limit() -> None:
    assert parse_intent("blah " * 10_000 + "CPI", WEDNESDAY_NOON) == ParsedIntent()


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("spend at most $500", 500.0),
        ("budget of $2k", 2000.0),
        ("under $1,500 please", 1500.0),
        ("no more than $0.5k", 500.0),
        ("I hold $500k of SPY", None),
        ("2 BTC", None),
    ],
)
def test_budget(text: str, budget: float | None) -> None:
    assert parse_budget(text) == budget
