"""/start, /help, the menu, the check on every button, and what nobody else answered."""

from __future__ import annotations

from telegram import Message, MessageEntity, Update
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.features.start.buttons import MenuButton
from bot.features.start.keyboards import menu
from bot.platform.features import Group, Handlers
from bot.services import BotContext, Services
from bot.ui.callbacks import owner_of
from bot.ui.render import Texts, core_text, render
from bot.ui.replies import alert, reply

texts = Texts("start")


async def start(update: Update, context: BotContext) -> None:
    """Greet, say once that this is education, show the menu."""
    user = update.effective_user
    assert user is not None and context.user_data is not None
    first_time = not context.user_data.get("greeted")
    context.user_data["greeted"] = True
    await reply(update, texts("start", name=user.first_name, first_time=first_time), menu(user.id))


async def help_command(update: Update, context: BotContext) -> None:
    """What the bot understands and its commands."""
    assert update.effective_user is not None
    await reply(update, texts("help"), menu(update.effective_user.id))


async def menu_button(update: Update, context: BotContext) -> None:
    """Menu buttons no conversation took: help, and the features that registered a handler."""
    query = update.callback_query
    assert query is not None
    pressed = MenuButton.unpack(query.data)
    choice = pressed.choice if pressed else ""
    handler = context.services.hooks.menu.get(choice)
    if handler is not None:
        await handler(update, context)
        return
    await query.answer()
    if choice == "help":
        await help_command(update, context)
    else:
        await reply(update, core_text("feature_missing", feature=choice))


async def feature_missing(update: Update, context: BotContext) -> None:
    """A listed command whose feature is not installed on this copy."""
    assert update.message is not None and update.message.text is not None
    name = update.message.text.split()[0].lstrip("/").split("@")[0]
    await reply(update, core_text("feature_missing", feature=name))


async def unknown_command(update: Update, context: BotContext) -> None:
    await reply(update, core_text("unknown_command"))


async def not_text(update: Update, context: BotContext) -> None:
    """A sticker, photo or voice note outside any question."""
    await reply(update, core_text("bad_input", step="media", reason=None, too_long=False))


async def stale_button(update: Update, context: BotContext) -> None:
    """A button from a question that has since ended (cancelled, timed out, finished)."""
    assert update.callback_query is not None
    await alert(update.callback_query, core_text("stale_button"))


def addressed_to_another_bot(message: Message, username: str | None) -> bool:
    """`/start@other_bot`: in a group every bot receives it, and only that one should answer."""
    entity = next(iter(message.entities), None)
    if entity is None or entity.type != MessageEntity.BOT_COMMAND or entity.offset != 0:
        return False
    _, at, addressee = message.parse_entity(entity).partition("@")
    return bool(at) and addressee.lower() != (username or "").lower()


async def screen(update: Update, context: BotContext) -> None:
    """Keep from every feature what the bot does not act on: channel posts, edits (the original
    was answered already; an edit is not a new answer) and commands addressed to another bot."""
    if update.channel_post or update.edited_channel_post or update.edited_message:
        raise ApplicationHandlerStop
    if update.message and addressed_to_another_bot(update.message, context.bot.username):
        raise ApplicationHandlerStop


async def check_button(update: Update, context: BotContext) -> None:
    """Let a button through only if it decodes into one of ours and its owner pressed it."""
    query = update.callback_query
    if query is None:
        return
    named = owner_of(query.data)
    if named is None or named[0].unpack(query.data) is None:
        await alert(query, core_text("stale_button"))
        raise ApplicationHandlerStop
    if named[1] != query.from_user.id:
        await alert(query, render(named[0].refusal))
        raise ApplicationHandlerStop


def handlers(services: Services) -> Handlers:
    return [
        (Group.SCREEN, TypeHandler(Update, screen)),
        (Group.BUTTON_CHECK, TypeHandler(Update, check_button)),
        (Group.MAIN, CommandHandler("start", start)),
        (Group.MAIN, CommandHandler("help", help_command)),
        (Group.MAIN, CallbackQueryHandler(menu_button, pattern=MenuButton.pattern())),
    ]


def fallbacks(missing_commands: list[str]) -> Handlers:
    """After every feature: commands whose feature is absent, then any unknown command."""
    return [
        *((Group.MAIN, CommandHandler(name, feature_missing)) for name in missing_commands),
        (Group.MAIN, MessageHandler(filters.COMMAND, unknown_command)),
        (
            Group.MAIN,
            MessageHandler(
                filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & ~filters.TEXT, not_text
            ),
        ),
        (Group.MAIN, CallbackQueryHandler(stale_button)),
    ]
