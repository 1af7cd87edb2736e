"""`hedgebot chat`: the real bot in the terminal, over the loopback fake; buttons become numbers."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.config import Settings
from bot.devtools.fake_api import BotAction, FakeBotApi
from bot.devtools.loopback import LoopbackBot, offline_settings
from bot.ui.render import render

CHAT_USER_ID = 1


class TerminalChat:
    """Prints what the bot does as plain text and turns typed numbers into button presses."""

    def __init__(self, bot: LoopbackBot, output: TextIO) -> None:
        self.bot, self.fake, self.output = bot, bot.fake, output
        self.buttons: list[tuple[BotAction, str]] = []  # (message, callback_data), numbered from 1
        self._shown = 0
        self._answers_shown = 0

    def _print(self, text: str = "") -> None:
        self.output.write(text + "\n")
        self.output.flush()

    def show_new(self) -> None:
        """Print every message, edit and alert since the last call."""
        for action in self.fake.actions[self._shown :]:
            edited = " (edited)" if action.method.startswith("edit") else ""
            photo = f"[picture, {action.photo_bytes:,} bytes] " if action.photo_bytes else ""
            self._print(f"\n🤖{edited} {photo}{action.text}")
            if action.buttons:
                self.buttons = []
                for row in action.buttons:
                    cells = []
                    for button in row:
                        self.buttons.append((action, button.get("callback_data", "")))
                        cells.append(f"[{len(self.buttons)}] {button['text']}")
                    self._print("   " + "   ".join(cells))
        self._shown = len(self.fake.actions)
        answers = list(self.fake.callback_answers.values())
        for answer in answers[self._answers_shown :]:
            if answer.get("text"):
                self._print(f"\n🤖 (pop-up) {answer['text']}")
        self._answers_shown = len(answers)

    async def send(self, line: str) -> None:
        """A typed line: a button number, or a message to the bot ("'2" sends the text "2")."""
        choice = line.strip()
        if choice.startswith("'") and choice[1:].strip():
            self.fake.user_says(CHAT_USER_ID, choice[1:].strip())
        elif choice.isdigit() and 1 <= int(choice) <= len(self.buttons):
            message, data = self.buttons[int(choice) - 1]
            self.fake.user_presses(
                CHAT_USER_ID, self.fake.current(message.chat_id, message.message_id), data
            )
        elif choice.isdigit() and len(choice) <= 2:
            self._print(render("core/chat_no_button.j2", count=len(self.buttons), number=choice))
            return
        elif choice:
            self.fake.user_says(CHAT_USER_ID, choice)
        await self.bot.settle(timeout=30)
        self.show_new()


async def _read_line(stream: TextIO) -> str | None:
    line = await asyncio.to_thread(stream.readline)
    return line if line else None


async def run_chat(
    settings: Settings, stdin: TextIO | None = None, output: TextIO | None = None
) -> int:
    """Talk to the bot until /quit or end of input; returns the exit code."""
    stdin, output = stdin or sys.stdin, output or sys.stdout
    fake = await FakeBotApi(rate_limit=None).start()
    bot = LoopbackBot(fake, offline_settings(settings, fake))
    await bot.start()
    chat = TerminalChat(bot, output)
    interactive = stdin.isatty()
    try:
        chat._print(render("core/chat_intro.j2"))
        await chat.send("/start")
        while True:
            if interactive:
                output.write("\nyou> ")
                output.flush()
            line = await _read_line(stdin)
            if line is None or line.strip() in ("/quit", "/exit"):
                break
            if not interactive:
                chat._print(f"\nyou> {line.rstrip()}")
            await chat.send(line)
    finally:
        await bot.stop()
        await fake.stop()
    chat._print()
    return 0
