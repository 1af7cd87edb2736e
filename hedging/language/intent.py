"""What a message says about the hedge's purpose: the event feared, the outlook, the budget.

`read_concern(text)` -> Concern | None; `read_outlook(text)` -> Outlook | None;
`read_budget(text)` -> dollars | None. Each takes the cleaned text (see tokens.clean).
"""

from __future__ import annotations

import re
from typing import TypeVar

from hedging.language.numbers import NUMBER, SUFFIX, amount_value
from hedging.models import Concern, Outlook

T = TypeVar("T")

CONCERN_WORDS: list[tuple[Concern, str]] = [
    (
        Concern.FOMC,
        r"fomc|(?<!fed up )the fed\b(?! up)|fed (?:meeting|decision|day|minutes|chair)|powell|"
        r"rate (?:decision|cut|hike)s?|interest rates?|\bfed\b(?! up)",
    ),
    (Concern.CPI, r"cpi|inflation(?: print| data| report| numbers?)?"),
    (Concern.EARNINGS, r"earnings?|quarterly (?:results|report)|results season|er\b"),
    (Concern.TOKEN_UNLOCK, r"(?:token )?unlocks?|vesting(?: cliff)?|(?<!off a )cliff\b"),
    (
        Concern.REGULATORY,
        r"\bsec\b|etf (?:decision|approval|deadline|ruling)|regulat\w*|lawsuit|sues?\b|"
        r"crackdown|\bban\b",
    ),
    (
        Concern.GENERAL,
        r"nothing (?:specific|in particular)|no (?:specific|particular) (?:event|reason)|"
        r"in general|just (?:general|in case)",
    ),
]
OUTLOOK_WORDS: list[tuple[Outlook, str]] = [
    (
        Outlook.INSURANCE,
        r"insurance|insure|safety net|keep (?:my |the )?(?:upside|gains)|upside|"
        r"(?:don'?t|do not|not) (?:want to )?cap|protective puts?",
    ),
    (
        Outlook.UNSURE,
        r"not sure|unsure|no idea|idk|(?:don'?t|do not) know|either way|uncertain|50/50|"
        r"no (?:clear )?view|no conviction|zero conviction|could go (?:both|either)|coin ?flip",
    ),
    (
        Outlook.BIG_DROP,
        r"\d+(?:\.\d+)?\s?% (?:drop|fall|crash|dump|drawdown|decline|correction|dip)|"
        r"big (?:drop|fall|dip|correction)|crash\w*|dump\w*|bearish|bear market|tank\w*|nuke\w*|"
        r"collapse|pull ?back|plunge|rug ?pull|going (?:down|to zero)|capitulat\w*|"
        r"expect (?:a |the )?(?:drop|fall|decline)|correction|sell-?off|drawdown|"
        r"(?:get|getting|be) (?:rekt|wrecked|liquidated)|rekt|blood ?bath",
    ),
]
_MONEY = rf"\$?\s?(?P<num>{NUMBER})\s?(?P<suffix>{SUFFIX})?\s?(?:usd|dollars|bucks|\$)?"
BUDGET = re.compile(
    r"(?:no more than|not more than|at most|up to|under|below|less than|max(?:imum)?(?: budget)?|"
    r"budget(?: of| is|:)?|cap(?:ped)?(?: it)? at|cost cap(?: of)?|cap of|"
    r"spend(?: at most| up to| only)?|"
    r"only spend|willing to (?:pay|spend)|have (?:like |about )?)\s*"
    r"(?:maybe |about |around |roughly |approx(?:imately)? |like |~ ?)?" + _MONEY,
    re.I,
)
BUDGET_CONTEXT = re.compile(r"budget|spend|cap|cost|pay|for this|on this|please|premium", re.I)


def _compiled(table: list[tuple[T, str]]) -> list[tuple[T, re.Pattern[str]]]:
    return [(value, re.compile(rf"\b(?:{words})", re.IGNORECASE)) for value, words in table]


CONCERNS = _compiled(CONCERN_WORDS)
OUTLOOKS = _compiled(OUTLOOK_WORDS)


def _first(table: list[tuple[T, re.Pattern[str]]], text: str) -> T | None:
    best: tuple[int, T] | None = None
    for value, pattern in table:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), value)
    return best[1] if best else None


def read_concern(text: str) -> Concern | None:
    """fomc, cpi, earnings, token_unlock, regulatory or general; None when no event is named."""
    return _first(CONCERNS, text)


def read_outlook(text: str) -> Outlook | None:
    """big_drop, unsure or insurance; None when the message says nothing of the sort."""
    return _first(OUTLOOKS, text)


def read_budget(text: str) -> float | None:
    """The most the user will spend on the hedge: "no more than $600", "cap it at 2k"."""
    for match in BUDGET.finditer(text):
        phrase = match.group()
        after = text[match.end() : match.end() + 20]
        is_money = "$" in phrase or re.search(r"usd|dollars|bucks", phrase, re.I)
        said_for = BUDGET_CONTEXT.search(phrase + after)
        if phrase.lower().startswith("have") and not (is_money and said_for):
            continue
        if phrase.lower().startswith(("under", "below", "less than")) and not (
            is_money or said_for
        ):
            continue
        return amount_value(match.group("num"), match.group("suffix"))
    return None
