"""Reminders to take a hedge off: set from the plan card or /remind, delivered exactly once."""

from bot.features.reminders.handlers import handlers, setup
from bot.platform.features import Feature

FEATURE = Feature("reminders", handlers, command="reminders", setup=setup)
