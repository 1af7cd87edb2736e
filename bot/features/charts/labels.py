"""Every word and number drawn inside a payoff chart, from templates/charts/labels.j2.

The picture is not HTML: macros are rendered by the one Jinja2 environment, then unescaped.
"""

from __future__ import annotations

import html
from typing import Any

from bot.ui.numbers import MINUS
from bot.ui.render import environment
from hedging.models import HedgeKind, Holding
from hedging.payoff import Marker, MarkerKind, Payoff


def label(name: str, *args: Any) -> str:
    """One macro of templates/charts/labels.j2 as plain text (the picture is not HTML)."""
    module = environment().get_template("charts/labels.j2").module
    return html.unescape(str(getattr(module, name)(*args))).strip()


def plan_name(payoff: Payoff, kind: HedgeKind) -> str:
    """How the chart and its caption name a plan."""
    curve = payoff.curve(kind)
    return label("plan_name", str(kind), curve.hedge_ratio, curve.proxy)


def holdings_text(payoff: Payoff) -> str:
    """What is held, in a few words ("2 BTC")."""
    items = [
        {"symbol": h.symbol, "quantity": h.quantity, "value_usd": _given_value(h)}
        for h in payoff.holdings
    ]
    return label("holdings", items)


def _given_value(holding: Holding) -> float | None:
    """The dollar size, when the person gave one ("$500k SPY" makes 833.333… shares)."""
    if holding.value_usd is not None:
        return holding.value_usd
    if round(holding.quantity, 4) != holding.quantity and holding.price_usd is not None:
        return holding.quantity * holding.price_usd
    return None


def usd_short(value: float, signed: bool = False) -> str:
    """$96k / −$1.2M / +$20k: tick labels that fit a phone screen."""
    amount = abs(value)
    size, suffix = next(
        ((size, suffix) for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")) if amount >= size),
        (1.0, ""),
    )
    if suffix or amount >= 100:
        number = f"{amount / size:,.1f}".removesuffix(".0")
    else:  # cheap assets: $0.45, $12.5
        number = f"{amount:.2f}".rstrip("0").rstrip(".")
    text = f"${number}{suffix}"
    if text == "$0":
        return text
    if value < 0:
        return MINUS + text
    return "+" + text if signed else text


def move_text(percent: float) -> str:
    """A tick of the top axis: −40%, 0%, +20%."""
    rounded = round(percent)
    if rounded == 0:
        return "0%"
    return f"{'+' if rounded > 0 else MINUS}{abs(rounded)}%"


def x_title(payoff: Payoff, horizon_days: float) -> str:
    """What the x axis measures: the held asset's price, or the portfolio's value."""
    return label("x_axis", payoff.axis_symbol, horizon_days)


def marker_text(payoff: Payoff, marker: Marker, with_lines: bool) -> str:
    """The legend line of one strike or liquidation."""
    own_axis = marker.symbol == payoff.axis_symbol
    if marker.kind == MarkerKind.STRIKE:
        return label("strike", marker.level_usd, marker.symbol, own_axis)
    if with_lines:
        shown = payoff.on_chart(marker)
        return label("liquidation", marker.level_usd, marker.symbol, own_axis, shown)
    return label("plan_liquidation", str(marker.plan), marker.level_usd, marker.symbol, own_axis)


def group_text(kind: HedgeKind, markers: list[Marker], with_lines: bool) -> str:
    """One legend line for a plan's several strikes or liquidations, in moves from today."""
    moves = sorted(m.move for m in markers)
    if markers[0].kind == MarkerKind.STRIKE:
        return label("strike_group", len(moves), moves[0], moves[-1])
    return label("liquidation_group", "" if with_lines else str(kind), len(moves), moves[0])
