"""absorb(): what one typed message adds to the hedge draft, and what it refuses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.features.hedge.conversation import absorb
from bot.features.hedge.draft import Draft
from hedging.errors import HedgeInputError
from hedging.language.holdings import holding_fragment, holding_problem
from tests.e2e.test_bad_input import BAD_INPUTS

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def test_one_sentence_fills_every_field_it_names() -> None:
    draft: Draft = {}

    found = absorb("I hold 2 BTC, worried about FOMC, for a week, not sure", draft, NOW)

    assert found == {"holdings", "concern", "horizon_days", "outlook"}
    assert [(h["symbol"], h["quantity"]) for h in draft["holdings"]] == [("BTC", 2.0)]
    assert (draft["concern"], draft["horizon_days"], draft["outlook"]) == ("fomc", 7, "unsure")


def test_a_negative_amount_is_refused_with_a_sentence() -> None:
    with pytest.raises(HedgeInputError, match="negative"):
        absorb("-2 BTC", {}, NOW)


@pytest.mark.parametrize(
    "kind", ["nonsense", "emoji", "script in a ticker", "html in a ticker", "unknown ticker"]
)
def test_text_with_nothing_usable_adds_nothing_to_the_draft(kind: str) -> None:
    draft: Draft = {"concern": "cpi"}

    assert absorb(BAD_INPUTS[kind], draft, NOW) == set()
    assert draft == {"concern": "cpi"}


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("zero size", "must be more than zero"),
        ("unknown ticker", "I don't have a price for XYZQ"),
        ("unknown ticker in a sentence", "I don't have a price for BTCX"),
    ],
)
def test_a_holding_shaped_text_that_cannot_be_read_says_why(kind: str, reason: str) -> None:
    fragment = holding_fragment(BAD_INPUTS[kind])

    assert fragment is not None
    assert reason in (holding_problem(fragment) or "")


def test_an_astronomic_size_is_refused_as_input_not_as_a_crash() -> None:
    with pytest.raises(HedgeInputError):
        absorb(BAD_INPUTS["astronomic size"], {}, NOW)
