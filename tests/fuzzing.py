"""The fuzzer shared by tests/e2e/test_fuzz.py (bounded, in CI) and benchmarks/fuzz.py (long).

A scenario is a list of steps from ten users: plans, random and adversarial texts, commands,
media, edits, real and double taps, forged and garbage callback data, group and channel updates,
updates the library cannot parse. Each step runs against the real Application polling the
loopback Bot API, and what the bot did is checked: no ERROR or traceback in the log, an answer
for every update due one, no call Telegram would refuse, no reply in a chat that did not ask,
nothing of one user's plans in another's chat.
"""

from __future__ import annotations

import logging
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import bot.features  # noqa: F401  (registers every feature's buttons)
from bot.devtools.fake_api import BOT_USER, BotAction, FakeBotApi
from bot.ui.callbacks import REGISTRY
from tests.e2e.chat import STICKER, RunningBot, make_settings

USERS = [1001 + index for index in range(10)]
GROUP, CHANNEL = -100200, -100300
OUR_NAME = str(BOT_USER["username"])
NOT_MODIFIED = "message is not modified"


def position(user: int) -> str:
    """What only this user holds, so that seeing it elsewhere is a leak."""
    return f"7.{user - 1000:02d}3 BTC"


# a BTC amount with three or more decimals, and the dollar value shown with it: derived from
# one user's position (half of it for a partial hedge, its value), so no one else's
MARKS = re.compile(r"(?<![\d.,])(\d+\.\d{3,} BTC)(?: \((\$[\d,.]+)\))?")

COMMANDS = [
    "/start",
    "/help",
    "/hedge",
    "/settings",
    "/faq",
    "/reminders",
    "/forget",
    "/cancel",
    "/remind in 3 days",
    "/remind tomorrow at 9",
    "/remind",
    "/chart",
    "/frobnicate",
    "/start faq",
    "/start@" + OUR_NAME,
    "/help@other_bot",
    "/start@other_bot",
]
WORDS = [
    "Berlin",
    "Europe/London",
    "UTC+5:30",
    "Mars/Olympus",
    "in 3 days",
    "tomorrow 9am",
    "08:00",
    "next friday",
    "yesterday",
    "never",
    "what is a protective put?",
    "how much does it cost",
    "cancel",
    "yes",
    "no",
    "1",
    "0",
    "-5 BTC",
    "1e308 BTC",
    "NaN ETH",
    "0 BTC",
    "$500k SPY",
    "10 ETH, 1 BTC and 300 SOL",
    "I hold 2 BTC, worried about FOMC, for a week, not sure",
]
ADVERSARIAL = [
    "<b>unclosed",
    "&amp; &lt; <script>x</script>",
    "\u202eright to left",
    "zero\u200bwidth",
    "🚀" * 500,
    "9" * 4096,
    " ",
    "\n\n\n",
    "/",
    "//",
    "@" + OUR_NAME,
    "%s %d {0} {{x}}",
    "' OR 1=1 --",
    "\x00\x01",
    "a" * 4096,
    "BTC " * 1000,
]
BROKEN_UPDATES: list[dict[str, Any]] = [
    {"message": {"message_id": 1, "text": "no chat, no date"}},
    {"callback_query": {"id": "7", "data": "p:1:1"}},
    {"message": "not an object"},
    {"edited_message": {"message_id": 2, "chat": {"id": 1}}},
]

texts = st.one_of(
    st.sampled_from(COMMANDS),
    st.sampled_from(WORDS),
    st.sampled_from(ADVERSARIAL),
    st.text(min_size=1, max_size=300),
    st.builds(lambda c, t: f"{c} {t}", st.sampled_from(COMMANDS), st.text(max_size=60)),
)
users = st.sampled_from(USERS)
picks = st.integers(min_value=0, max_value=40)
ids = st.one_of(st.integers(min_value=0, max_value=40), st.just(2**53 - 1))
forged_data = st.builds(
    lambda code, owner, fields: ":".join([code, str(owner), *fields]),
    st.sampled_from(sorted(REGISTRY)),
    st.one_of(users, st.sampled_from([0, 2**53, -1])),
    st.lists(
        st.one_of(ids.map(str), st.sampled_from(["", "all", "yes", "no", "horizon", "event"])),
        max_size=3,
    ),
)
garbage_data = st.text(max_size=64).filter(lambda s: len(s.encode()) <= 64)

steps = st.one_of(
    st.tuples(st.just("plan"), users),
    st.tuples(st.just("say"), users, texts),
    st.tuples(st.just("say"), users, texts),
    st.tuples(st.just("media"), users, st.sampled_from(["sticker", "photo", "voice", "location"])),
    st.tuples(st.just("edit"), users, texts),
    st.tuples(st.just("tap"), users, picks),
    st.tuples(st.just("tap"), users, picks),
    st.tuples(st.just("double"), users, picks),
    st.tuples(st.just("forge"), users, forged_data),
    st.tuples(st.just("forge"), users, garbage_data),
    st.tuples(st.just("foreign"), users, users, picks),
    st.tuples(st.just("group"), users, texts),
    st.tuples(st.just("channel"), texts),
    st.tuples(st.just("raw"), st.sampled_from(range(len(BROKEN_UPDATES)))),
)
scenarios = st.lists(steps, min_size=20, max_size=40)


@dataclass
class Tally:
    """What a run did and every way it went wrong (the lists hold the first few cases)."""

    updates: int = 0
    tracebacks: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    unasked: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    not_modified: int = 0  # double taps Telegram refused as "not modified": counted, harmless

    def problems(self) -> dict[str, list[str]]:
        return {
            name: cases
            for name, cases in [
                ("tracebacks", self.tracebacks),
                ("unanswered", self.unanswered),
                ("refused", self.refused),
                ("unasked", self.unasked),
                ("leaks", self.leaks),
            ]
            if cases
        }

    def add(self, other: Tally) -> None:
        self.updates += other.updates
        self.not_modified += other.not_modified
        for name in ("tracebacks", "unanswered", "refused", "unasked", "leaks"):
            getattr(self, name).extend(getattr(other, name))


class LoudRecords(logging.Handler):
    """Every ERROR, and every record carrying a traceback, at any level."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.exc_info:
            self.records.append(record)


@dataclass
class Expectation:
    """What one step's updates were due: answers in which chat, answers to which presses."""

    chat: int
    reply_due: bool = False
    silent: bool = False
    presses: list[str] = field(default_factory=list)


class Fuzzer:
    """Plays one scenario against a fresh bot and tallies what went wrong."""

    def __init__(self, fake: FakeBotApi, bot: RunningBot) -> None:
        self.fake, self.bot = fake, bot
        self.said: dict[int, list[dict[str, Any]]] = {user: [] for user in USERS}
        self.owner: dict[str, int | None] = {}  # mark -> the one user whose plans show it
        self.tally = Tally()

    # ---- injecting -----------------------------------------------------------------------
    def _message(self, user: int, text: str, chat: int | None = None) -> dict[str, Any]:
        update = self.fake.user_says(user, text[:4096], chat_id=chat)
        self.tally.updates += 1
        if chat is None:
            self.said[user].append(update)
        return update

    def _keyboard(self, user: int) -> BotAction | None:
        """The latest message in the user's chat that still has buttons (after edits)."""
        latest = {a.message_id: a for a in self.fake.sent_to(user)}  # last version of each
        shown = [a for _, a in sorted(latest.items()) if a.button_data()]
        return shown[-1] if shown else None

    async def _a_message_to_press_on(self, user: int) -> BotAction:
        keyboard = self._keyboard(user)
        if keyboard is None:
            self._message(user, "/start")
            await self.bot.settle()
            keyboard = self._keyboard(user)
        assert keyboard is not None, "/start shows the menu"
        return keyboard

    def _press(self, user: int, on: BotAction, data: str) -> str:
        self.tally.updates += 1
        return str(self.fake.user_presses(user, on, data, forged=True)["callback_query"]["id"])

    async def inject(self, step: tuple[Any, ...]) -> Expectation:
        kind, rest = step[0], step[1:]
        if kind == "channel":
            self.fake.channel_posts(CHANNEL, rest[0][:4096])
            self.tally.updates += 1
            return Expectation(CHANNEL, silent=True)
        if kind == "raw":
            self.fake.push_raw(dict(BROKEN_UPDATES[rest[0]]))
            self.tally.updates += 1
            return Expectation(0, silent=True)
        user = rest[0]
        if kind == "plan":
            self._message(
                user, f"I hold {position(user)}, worried about FOMC, for a week, not sure"
            )
            return Expectation(user, reply_due=True)
        if kind == "say":
            text = rest[1][:4096]
            self._message(user, text)
            elsewhere = _addressed_elsewhere(text)
            return Expectation(user, reply_due=not elsewhere, silent=elsewhere)
        if kind == "media":
            update = self._message(user, "x")
            message = update["message"]
            del message["text"]
            message.pop("entities", None)
            message.update(_MEDIA[rest[1]])
            return Expectation(user, reply_due=True)
        if kind == "edit":
            if not self.said[user]:
                return await self.inject(("say", user, rest[1]))
            self.fake.user_edits(self.said[user][-1], rest[1][:4096])
            self.tally.updates += 1
            return Expectation(user, silent=True)  # an edit is not a new answer
        if kind == "group":
            text = rest[1][:4096]
            self._message(user, text, chat=GROUP)
            to_us = _command_to_us(text)
            return Expectation(GROUP, reply_due=to_us, silent=_addressed_elsewhere(text))
        on = await self._a_message_to_press_on(user)
        if kind in ("tap", "double"):
            data = on.button_data()[rest[1] % len(on.button_data())]
            presses = [self._press(user, on, data) for _ in range(2 if kind == "double" else 1)]
            return Expectation(user, presses=presses)
        if kind == "forge":
            return Expectation(user, presses=[self._press(user, on, rest[1])])
        if kind == "foreign":  # a button another user was shown, pressed by this one
            theirs = self._keyboard(rest[1]) or on  # none shown to them yet: one of this user's
            data = theirs.button_data()[rest[2] % len(theirs.button_data())]
            return Expectation(user, presses=[self._press(user, on, data)])
        raise ValueError(f"unknown step {kind!r}")

    # ---- checking --------------------------------------------------------------------------
    async def play(self, step: tuple[Any, ...]) -> None:
        mark, errors = len(self.fake.actions), len(self.fake.errors)
        expected = await self.inject(step)
        about = f"{step!r:.160}"
        try:
            await self.bot.settle()
        except TimeoutError:
            self.tally.unanswered.append(f"still busy 10 s after {about}")
        done = self.fake.actions[mark:]
        for refusal in self.fake.errors[errors:]:
            if NOT_MODIFIED in refusal:
                self.tally.not_modified += 1
            else:
                self.tally.refused.append(f"{refusal} after {about}")
        if any(a.chat_id != expected.chat for a in done) or (expected.silent and done):
            chats = sorted({a.chat_id for a in done})
            self.tally.unasked.append(f"replied in {chats} to {about}")
        if expected.reply_due and not any(a.chat_id == expected.chat for a in done):
            self.tally.unanswered.append(about)
        for press in expected.presses:
            if press not in self.fake.callback_answers:
                self.tally.unanswered.append(f"press {press} of {about}")
        for action in done:
            self._learn_marks(action)
        for action in done:
            if action.chat_id in self.said:
                owners = {self.owner.get(m) for m in _marks(action.text)} - {None, action.chat_id}
                if owners:
                    self.tally.leaks.append(f"{owners} seen by {action.chat_id} after {about}")

    def _learn_marks(self, action: BotAction) -> None:
        """A message in a user's chat that shows their position: its marks are theirs, unless
        another user's own messages showed the same (then they are nobody's)."""
        user = action.chat_id
        if user not in self.said or position(user) not in action.text:
            return
        for mark in _marks(action.text):
            if self.owner.setdefault(mark, user) != user:
                self.owner[mark] = None


def _marks(text: str) -> set[str]:
    return {part for found in MARKS.findall(text) for part in found if part}


_MEDIA: dict[str, dict[str, Any]] = {
    "sticker": {"sticker": STICKER},
    "photo": {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
    "voice": {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 1}},
    "location": {"location": {"latitude": 52.5, "longitude": 13.4}},
}


def _command(text: str) -> str | None:
    return text.split()[0] if text.startswith("/") and text.split() else None


def _addressed_elsewhere(text: str) -> bool:
    command = _command(text)
    return bool(command and "@" in command and command.split("@", 1)[1].lower() != OUR_NAME)


def _command_to_us(text: str) -> bool:
    command = _command(text)
    return bool(command and len(command) > 1 and not _addressed_elsewhere(text))


async def run_scenario(scenario: list[tuple[Any, ...]]) -> Tally:
    """A fresh fake and bot, every step played and checked, everything stopped again."""
    loud = LoudRecords()
    logging.getLogger().addHandler(loud)
    fake = await FakeBotApi(rate_limit=None).start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings = make_settings(fake, Path(folder) / "fuzz.sqlite3")
            bot = await RunningBot(fake, settings).start()
            fuzzer = Fuzzer(fake, bot)
            try:
                for step in scenario:
                    await fuzzer.play(step)
            finally:
                await bot.stop()
    finally:
        await fake.stop()
        logging.getLogger().removeHandler(loud)
    for record in loud.records:
        fuzzer.tally.tracebacks.append(f"{record.levelname} {record.name}: {record.getMessage()}")
    return fuzzer.tally
