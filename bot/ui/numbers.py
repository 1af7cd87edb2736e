"""How the bot writes money, percentages and quantities: $1,234 / −5% / 0.5 BTC.

Plain functions, free of Jinja2, so the command line can format a table without loading it.
"""

from __future__ import annotations

import math

MINUS = "\u2212"


def usd(value: float, decimals: int | None = None) -> str:
    """$1,234.56 / −$40 / $1.2M style; cents only where they matter."""
    if value is None or not math.isfinite(value):
        return "n/a"
    sign = MINUS if value < 0 else ""
    amount = abs(value)
    if decimals is None:
        decimals = 0 if amount >= 1000 else 2
    return f"{sign}${amount:,.{decimals}f}"


def signed_usd(value: float) -> str:
    """+$5,000 / −$5,000 / $0."""
    text = usd(value)
    return f"+{text}" if value > 0 and math.isfinite(value) and text != "$0" else text


def pct(value: float, decimals: int = 0, signed: bool = False) -> str:
    """0.1 -> 10%; signed adds + to gains and a true minus to losses."""
    if value is None or not math.isfinite(value):
        return "n/a"
    text = f"{abs(value) * 100:,.{decimals}f}%"
    if value < 0 and text.strip("0.%,") != "":
        return MINUS + text
    return ("+" + text) if signed and value > 0 else text


def qty(value: float, symbol: str = "") -> str:
    """0.5 BTC / 1,000 SOL / 0.1234 ETH: up to 4 decimals, trailing zeros dropped."""
    if value is None or not math.isfinite(value):
        return "n/a"
    text = f"{value:,.4f}".rstrip("0").rstrip(".") if abs(value) < 1e15 else f"{value:.3e}"
    if text in ("-0", ""):
        text = "0"
    text = text.replace("-", MINUS)
    return f"{text} {symbol}".strip()
