"""One folder per feature, and the one ordered list of them.

Within a handler group the first handler that matches wins, so the order below is the order in
which features are offered an update (the groups themselves are in bot.platform.features.Group).
"""

from __future__ import annotations

from bot.features import charts, faq, hedge, reminders, settings, start
from bot.platform.features import Feature

CORE: list[Feature] = [
    settings.FEATURE,  # first: a timezone typed in /settings is not a hedge request
    hedge.FEATURE,
    start.FEATURE,  # after the conversations, which own the hedge and settings menu buttons
]
OPTIONAL: list[Feature] = [charts.FEATURE, reminders.FEATURE, faq.FEATURE]


def installed(optional: list[Feature] | None = None) -> list[Feature]:
    """The features a bot runs: the core, then the optional ones (all of them by default)."""
    return [*CORE, *(OPTIONAL if optional is None else optional)]
