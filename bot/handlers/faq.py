"""FAQ feature: /faq topics, typed questions, deep links, related buttons and inline answers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    filters,
)

from bot import callbacks
from bot.callbacks import Action
from bot.faq import DEEP_LINK_PREFIX, Entry, KnowledgeBase, Outcome, entry_link, knowledge_base
from bot.faq_text import plain_text
from bot.render import environment, render

DEEP_LINK_GROUP = -2  # before the bot's own /start (group 0) and its button-owner check (group -1)
INLINE_RESULTS = 10
INLINE_DESCRIPTION = 90

# ---- keyboards (pure) ----------------------------------------------------------------------


def topics_keyboard(kb: KnowledgeBase, owner_id: int) -> InlineKeyboardMarkup:
    """One button per topic, two to a row."""
    buttons = [
        InlineKeyboardButton(
            t.title, callback_data=callbacks.encode(Action.FAQ_TOPIC, owner_id, t.id)
        )
        for t in kb.topics
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def entries_keyboard(entries: Sequence[Entry], owner_id: int) -> InlineKeyboardMarkup:
    """One button per entry, then a way back to all topics."""
    rows = [
        [
            InlineKeyboardButton(
                e.title, callback_data=callbacks.encode(Action.FAQ_ENTRY, owner_id, e.id)
            )
        ]
        for e in entries
    ]
    return InlineKeyboardMarkup([*rows, [all_topics_button(owner_id)]])


def all_topics_button(owner_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        render("faq/button_topics.txt.j2"),
        callback_data=callbacks.encode(Action.FAQ_TOPIC, owner_id, ""),
    )


def answer_keyboard(kb: KnowledgeBase, entry: Entry, owner_id: int) -> InlineKeyboardMarkup:
    """Related entries under an answer, then all topics."""
    return entries_keyboard([kb.entries[r] for r in entry.related], owner_id)


def share_keyboard(entry: Entry, bot_username: str) -> InlineKeyboardMarkup:
    """Under an answer shared inline: a link that opens it in a private chat with the bot."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    render("faq/button_open.txt.j2"), url=entry_link(entry.id, bot_username)
                )
            ]
        ]
    )


# ---- replies ---------------------------------------------------------------------------------


def answer_text(entry: Entry) -> str:
    return render("faq/answer.html.j2", entry=entry)


async def send_entry(update: Update, entry: Entry) -> None:
    """Reply with one answer and its related entries."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    markup = answer_keyboard(knowledge_base(), entry, user.id)
    await message.reply_text(answer_text(entry), reply_markup=markup)


async def send_topics(update: Update) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    await message.reply_text(
        render("faq/topics.html.j2"), reply_markup=topics_keyboard(knowledge_base(), user.id)
    )


async def answer_question(
    update: Update, context: ContextTypes.DEFAULT_TYPE, question: str
) -> None:
    """Answer a typed question: one entry, a choice of two or three, or the topics."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    kb = knowledge_base()
    verdict = kb.verdict(question)
    if verdict.outcome is Outcome.PLAN:  # e.g. "/faq hedge my 2 BTC": the planner reads messages
        await message.reply_text(render("faq/plan_hint.html.j2", example=question))
    elif verdict.outcome is Outcome.CLEAR:
        await send_entry(update, verdict.matches[0].entry)
    elif verdict.outcome is Outcome.AMBIGUOUS:
        choices = [m.entry for m in verdict.matches]
        await message.reply_text(
            render("faq/choices.html.j2", query=question),
            reply_markup=entries_keyboard(choices, user.id),
        )
    else:
        await message.reply_text(
            render("faq/no_match.html.j2", query=question),
            reply_markup=topics_keyboard(kb, user.id),
        )


# ---- handlers --------------------------------------------------------------------------------


async def faq_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/faq shows the topics; /faq <question> answers it."""
    question = " ".join(context.args or []).strip()
    if question:
        await answer_question(update, context, question)
    else:
        await send_topics(update)


async def start_deep_link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start faq_<id> (a t.me link) opens that answer instead of the welcome."""
    payload = (context.args or [""])[0]
    entry = knowledge_base().from_start_payload(payload)
    if entry is None:
        message = update.effective_message
        if message is not None:
            await message.reply_text(render("faq/unknown_entry.txt.j2"))
        await send_topics(update)
    else:
        await send_entry(update, entry)
    raise ApplicationHandlerStop


async def free_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Text the planner did not claim: treat it as a question."""
    message = update.effective_message
    if message is not None and message.text:
        await answer_question(update, context, message.text)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Topic and answer buttons edit the message in place."""
    query = update.callback_query
    if query is None:
        return
    data = callbacks.decode(query.data)  # the bot's owner check (group -1) has vetted it
    await query.answer()
    if data is None:
        return
    kb = knowledge_base()
    target = data.arg(0)
    topics = {t.id: t for t in kb.topics}
    if data.action is Action.FAQ_ENTRY and target in kb.entries:
        entry = kb.entries[target]
        await edit(query, answer_text(entry), answer_keyboard(kb, entry, data.owner_id))
    elif data.action is Action.FAQ_TOPIC and target in topics:
        await edit(
            query,
            render("faq/topic.html.j2", topic=topics[target]),
            entries_keyboard(kb.in_topic(target), data.owner_id),
        )
    else:
        await edit(query, render("faq/topics.html.j2"), topics_keyboard(kb, data.owner_id))


async def on_menu_faq(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The main menu's Questions button: the topics, below the menu."""
    query = update.callback_query
    if query is not None:
        await query.answer()
    await send_topics(update)


async def edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup) -> None:
    """Replace the pressed message; a double tap that changes nothing is not an error."""
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        if "not modified" not in str(error).lower():
            raise


def plain_preview(entry: Entry) -> str:
    """First sentence-ish of an answer without its heading, for inline result descriptions."""
    body = entry.answer.strip().split("\n", 1)[-1]
    text = " ".join(plain_text(body).split())
    return text if len(text) <= INLINE_DESCRIPTION else text[: INLINE_DESCRIPTION - 1] + "…"


def inline_results(
    kb: KnowledgeBase, query: str, bot_username: str
) -> list[InlineQueryResultArticle]:
    """Articles for an inline query: best matches, or the first entries when the query is empty."""
    entries = (
        [m.entry for m in kb.search(query, limit=INLINE_RESULTS)]
        if query.strip()
        else list(kb.entries.values())[:INLINE_RESULTS]
    )
    return [
        InlineQueryResultArticle(
            id=entry.id,
            title=entry.title,
            description=plain_preview(entry),
            input_message_content=InputTextMessageContent(answer_text(entry), parse_mode="HTML"),
            reply_markup=share_keyboard(entry, bot_username),
        )
        for entry in entries
    ]


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """@bot funding: offer matching answers to share in any chat."""
    query = update.inline_query
    if query is None:
        return
    results = inline_results(knowledge_base(), query.query, context.bot.username)
    await query.answer(results, cache_time=60)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the FAQ handlers and offer the free-text fallback to the bot's text handler."""
    knowledge_base()  # load and validate the entries at start-up, not on the first question
    application.add_handler(CommandHandler("faq", faq_command))
    deep_link = filters.Regex(rf"^/start(@\w+)?\s+{DEEP_LINK_PREFIX}")
    application.add_handler(
        CommandHandler("start", start_deep_link, deep_link), group=DEEP_LINK_GROUP
    )
    application.add_handler(
        CallbackQueryHandler(
            on_button, pattern=callbacks.pattern(Action.FAQ_TOPIC, Action.FAQ_ENTRY)
        )
    )
    application.add_handler(InlineQueryHandler(inline_query))
    application.bot_data.setdefault("menu_handlers", {})["faq"] = on_menu_faq
    application.bot_data["free_text_fallback"] = free_text
    environment().globals["faq_link"] = template_link(application)


def template_link(application: Application[Any, Any, Any, Any, Any, Any]) -> Callable[[str], str]:
    """faq_link('funding') for templates such as the plan card: a deep link to that answer.

    The bot's username is read when a template renders (after getMe), not at registration;
    templates use it through the term() macro of faq/_links.j2.
    """

    def faq_link(entry_id: str) -> str:
        try:
            username = application.bot.username
        except RuntimeError:  # not initialised (no getMe yet): the template shows plain words
            return ""
        return entry_link(entry_id, username)

    return faq_link
