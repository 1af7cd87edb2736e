"""/start, /help, the main menu, and the answers for what no other feature took."""

from bot.features.start.handlers import handlers
from bot.platform.features import Feature

FEATURE = Feature("start", handlers)
