"""Jinja2 rendering of every text the bot sends: strict, HTML-escaped, with number filters."""

from __future__ import annotations

import math
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

MINUS = "\u2212"


def templates_dir() -> Path:
    """The templates folder: the installed package, or the source tree's `templates/`."""
    try:
        installed = Path(str(resources.files("hedgebot_templates")))
        if installed.is_dir():
            return installed
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "templates"


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


@cache
def environment() -> jinja2.Environment:
    """The one Jinja2 environment: strict about missing values, escaping everything for HTML."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(usd=usd, signed_usd=signed_usd, pct=pct, qty=qty)
    return env


def render(template_name: str, **context: Any) -> str:
    """Render one template to the text Telegram will receive (HTML parse mode)."""
    return environment().get_template(template_name).render(**context).strip()
