"""The hedge: holdings in (one message or a few taps), a plan card with every cost out."""

from bot.features.hedge import card, conversation
from bot.platform.features import Feature, Handlers
from bot.services import Services


def handlers(services: Services) -> Handlers:
    return [*conversation.handlers(services), *card.handlers(services)]


FEATURE = Feature("hedge", handlers, command="hedge")
