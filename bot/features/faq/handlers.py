"""FAQ feature: /faq topics, typed questions, deep links, related buttons and inline answers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    filters,
)

from bot.features.faq.buttons import EntryButton, TopicButton
from bot.features.faq.knowledge import (
    DEEP_LINK_PREFIX,
    Entry,
    KnowledgeBase,
    Outcome,
    entry_link,
    knowledge_base,
    looks_like_plan_request,
)
from bot.features.faq.words import in_another_script, plain_text
from bot.platform.features import Group, Handlers
from bot.services import BotApplication, BotContext, Services
from bot.ui.keyboards import button, labels, rows
from bot.ui.render import render
from bot.ui.replies import edit, reply

INLINE_RESULTS = 10
INLINE_DESCRIPTION = 90

# ---- keyboards (pure) ----------------------------------------------------------------------


def topics_keyboard(kb: KnowledgeBase, owner_id: int) -> InlineKeyboardMarkup:
    """One button per topic, two to a row."""
    buttons = [button(t.title, TopicButton(owner_id, t.id)) for t in kb.topics]
    return InlineKeyboardMarkup(rows(buttons, 2))


def entries_keyboard(entries: Sequence[Entry], owner_id: int) -> InlineKeyboardMarkup:
    """One button per entry, then a way back to all topics."""
    entry_rows = [[button(e.title, EntryButton(owner_id, e.id))] for e in entries]
    return InlineKeyboardMarkup([*entry_rows, [all_topics_button(owner_id)]])


def all_topics_button(owner_id: int) -> InlineKeyboardButton:
    return button(labels("faq")["all_topics"], TopicButton(owner_id, ""))


def answer_keyboard(kb: KnowledgeBase, entry: Entry, owner_id: int) -> InlineKeyboardMarkup:
    """Related entries under an answer, then all topics."""
    return entries_keyboard([kb.entries[r] for r in entry.related], owner_id)


def share_keyboard(entry: Entry, bot_username: str) -> InlineKeyboardMarkup:
    """Under an answer shared inline: a link that opens it in a private chat with the bot."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(labels("faq")["open"], url=entry_link(entry.id, bot_username))]]
    )


# ---- replies ---------------------------------------------------------------------------------


def answer_text(entry: Entry) -> str:
    return render("faq/answer.html.j2", entry=entry)


async def send_entry(update: Update, entry: Entry) -> None:
    """Reply with one answer and its related entries."""
    user = update.effective_user
    if user is None:
        return
    await reply(update, answer_text(entry), answer_keyboard(knowledge_base(), entry, user.id))


async def send_topics(update: Update) -> None:
    user = update.effective_user
    if user is None:
        return
    await reply(update, render("faq/topics.html.j2"), topics_keyboard(knowledge_base(), user.id))


async def answer_question(update: Update, context: BotContext, question: str) -> None:
    """Answer a typed question: one entry, a choice of two or three, or the topics."""
    user = update.effective_user
    if user is None:
        return
    kb = knowledge_base()
    verdict = kb.verdict(question)
    if verdict.outcome is Outcome.PLAN:  # e.g. "/faq hedge my 2 BTC": the planner reads messages
        await reply(update, render("faq/plan_hint.html.j2", example=question))
    elif verdict.outcome is Outcome.CLEAR:
        await send_entry(update, verdict.matches[0].entry)
    elif verdict.outcome is Outcome.AMBIGUOUS:
        choices = [m.entry for m in verdict.matches]
        body = render("faq/choices.html.j2", query=question)
        await reply(update, body, entries_keyboard(choices, user.id))
    else:
        body = render("faq/no_match.html.j2", query=question, foreign=in_another_script(question))
        await reply(update, body, topics_keyboard(kb, user.id))


async def answer_outright(update: Update, question: str) -> bool:
    """Send the one entry that answers the question outright, if there is one; whether it did."""
    verdict = knowledge_base().verdict(question)
    if verdict.outcome is not Outcome.CLEAR:
        return False
    await send_entry(update, verdict.matches[0].entry)
    return True


# ---- handlers --------------------------------------------------------------------------------


async def faq_command(update: Update, context: BotContext) -> None:
    """/faq shows the topics; /faq <question> answers it."""
    question = " ".join(context.args or []).strip()
    if question:
        await answer_question(update, context, question)
    else:
        await send_topics(update)


async def start_deep_link(update: Update, context: BotContext) -> None:
    """/start faq_<id> (a t.me link) opens that answer instead of the welcome."""
    payload = (context.args or [""])[0]
    entry = knowledge_base().from_start_payload(payload)
    if entry is None:
        await reply(update, render("faq/unknown_entry.txt.j2"))
        await send_topics(update)
    else:
        await send_entry(update, entry)
    raise ApplicationHandlerStop


async def free_text(update: Update, context: BotContext) -> None:
    """Text the planner did not claim: treat it as a question."""
    message = update.effective_message
    if message is not None and message.text:
        await answer_question(update, context, message.text)


async def on_button(update: Update, context: BotContext) -> None:
    """Topic and answer buttons edit the message in place."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    pressed = EntryButton.unpack(query.data) or TopicButton.unpack(query.data)
    if pressed is None:
        return
    kb = knowledge_base()
    topics = {t.id: t for t in kb.topics}
    owner = pressed.owner_id
    if isinstance(pressed, EntryButton) and pressed.entry in kb.entries:
        entry = kb.entries[pressed.entry]
        await edit(query, answer_text(entry), answer_keyboard(kb, entry, owner))
    elif isinstance(pressed, TopicButton) and pressed.topic in topics:
        await edit(
            query,
            render("faq/topic.html.j2", topic=topics[pressed.topic]),
            entries_keyboard(kb.in_topic(pressed.topic), owner),
        )
    else:
        await edit(query, render("faq/topics.html.j2"), topics_keyboard(kb, owner))


async def on_menu_faq(update: Update, context: BotContext) -> None:
    """The main menu's Questions button: the topics, below the menu."""
    query = update.callback_query
    if query is not None:
        await query.answer()
    await send_topics(update)


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


async def inline_query(update: Update, context: BotContext) -> None:
    """@bot funding: offer matching answers to share in any chat."""
    query = update.inline_query
    if query is None:
        return
    results = inline_results(knowledge_base(), query.query, context.bot.username)
    await query.answer(results, cache_time=60)


def handlers(services: Services) -> Handlers:
    knowledge_base()  # load and validate the entries at start-up, not on the first question
    deep_link = filters.Regex(rf"^/start(@\w+)?\s+{DEEP_LINK_PREFIX}")
    return [
        (Group.MAIN, CommandHandler("faq", faq_command)),
        (Group.AWAITING_TEXT, CommandHandler("start", start_deep_link, deep_link)),
        (Group.MAIN, CallbackQueryHandler(on_button, pattern=TopicButton.pattern())),
        (Group.MAIN, CallbackQueryHandler(on_button, pattern=EntryButton.pattern())),
        (Group.MAIN, InlineQueryHandler(inline_query)),
    ]


def setup(application: BotApplication, services: Services) -> None:
    """Offer the menu's Questions button, take text the planner did not, link glossary terms."""
    services.hooks.menu["faq"] = on_menu_faq
    services.hooks.free_text = free_text
    services.hooks.term_link = template_link(application)
    services.hooks.asks_for_plan = looks_like_plan_request
    services.hooks.answer_outright = answer_outright


def template_link(application: BotApplication) -> Callable[[str], str]:
    """faq_link('funding') for templates such as the cost sheet: a deep link to that answer.

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
