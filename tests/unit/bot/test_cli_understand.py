"""`hedgebot understand`: the JSON keys are a contract, for messages and for reminder times."""

import io
import json
import sys

import pytest

from bot.cli import main

NOW = "2026-12-01T10:00:00+00:00"  # a Tuesday; the calendar's next FOMC is Wed 9 Dec
CONTRACT = [
    "holdings", "unpriced", "prices_usd", "concern", "event_at", "horizon_days", "outlook",
    "max_cost_usd", "route", "error",
]  # fmt: skip
HOLDING_KEYS = ["symbol", "quantity", "value_usd", "price_usd", "cost_basis_usd", "proxy_for"]


def understood(capsys, *args: str) -> dict:
    assert main(["understand", *args, "--now", NOW, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_json_object_starts_with_exactly_the_contract_keys_in_order(capsys):
    output = understood(capsys, "I hold 2 BTC and 10 ETH, worried about FOMC on Wednesday")

    assert list(output)[: len(CONTRACT)] == CONTRACT
    assert [list(holding) for holding in output["holdings"]] == [HOLDING_KEYS, HOLDING_KEYS]


def test_the_start_example_reads_the_calendars_fomc_and_says_so_in_a_note(capsys):
    output = understood(capsys, "I hold 2 BTC and 10 ETH, worried about FOMC on Wednesday")

    assert output["route"] == "plan" and output["concern"] == "fomc"
    assert output["event_at"].startswith("2026-12-09")
    assert any("calendar" in note for note in output["notes"])


def test_a_dollar_size_leaves_quantity_null_and_names_the_proxy(capsys):
    output = understood(capsys, "$500,000 in US stocks")

    (holding,) = output["holdings"]
    assert holding["symbol"] == "SPY" and holding["quantity"] is None
    assert holding["value_usd"] == 500_000 and holding["proxy_for"] == "US stocks"
    assert output["prices_usd"]["SPY"] > 0


def test_an_unpriced_asset_is_listed_not_dropped(capsys):
    output = understood(capsys, "2 BTC and 5000 LINK")

    assert [h["symbol"] for h in output["holdings"]] == ["BTC"]
    assert output["unpriced"] == ["LINK"]


@pytest.mark.parametrize(
    ("text", "route"), [("what is a put option?", "question"), ("-2 BTC", "error")]
)
def test_the_route_says_plan_question_or_error_with_the_reply_for_an_error(capsys, text, route):
    output = understood(capsys, text)

    assert output["route"] == route
    assert (output["error"] is not None) == (route == "error")


def test_stdin_gives_one_json_object_a_line(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("2 BTC\nhi\n"))

    assert main(["understand", "-", "--now", NOW]) == 0
    lines = capsys.readouterr().out.splitlines()

    assert [json.loads(line)["route"] for line in lines] == ["plan", "question"]


def test_without_json_a_short_summary_is_printed(capsys):
    assert main(["understand", "300k in IWM, cap it at 2k", "--now", NOW]) == 0
    text = capsys.readouterr().out

    assert "route: plan" in text and "IWM $300,000" in text and "budget: $2,000" in text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["7pm sunday", "--tz", "Europe/Berlin"], {"due": "2026-12-06T19:00:00+01:00"}),
        (["in 2 hours"], {"due": "2026-12-01T12:00:00+00:00"}),
        (["yesterday"], {"error": "past"}),
        (["in 2 years"], {"error": "too_far"}),
        (["whenever"], {"error": "unreadable"}),
        (["tomorrow morning"], {"ask": "morning"}),
        (["tomorrow morning", "--morning", "07:30"], {"due": "2026-12-02T07:30:00+00:00"}),
        (["5/12"], {"ask": "date_order"}),
        (
            ["after the event", "--event-at", "2026-12-09T19:00:00+00:00"],
            {"due": "2026-12-09T21:00:00+00:00"},
        ),
        (
            ["when the hedge ends", "--horizon-end", "2026-12-21T08:00:00+00:00"],
            {"due": "2026-12-21T08:00:00+00:00"},
        ),
    ],
)
def test_when_returns_one_of_due_error_or_ask_with_a_message(capsys, args, expected):
    output = understood(capsys, "--when", *args)

    assert set(output) == {next(iter(expected)), "message"}
    assert output[next(iter(expected))] == next(iter(expected.values()))
    assert output["message"]


def test_an_unknown_timezone_is_refused_with_a_clear_line(capsys):
    assert main(["understand", "2 BTC", "--tz", "Atlantis"]) == 2
    assert "unknown timezone" in capsys.readouterr().err
