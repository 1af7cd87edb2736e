import json
import subprocess
import sys

import pytest

from bot.cli import main

PLAN_KEYS = {
    "kind",
    "legs",
    "hedge_ratio",
    "leverage",
    "margin_usd",
    "liquidation_price_usd",
    "costs",
    "scenarios",
}
LEG_KEYS = {"symbol", "instrument", "side", "quantity", "notional_usd"}
COST_KEYS = {"fees_usd", "funding_usd", "premium_usd", "total_usd"}
SCENARIO_KEYS = {"move", "unhedged_pnl_usd", "hedged_pnl_usd", "net_pnl_usd"}
OPTION_KEYS = {"strike_usd", "expiry_days", "implied_vol", "rate", "premium_per_unit_usd"}
CORRELATION_KEYS = {"rho", "vol_asset", "vol_hedge", "hedge_ratio", "effectiveness"}


def run_json(capsys, *args):
    assert main(["plan", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_output_has_every_key_the_issue_lists(capsys):
    output = run_json(capsys, "2 BTC")

    assert output["recommended"] in {"full", "partial", "options", "correlated"}
    assert 1 <= len(output["reasons"]) <= 3
    assert output["portfolio"]["value_usd"] > 0
    assert {"source", "as_of"} <= set(output["market"])
    assert sorted(plan["kind"] for plan in output["plans"]) == sorted(
        ["full", "partial", "options", "correlated"]
    )
    for plan in output["plans"]:
        assert set(plan) >= PLAN_KEYS
        assert set(plan["costs"]) >= COST_KEYS
        assert [set(s) >= SCENARIO_KEYS for s in plan["scenarios"]] == [True] * 9
        for leg in plan["legs"]:
            assert set(leg) >= LEG_KEYS
            if leg["instrument"] == "perpetual":
                assert (leg["funding_rate"], leg["funding_interval_hours"]) == (0.0001, 8)
        if plan["kind"] == "options":
            assert set(plan["options"]) >= OPTION_KEYS
        if plan["kind"] == "correlated":
            assert set(plan["correlation"]) >= CORRELATION_KEYS


@pytest.mark.parametrize("mode", [[], ["--margin-mode", "cross"], ["--margin-mode", "portfolio"]])
def test_the_guides_scenario_from_the_command_line_in_every_margin_mode(capsys, mode):
    output = run_json(
        capsys,
        *mode,
        "2 BTC",
        "--price",
        "BTC=50000",
        "--kind",
        "partial",
        "--ratio",
        "0.5",
        "--leverage",
        "2",
        "--taker-fee",
        "0.04%",
    )
    (plan,) = output["plans"]
    by_move = {s["move"]: s["hedged_pnl_usd"] for s in plan["scenarios"]}

    assert (plan["legs"][0]["quantity"], plan["margin_usd"]) == (1.0, 25_000.0)
    assert plan["costs"]["fees_usd"] == pytest.approx(40.0)
    assert (by_move[-0.1], by_move[0.1]) == (-5_000.0, 5_000.0)


def test_holdings_may_be_given_as_separate_words(capsys):
    output = run_json(capsys, "2", "BTC", "10", "ETH", "--kind", "full")

    assert [(h["symbol"], h["quantity"]) for h in output["portfolio"]["holdings"]] == [
        ("BTC", 2.0),
        ("ETH", 10.0),
    ]


def test_a_symbol_unknown_to_the_snapshot_can_be_priced_with_price(capsys):
    output = run_json(capsys, "10 XYZ", "--price", "XYZ=25", "--kind", "full")

    position = output["portfolio"]["positions"][0]
    assert (position["symbol"], position["value_usd"], position["price_source"]) == (
        "XYZ",
        250.0,
        "you",
    )


def test_the_human_table_names_the_recommendation_and_every_plan(capsys):
    assert main(["plan", "$500k SPY"]) == 0
    text = capsys.readouterr().out

    assert "Recommended: partial" in text
    assert [kind in text for kind in ("full", "partial", "options", "correlated")] == [True] * 4
    assert "not financial advice" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["hello"],
            'I couldn\'t read a holding there. Try something like "2 BTC", "$500k SPY" '
            'or "1,000 SOL @ 150".',
        ),
        (["10 XYZ"], 'I don\'t have a price for XYZ. Add one, like "10 XYZ @ 25".'),
        (["2 BTC", "--leverage", "200"], "Leverage must be at most 125."),
        (["2 BTC", "--days", "0"], "The horizon in days must be at least 1."),
        (["2 BTC", "--days", "400"], "The horizon in days must be at most 365."),
        (["2 BTC", "--ratio", "1.5"], "The hedge ratio must be at most 1."),
        (["2 BTC", "--ratio", "nan"], "The hedge ratio must be a finite number."),
    ],
)
def test_bad_input_prints_one_line_and_exits_2(capsys, args, message):
    assert main(["plan", *args]) == 2
    captured = capsys.readouterr()

    assert captured.out == ""
    assert captured.err == f"hedgebot plan: {message}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2 BTC", "--price", "BTC"], "argument --price: expected SYMBOL=PRICE"),
        (["2 BTC", "--price", "BTC=-5"], "argument --price: expected SYMBOL=PRICE"),
        (["2 BTC", "--kind", "all"], "argument --kind: invalid choice: 'all'"),
        (["2 BTC", "--leverage", "lots"], "argument --leverage: invalid float value: 'lots'"),
    ],
)
def test_malformed_options_print_one_line_and_exit_2(capsys, args, message):
    with pytest.raises(SystemExit) as raised:
        main(["plan", *args])
    error = capsys.readouterr().err

    assert raised.value.code == 2
    assert error.startswith(f"hedgebot plan: {message}")
    assert error.count("\n") == 1


def test_planning_imports_no_heavy_library():
    script = (
        "import sys, io, contextlib\n"
        "from bot.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['plan', '2 BTC'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'scipy', 'numpy', 'matplotlib', 'ccxt', 'telegram', 'httpx', 'dateparser'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "[]"


def headline_and_modes(plan):
    by_mode = {outcome["mode"]: outcome for outcome in plan["margin_modes"]}
    return by_mode[plan["margin_mode"]], by_mode


@pytest.mark.parametrize("mode", ["isolated", "cross", "portfolio"])
def test_margin_mode_sets_the_mode_whose_liquidation_the_plan_reports(capsys, mode):
    (plan,) = run_json(capsys, "2 BTC", "--kind", "full", "--margin-mode", mode)["plans"]
    headline, by_mode = headline_and_modes(plan)

    assert plan["margin_mode"] == mode
    assert set(by_mode) == {"isolated", "cross", "portfolio"}
    assert plan["liquidation_price_usd"] == headline["liquidation_price_usd"]
    assert plan["liquidation_distance_pct"] == headline["liquidation_distance_pct"]


def test_without_margin_mode_the_plan_reports_isolated_margin(capsys):
    (plan,) = run_json(capsys, "2 BTC", "--kind", "full")["plans"]

    assert plan["margin_mode"] == "isolated"


def test_a_bigger_cross_wallet_pushes_liquidation_further_up(capsys):
    def cross_liquidation(wallet):
        args = ("2 BTC", "--kind", "full", "--margin-mode", "cross", "--wallet-usd", wallet)
        (plan,) = run_json(capsys, *args)["plans"]
        headline, _ = headline_and_modes(plan)
        assert headline["wallet_usd"] == float(wallet.rstrip("k")) * 1000
        return plan["liquidation_price_usd"], plan["liquidation_distance_pct"]

    small, large = cross_liquidation("60k"), cross_liquidation("150k")

    assert small[0] < large[0]
    assert 0 < small[1] < large[1]


def test_portfolio_margin_puts_a_one_to_one_hedge_far_beyond_isolated(capsys):
    def distance(mode):
        (plan,) = run_json(capsys, "2 BTC", "--kind", "full", "--margin-mode", mode)["plans"]
        return plan["liquidation_distance_pct"]

    portfolio = distance("portfolio")
    assert portfolio is None or portfolio > 5 * distance("isolated")


def test_instrument_quarterly_shorts_a_dated_future_and_charges_its_basis(capsys):
    output = run_json(capsys, "2 BTC", "--kind", "full", "--instrument", "quarterly")
    (plan,) = output["plans"]
    (leg,) = plan["legs"]
    days = output["intent"]["horizon_days"]

    assert leg["instrument"] == "quarterly_future"
    assert leg["annual_basis"] > 0  # contango: the short is paid the basis
    # by hand: -notional x annual basis x days / 365
    assert plan["costs"]["basis_usd"] == pytest.approx(
        -leg["notional_usd"] * leg["annual_basis"] * days / 365
    )
    assert plan["costs"]["funding_usd"] == 0


def test_instrument_perpetual_shorts_the_perpetual_and_pays_no_basis(capsys):
    (plan,) = run_json(capsys, "2 BTC", "--kind", "full", "--instrument", "perpetual")["plans"]

    assert [leg["instrument"] for leg in plan["legs"]] == ["perpetual"]
    assert plan["costs"]["basis_usd"] == 0


def test_instrument_inverse_shorts_a_coin_margined_contract(capsys):
    (plan,) = run_json(capsys, "2 BTC", "--kind", "full", "--instrument", "inverse")["plans"]

    assert [leg["coin_margined"] for leg in plan["legs"]] == [True]


def test_venue_picks_that_venue_for_the_short(capsys):
    (plan,) = run_json(capsys, "2 BTC", "--kind", "full", "--venue", "bybit")["plans"]

    assert [leg["venue"] for leg in plan["legs"]] == ["Bybit"]
    assert {outcome["formula"] for outcome in plan["margin_modes"]} >= {"bybit"}


def test_stock_options_are_american_with_an_implied_vol_per_strike(capsys):
    output = run_json(capsys, "1000 AAPL", "--kind", "options")
    (plan,) = output["plans"]
    strikes = sorted(plan["option_strikes"], key=lambda strike: strike["strike_usd"])

    assert plan["options"]["model"] == "american"
    assert len({strike["implied_vol"] for strike in strikes}) == len(strikes) > 1
    assert strikes[0]["implied_vol"] > strikes[-1]["implied_vol"]  # the skew
    assert plan["costs"]["spread_usd"] > 0  # bought at the ask


def test_the_human_table_shows_the_margin_mode_and_the_instrument(capsys):
    args = ["plan", "2 BTC", "--kind", "full", "--margin-mode", "cross", "--instrument"]
    assert main([*args, "quarterly"]) == 0
    text = capsys.readouterr().out

    assert "margin mode" in text and "cross" in text
    assert "dated future" in text
    assert "Liquidation by margin mode" in text
    assert "Funding beside basis" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--margin-mode", "hedged"], "argument --margin-mode: invalid choice: 'hedged'"),
        (["--wallet-usd", "0"], "argument --wallet-usd: expected a dollar amount above 0"),
        (["--wallet-usd", "lots"], "argument --wallet-usd: expected a dollar amount above 0"),
        (["--venue", "b!nance"], "argument --venue: expected a venue name"),
        (["--instrument", "spot"], "argument --instrument: invalid choice: 'spot'"),
    ],
)
def test_bad_margin_and_instrument_flags_print_one_line_and_exit_2(capsys, args, message):
    with pytest.raises(SystemExit) as raised:
        main(["plan", "2 BTC", *args])
    error = capsys.readouterr().err

    assert raised.value.code == 2
    assert error.startswith(f"hedgebot plan: {message}")
    assert error.count("\n") == 1
