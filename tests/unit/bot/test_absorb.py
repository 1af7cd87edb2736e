"""read_message() and absorb(): what one typed message says, and what it adds to the hedge draft."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.features.hedge.draft import Draft, absorb, fill_defaults
from bot.features.hedge.reading import read_message, scheduled_event
from hedging.models import Concern
from tests.e2e.test_bad_input import BAD_INPUTS

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # a Tuesday; next FOMC Wed 9 Dec, CPI Thu 10 Dec
FOMC = datetime(2026, 12, 9, 19, 0, tzinfo=UTC)


def read(text: str, tz: str = "UTC"):  # type: ignore[no-untyped-def]
    return read_message(text, now=NOW, tz=tz)


def test_one_sentence_fills_every_field_it_names() -> None:
    draft: Draft = {}

    found = absorb(read("I hold 2 BTC, worried about FOMC, for a week, not sure"), draft, NOW)

    assert found == {"holdings", "concern", "horizon_days", "outlook"}
    assert [(h["symbol"], h["quantity"]) for h in draft["holdings"]] == [("BTC", 2.0)]
    assert (draft["concern"], draft["horizon_days"], draft["outlook"]) == ("fomc", 7, "unsure")
    assert draft["event_at"] == FOMC.isoformat()


def test_an_fomc_on_the_wrong_day_takes_the_calendars_date_and_says_so() -> None:
    reading = read("2 BTC, worried about FOMC on Wednesday")

    assert reading.event_at == FOMC
    assert reading.notes == [
        "You said Wed 2 Dec; the calendar has the FOMC decision on Wed 9 Dec, so I used that date."
    ]


def test_an_event_with_no_horizon_is_hedged_until_a_day_after_it() -> None:
    reading = read("2 BTC, FOMC")

    assert (reading.event_at, reading.horizon_days, reading.notes) == (FOMC, 10.0, [])


def test_a_stated_horizon_is_kept_even_when_it_ends_before_the_event() -> None:
    assert read("2 BTC, FOMC, for 3 days").horizon_days == 3.0


def test_a_tapped_event_is_the_calendars_next_one_and_an_unscheduled_kind_has_none() -> None:
    assert scheduled_event(Concern.FOMC, NOW) == (FOMC, 10.0)
    assert scheduled_event(Concern.EARNINGS, NOW) == (None, None)


def test_an_asset_without_a_price_next_to_a_priced_one_is_named_not_dropped() -> None:
    reading = read("I hold 2 BTC and 100 FOOCOIN")

    assert [h.symbol for h in reading.holdings] == ["BTC"]
    assert reading.unpriced == ["FOOCOIN"]
    assert reading.route == "plan"


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("negative size", "An amount can't be negative"),
        ("astronomic size", "worth more than all the money in the world"),
        ("zero size", "must be more than zero"),
        ("unknown ticker", "I have no price for XYZQ"),
        ("unknown ticker in a sentence", "I have no price for BTCX"),
    ],
)
def test_a_holding_shaped_text_that_cannot_be_read_is_an_error_saying_why(
    kind: str, reason: str
) -> None:
    reading = read(BAD_INPUTS[kind])

    assert reading.route == "error"
    assert reason in (reading.error or "")


@pytest.mark.parametrize("text", ["what is funding?", "asdf qwer zxcv", "🚀🚀🌕"])
def test_text_with_no_holding_is_a_question(text: str) -> None:
    assert read(text).route == "question"


@pytest.mark.parametrize("kind", ["nonsense", "emoji", "script in a ticker", "html in a ticker"])
def test_text_with_nothing_usable_adds_nothing_to_the_draft(kind: str) -> None:
    draft: Draft = {"concern": "cpi"}

    assert absorb(read(BAD_INPUTS[kind]), draft, NOW) == set()
    assert draft == {"concern": "cpi", "assumed": []}


def test_the_guided_flow_still_asks_a_horizon_that_only_follows_from_the_event() -> None:
    guided: Draft = {"guided": True}
    free: Draft = {}

    assert absorb(read("CPI"), guided, NOW) == {"concern"}
    assert absorb(read("CPI"), free, NOW) == {"concern", "horizon_days"}


def test_missing_inputs_take_the_cores_defaults_and_are_remembered_as_assumed() -> None:
    draft: Draft = {"holdings": [{"symbol": "BTC", "quantity": 2}], "outlook": "big_drop"}

    fill_defaults(draft)

    assert (draft["concern"], draft["horizon_days"], draft["outlook"]) == ("general", 7, "big_drop")
    assert draft["assumed"] == ["concern", "horizon"]


def test_an_answer_clears_the_assumption_it_replaces() -> None:
    draft: Draft = {"assumed": ["concern", "horizon", "outlook"]}

    absorb(read("expect a crash"), draft, NOW)

    assert draft["assumed"] == ["concern", "horizon"]
