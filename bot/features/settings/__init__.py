"""/settings: leverage, fee tier, region, timezone, venue, margin mode and wallet, per user."""

from bot.features.settings.handlers import handlers
from bot.platform.features import Feature

FEATURE = Feature("settings", handlers, command="settings")
