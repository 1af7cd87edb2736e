"""Payoff charts: the plan card's chart button, one plan or all plans on one picture."""

from bot.features.charts.handlers import handlers, setup
from bot.platform.features import Feature

FEATURE = Feature("charts", handlers, setup=setup)
