"""How many questions the bot asks before the first plan card, on messages people wrote.

Every message of tests/data/understanding_messages.toml labelled `route = "plan"` is sent by a
fresh user to the handler-level bot (the real Application on the in-process fake Bot API, the
bot's clock at the file's `now`). While no plan card has come back, whatever the bot sent counts
as one question, answered the way a hurried user would: the first option of a hedge step, or
"1 BTC" typed when the bot asked for the holding in words. A message that ends somewhere else
(the FAQ, an error with no way on) is reported as "no plan". Goal: at most 1 question on average.

    python benchmarks/first_plan_questions.py [--split tune|heldout|all] [--show N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.devtools.fake_api import BotAction, FakeBotApi
from bot.features.hedge.buttons import ConcernButton, HorizonButton, OutlookButton, PresetButton
from tests import DATA
from tests.e2e.chat import Person
from tests.features.harness import InProcessBot, in_process_settings

PLAN_CARD = "🛡 Hedge plan"
MAX_ROUNDS = 6
STEP_BUTTONS = (PresetButton, ConcernButton, HorizonButton, OutlookButton)


@dataclass(frozen=True)
class Outcome:
    text: str
    split: str
    questions: int
    planned: bool


def _is_card(actions: list[BotAction]) -> bool:
    return any(action.text.startswith(PLAN_CARD) for action in actions)


def _step_button(action: BotAction) -> str | None:
    """The first answer a hedge question offers, as callback data."""
    for row in action.buttons:
        for button in row:
            data = button.get("callback_data")
            if any(kind.unpack(data) is not None for kind in STEP_BUTTONS):
                return str(data)
    return None


async def questions_before_plan(bot: InProcessBot, person: Person, text: str) -> tuple[int, bool]:
    actions = await person.says(text)
    for asked in range(MAX_ROUNDS):
        if _is_card(actions):
            return asked, True
        if not actions:
            return asked, False
        last = bot.fake.current(person.id, actions[-1].message_id)
        data = _step_button(last)
        if data is not None:
            mark = len(bot.fake.actions)
            bot.fake.user_presses(person.id, last, data)
            await bot.settle()
            actions = [a for a in bot.fake.actions[mark:] if a.chat_id == person.id]
        elif last.buttons:
            return asked, False  # an answer with buttons of its own (the FAQ): no plan asked for
        else:
            actions = await person.says("1 BTC")
    return MAX_ROUNDS, _is_card(actions)


async def run(split: str) -> list[Outcome]:
    data = tomllib.loads((DATA / "understanding_messages.toml").read_text(encoding="utf-8"))
    messages = [
        m
        for m in data["messages"]
        if m.get("expect", {}).get("route") == "plan" and split in ("all", m["split"])
    ]
    api = FakeBotApi(rate_limit=None)
    bot = await InProcessBot(api, in_process_settings(api)).start()
    outcomes = []
    try:
        for number, message in enumerate(messages):
            person = Person(bot, 10_000 + number)  # type: ignore[arg-type]
            asked, planned = await questions_before_plan(bot, person, message["text"])
            outcomes.append(Outcome(message["text"], message["split"], asked, planned))
        reference = Person(bot, 9_999)  # type: ignore[arg-type]
        asked, planned = await questions_before_plan(bot, reference, "I hold 2 BTC")
        outcomes.append(Outcome("I hold 2 BTC", "reference", asked, planned))
    finally:
        await bot.stop()
    return outcomes


def report(outcomes: list[Outcome], show: int) -> None:
    for split in ("tune", "heldout"):
        rows = [o for o in outcomes if o.split == split]
        if not rows:
            continue
        planned = [o.questions for o in rows if o.planned]
        mean = statistics.fmean(planned) if planned else float("nan")
        none = sum(1 for o in rows if not o.planned)
        at_once = sum(1 for o in rows if o.planned and o.questions == 0)
        print(
            f"{split:8} {len(rows):3} messages: {mean:.2f} questions before the first plan "
            f"(plan at once {at_once}, at most one {sum(q <= 1 for q in planned)}, "
            f"no plan {none})"
        )
    for o in outcomes:
        if o.split == "reference":
            print(f'"{o.text}": {o.questions} questions, plan {"yes" if o.planned else "no"}')
    worst = sorted((o for o in outcomes if o.split != "reference"), key=lambda o: -o.questions)
    for o in worst[:show]:
        print(f"  {o.questions} {'plan' if o.planned else 'none'}  {o.text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "heldout", "all"), default="all")
    parser.add_argument("--show", type=int, default=0, help="list the N messages asking most")
    args = parser.parse_args()
    report(asyncio.run(run(args.split)), args.show)


if __name__ == "__main__":
    main()
