"""/start, /help, the menu, the owner check on every button, and unknown commands."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import keyboards
from bot.callbacks import Action, decode, pattern
from bot.replies import reply, text_of


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet, say once that this is education, show the menu."""
    user = update.effective_user
    assert user is not None and context.user_data is not None
    first_time = not context.user_data.get("greeted")
    context.user_data["greeted"] = True
    await reply(
        update, "start", keyboards.menu(user.id), name=user.first_name, first_time=first_time
    )


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What the bot understands and its commands."""
    assert update.effective_user is not None
    await reply(update, "help", keyboards.menu(update.effective_user.id))


async def menu_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Menu buttons not taken by a conversation: help, and features registered by others."""
    query = update.callback_query
    assert query is not None
    data = decode(query.data)
    choice = data.arg(0) if data else ""
    handlers = context.bot_data.get("menu_handlers", {})
    if choice in handlers:
        await handlers[choice](update, context)
        return
    await query.answer()
    if choice == "help":
        await help_command(update, context)
    else:
        await reply(update, "feature_missing", feature=choice)


async def feature_missing(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A listed command whose feature module is not installed on this copy."""
    assert update.message is not None and update.message.text is not None
    name = update.message.text.split()[0].lstrip("/").split("@")[0]
    await reply(update, "feature_missing", feature=name)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, "unknown_command")


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A sticker, photo or voice note outside any question."""
    await reply(update, "bad_input", step="media", reason=None, too_long=False)


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button from a question that has since ended (cancelled, timed out, finished)."""
    assert update.callback_query is not None
    await update.callback_query.answer(text_of("stale_button"), show_alert=True)


async def check_button_owner(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Refuse politely a button pressed by someone other than its owner, or one we never made."""
    query = update.callback_query
    if query is None:
        return
    data = decode(query.data)
    if data is None:
        await query.answer(text_of("stale_button"), show_alert=True)
        raise ApplicationHandlerStop
    if data.owner_id != query.from_user.id:
        await query.answer(text_of("not_yours"), show_alert=True)
        raise ApplicationHandlerStop


def register(application: Application) -> None:
    application.add_handler(TypeHandler(Update, check_button_owner), group=-1)
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CallbackQueryHandler(menu_button, pattern=pattern(Action.MENU)))


def register_fallbacks(application: Application, missing: list[str]) -> None:
    """After every feature: commands whose feature is absent, then any unknown command."""
    for name in missing:
        application.add_handler(CommandHandler(name, feature_missing))
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & ~filters.TEXT, not_text
        )
    )
    application.add_handler(CallbackQueryHandler(stale_button))
