"""The purpose readers: the event feared, the outlook, the budget and the horizon."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from hedging.language.horizons import read_day, read_horizon
from hedging.language.intent import read_budget, read_concern, read_outlook
from hedging.language.tokens import clean
from hedging.language.understand import ParsedIntent, parse_intent
from hedging.models import Concern, Outlook

WEDNESDAY = date(2026, 11, 25)
WEDNESDAY_NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        ("worried about FOMC", Concern.FOMC),
        ("the Fed meeting next week", Concern.FOMC),
        ("Powell speaks", Concern.FOMC),
        ("rate decision coming", Concern.FOMC),
        ("CPI print on Thursday", Concern.CPI),
        ("inflation data", Concern.CPI),
        ("NVDA earnings", Concern.EARNINGS),
        ("a big token unlock", Concern.TOKEN_UNLOCK),
        ("SOL unlocks soon", Concern.TOKEN_UNLOCK),
        ("the SEC lawsuit", Concern.REGULATORY),
        ("ETF decision on XRP coming", Concern.REGULATORY),
        ("nothing specific", Concern.GENERAL),
        ("I'm fed up with this market", None),
        ("eth fell off a cliff last week", None),
        ("2 BTC and 10 ETH", None),
        ("🚀🚀", None),
    ],
)
def test_the_event_feared_is_read_from_its_usual_names(text: str, concern: Concern | None) -> None:
    assert read_concern(clean(text)) == concern


@pytest.mark.parametrize(
    ("text", "outlook"),
    [
        ("want to keep some upside", Outlook.INSURANCE),
        ("like insurance", Outlook.INSURANCE),
        ("don't want to cap my gains", Outlook.INSURANCE),
        ("I expect a crash", Outlook.BIG_DROP),
        ("scared of a 30% drop", Outlook.BIG_DROP),
        ("gonna tank", Outlook.BIG_DROP),
        ("bearish", Outlook.BIG_DROP),
        ("dont wanna get rekt", Outlook.BIG_DROP),
        ("afraid of a bloodbath", Outlook.BIG_DROP),
        ("no idea which way", Outlook.UNSURE),
        ("could go either way", Outlook.UNSURE),
        ("I don't know", Outlook.UNSURE),
        ("2 BTC", None),
    ],
)
def test_the_outlook_is_read_from_plain_words_and_slang(text: str, outlook: Outlook | None) -> None:
    assert read_outlook(clean(text)) == outlook


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("no more than $600 on this", 600.0),
        ("budget 150 dollars", 150.0),
        ("cap it at 2k", 2000.0),
        ("spend at most $500", 500.0),
        ("budget of $2k", 2000.0),
        ("under $1,500 please", 1500.0),
        ("budget maybe 300 bucks", 300.0),
        ("budget around $500", 500.0),
        ("I hold $500k of SPY", None),
        ("2 BTC", None),
    ],
)
def test_the_budget_is_the_most_the_user_will_spend(text: str, budget: float | None) -> None:
    assert read_budget(clean(text)) == budget


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("for a week", 7),
        ("3 days", 3),
        ("for six weeks", 42),
        ("a couple of weeks", 14),
        ("48h", 2),
        ("12 hours", 1),
        ("for a month", 30),
        ("a fortnight", 14),
        ("overnight", 1),
        ("until Friday", 2),
        ("till monday", 5),
        ("over the weekend", 4),
        ("until the end of the month", 5),
        ("till the 20th", 25),
        ("I bought it 2 years ago", None),
        ("had 5 eth since 2020", None),
        ("2 BTC and 10 ETH", None),
    ],
)
def test_a_horizon_is_read_only_where_one_is_stated(text: str, days: float | None) -> None:
    assert read_horizon(clean(text), WEDNESDAY) == days


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("on Wednesday", date(2026, 12, 2)),
        ("dec 9", date(2026, 12, 9)),
        ("the 16th", date(2026, 12, 16)),
        ("next month", date(2026, 12, 1)),
        ("march", date(2027, 3, 1)),
        ("nothing here", None),
    ],
)
def test_the_day_a_message_names_is_the_next_one_ahead(text: str, day: date | None) -> None:
    assert read_day(text, WEDNESDAY) == day


def test_the_founders_example_takes_the_calendars_fomc_not_the_wednesday_typed() -> None:
    text = "I hold 2 BTC and 10 ETH, worried about FOMC on Wednesday, want to keep some upside"
    intent = parse_intent(text, WEDNESDAY_NOON)
    assert intent.concern is Concern.FOMC and intent.outlook is Outlook.INSURANCE
    assert intent.event_at is not None and intent.event_at.date() == date(2026, 12, 9)


def test_a_huge_text_is_read_only_up_to_its_limit() -> None:
    assert parse_intent("blah " * 10_000 + "CPI", WEDNESDAY_NOON) == ParsedIntent()
