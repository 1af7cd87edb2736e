"""The plain-text table `hedgebot plan` prints: plans side by side, scenarios, notes, venues."""

from __future__ import annotations

from bot.ui.numbers import pct, qty, signed_usd, usd
from hedging.models import Leg, MarginOutcome, Plan, Position, Recommendation, Side
from hedging.plans.common import INSTRUMENT_NAMES

DISCLAIMER = "For education only, not financial advice. Hedgebot never places trades."


def _leg(leg: Leg) -> str:
    verb = {
        Side.SHORT: "short",
        Side.LONG: "buy",
        Side.BUY_PUT: "buy",
        Side.SELL_CALL: "sell",
        Side.SELL_PUT: "sell",
    }
    what = INSTRUMENT_NAMES[leg.instrument]
    if leg.coin_margined:
        what = f"coin-margined {what}"
    if leg.side in (Side.BUY_PUT, Side.SELL_PUT):
        what = f"{usd(leg.strike_usd or 0)} put"
    elif leg.side is Side.SELL_CALL:
        what = f"{usd(leg.strike_usd or 0)} call"
    size = qty(leg.quantity, leg.symbol)
    if leg.contracts is not None and leg.contract_size is not None:
        size = f"{leg.contracts:g} x {qty(leg.contract_size, leg.symbol)}"
    return f"{verb[leg.side]} {size} {what}"


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(
        cell.ljust(width) if index == 0 else cell.rjust(width)
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
    ).rstrip()


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [_row(row, widths) for row in rows]


def _price_origin(position: Position) -> str:
    if position.price_source == "you":
        return "your price"
    if position.price_age_hours is None:
        return position.price_source
    hours = position.price_age_hours
    age = f"{hours:.0f} h" if hours < 48 else f"{hours / 24:.0f} days"
    return f"snapshot, {age} old"


def _liquidation(plan: Plan) -> str:
    if plan.liquidation_price_usd is None:
        return "-"
    return f"{plan.liquidation_symbol or ''} {usd(plan.liquidation_price_usd)}".strip()


def _distance(plan: Plan) -> str:
    distance, sigmas = plan.liquidation_distance_pct, plan.liquidation_distance_sigmas
    if distance is None or sigmas is None:
        return "-"
    return f"{pct(distance, signed=True)} / {sigmas:.1f} sd"


def _instrument(plan: Plan) -> str:
    names = {INSTRUMENT_NAMES[leg.instrument] for leg in plan.legs}
    return "/".join(sorted(names)) or "-"


def _mode(plan: Plan) -> str:
    return plan.margin_mode.value if plan.margin_mode is not None else "-"


def _cost_rows(plans: list[Plan]) -> list[list[str]]:
    rows = [["", *[plan.kind.value for plan in plans]]]
    rows.append(["hedge ratio", *[pct(plan.hedge_ratio) for plan in plans]])
    rows.append(["leverage", *[f"{plan.leverage:g}x" for plan in plans]])
    rows.append(["instrument", *[_instrument(plan) for plan in plans]])
    rows.append(["margin mode", *[_mode(plan) for plan in plans]])
    rows.append(["margin", *[usd(plan.margin_usd) for plan in plans]])
    rows.append(["liquidation", *[_liquidation(plan) for plan in plans]])
    rows.append(["  distance", *[_distance(plan) for plan in plans]])
    rows.append(["fees", *[usd(plan.costs.fees_usd) for plan in plans]])
    rows.append(["funding/carry", *[signed_usd(plan.costs.funding_usd) for plan in plans]])
    rows.append(["basis", *[signed_usd(plan.costs.basis_usd) for plan in plans]])
    rows.append(["premium (mid)", *[usd(plan.costs.premium_usd) for plan in plans]])
    rows.append(["spread", *[usd(plan.costs.spread_usd) for plan in plans]])
    rows.append(["slippage", *[usd(plan.costs.slippage_usd) for plan in plans]])
    rows.append(["total cost", *[signed_usd(plan.costs.total_usd) for plan in plans]])
    rows.append(["upside given up", *[usd(plan.upside_given_up_usd) for plan in plans]])
    return rows


def _scenario_rows(recommendation: Recommendation) -> list[list[str]]:
    plans = recommendation.plans
    moves = [scenario.move for scenario in plans[0].scenarios]
    rows = [["move", *[pct(move, signed=True) for move in moves]]]
    rows.append(["unhedged", *[signed_usd(s.unhedged_pnl_usd) for s in plans[0].scenarios]])
    for plan in plans:
        rows.append([plan.kind.value, *[signed_usd(s.net_pnl_usd) for s in plan.scenarios]])
    return rows


def _liquidation_range(outcome: MarginOutcome) -> str:
    price, low = outcome.liquidation_price_usd, outcome.liquidation_low_usd
    if price is None:
        return "none on a rise"
    return f"{usd(low)} - {usd(price)}" if low is not None and low < price else usd(price)


def margin_mode_lines(plan: Plan) -> list[str]:
    """Every margin mode's liquidation side by side, the plan's own marked with *."""
    if not plan.margin_modes:
        return []
    rows = [["  margin mode", "wallet", "liquidation (range)", "distance"]]
    for outcome in plan.margin_modes:
        distance, sigmas = outcome.liquidation_distance_pct, outcome.liquidation_distance_sigmas
        away = "-" if distance is None else f"{pct(distance, signed=True)}"
        if distance is not None and sigmas is not None:
            away += f" / {sigmas:.1f} sd"
        mark = "*" if outcome.mode is plan.margin_mode else " "
        rows.append(
            [
                f"{mark} {outcome.mode.value}",
                usd(outcome.wallet_usd),
                _liquidation_range(outcome),
                away,
            ]
        )
    return ["  Liquidation by margin mode (venue formula; the venue's own figure may differ):"] + [
        f"  {line}" for line in _table(rows)
    ]


def carry_lines(plan: Plan) -> list[str]:
    """Perpetual funding beside the quarterly basis for the same short (+ = you pay)."""
    if not plan.carry_quotes:
        return []
    rows = [["  instrument", "venue", "a year", "funding", "basis", "fees", "total"]]
    for quote in plan.carry_quotes:
        rows.append(
            [
                f"{'*' if quote.chosen else ' '} {INSTRUMENT_NAMES[quote.instrument]}",
                quote.venue or "-",
                pct(quote.annual_rate, signed=True),
                signed_usd(quote.funding_usd),
                signed_usd(quote.basis_usd),
                usd(quote.fees_usd + quote.slippage_usd),
                signed_usd(quote.total_usd),
            ]
        )
    return ["  Funding beside basis over the horizon (* = chosen):"] + [
        f"  {line}" for line in _table(rows)
    ]


def plan_table(recommendation: Recommendation) -> str:
    """Everything a person needs to compare the four hedges, in plain text."""
    portfolio, market = recommendation.portfolio, recommendation.market
    held = ", ".join(
        f"{qty(p.quantity, p.symbol)} @ {usd(p.price_usd)} ({_price_origin(p)})"
        for p in portfolio.positions
    )
    days = recommendation.intent.horizon_days
    lines = [
        f"Holding {held}: {usd(portfolio.value_usd)} in all. Horizon {days:g} days.",
        f"Market data: {market.source}, as of {market.as_of:%Y-%m-%d %H:%M} UTC.",
        "",
        f"Recommended: {recommendation.recommended.value}",
        *[f"  - {reason}" for reason in recommendation.reasons],
        "",
    ]
    for plan in recommendation.plans:
        state = "" if plan.available else " (not available)"
        legs = "; ".join(_leg(leg) for leg in plan.legs) or "nothing to trade"
        venues = ", ".join(venue.name for venue in plan.venues)
        lines.append(f"{plan.kind.value}{state}: {legs}" + (f" [{venues}]" if venues else ""))
    lines += ["", "Costs (positive = you pay, negative = you receive):"]
    lines += _table(_cost_rows(recommendation.plans))
    lines += ["", f"P&L at the horizon after all costs, if prices move by (in {days:g} days):"]
    lines += _table(_scenario_rows(recommendation))
    for plan in recommendation.plans:
        extra = list(plan.notes)
        if plan.options is not None:
            o = plan.options
            extra.append(
                f"Put {usd(o.strike_usd)} expiring in {o.expiry_days:.1f} days: "
                f"{usd(o.premium_per_unit_usd)} per unit at {pct(o.implied_vol)} vol; worst case "
                f"{usd(-o.worst_case_loss_usd)}, breakeven {usd(o.breakeven_usd)}."
            )
        if plan.collar is not None:
            collar = plan.collar
            extra.append(
                f"Collar: sell the {usd(collar.call_strike_usd)} call to pay for the put; net "
                f"premium {signed_usd(collar.net_premium_usd)}, gains stop at "
                f"{usd(collar.capped_above_usd)}."
            )
        if plan.put_spread is not None:
            spread = plan.put_spread
            extra.append(
                f"Put spread: buy the {usd(spread.long_strike_usd)} put, sell the "
                f"{usd(spread.short_strike_usd)} put; net premium "
                f"{signed_usd(spread.net_premium_usd)} (+{usd(spread.spread_usd)} spread), floor "
                f"{usd(spread.floor_usd)} down to {usd(spread.short_strike_usd)} (gap "
                f"{usd(spread.gap_usd)}, pays at most {usd(spread.max_payout_usd)}), "
                f"{usd(spread.saving_vs_put_usd)} cheaper than the put. {spread.rounding}"
            )
        if plan.correlation is not None:
            c = plan.correlation
            extra.append(
                f"{c.proxy}: rho {c.rho:.2f}, hedge ratio {c.hedge_ratio:.2f}, covers "
                f"{pct(c.effectiveness)} of the variance; residual risk about "
                f"{usd(c.residual_risk_usd)} (1 sd over the horizon; "
                f"{usd(c.vol_portfolio_usd)} unhedged)."
            )
        if extra:
            lines += ["", f"{plan.kind.value}:", *[f"  - {note}" for note in extra]]
        lines += margin_mode_lines(plan) + carry_lines(plan)
    lines += ["", DISCLAIMER]
    return "\n".join(lines)
