"""Jinja2 rendering of every text the bot sends: strict, HTML-escaped, with number filters."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from bot.ui.numbers import pct, qty, signed_usd, usd


def templates_dir() -> Path:
    """The templates beside the code that is running: the source tree's `templates/` when this
    module runs from a checkout (so a second checkout uses its own), else the installed package."""
    checkout = Path(__file__).resolve().parent.parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "templates").is_dir():
        return checkout / "templates"
    return Path(str(resources.files("hedgebot_templates")))


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
        auto_reload=False,  # the files do not change under a running bot: no stat() per reply
    )
    env.filters.update(usd=usd, signed_usd=signed_usd, pct=pct, qty=qty)
    return env


def render(template_name: str, **context: Any) -> str:
    """Render one template to the text Telegram will receive (HTML parse mode)."""
    return environment().get_template(template_name).render(**context).strip()


class Texts:
    """One feature's templates: Texts("hedge")("plan_card", ...) renders hedge/plan_card.j2."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, template: str, /, **context: Any) -> str:
        return render(f"{self.folder}/{template}.j2", **context)


core_text = Texts("core")  # what every feature may say: errors, stale buttons, bad input
