"""The FAQ: /faq topics, typed questions, deep links, related answers and inline sharing."""

from bot.features.faq.handlers import handlers, setup
from bot.platform.features import Feature

FEATURE = Feature("faq", handlers, command="faq", setup=setup)
