"""Cut a message into the pieces the holdings reader pairs up: amounts, words, proxies, marks.

`clean(text)` lowercases nothing but drops emoji, unifies minus signs and dashes and writes word
numbers as digits; `tokenize(cleaned)` returns `Token`s in order. An amount carries its dollar
sign, suffix, percent sign and currency word, so "$15k", "20 grand", "30%" and "300 bucks" are
each one token.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from hedging.language.assets import proxy_pattern
from hedging.language.numbers import NUMBER, SUFFIX, amount_value, words_to_digits

MAX_TEXT = 2000  # nothing useful hides past this; it also bounds the work per message


class Kind(StrEnum):
    AMOUNT = "amount"
    WORD = "word"
    PROXY = "proxy"
    MARK = "mark"


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    start: int
    end: int
    value: float = 0.0
    dollars: bool = False  # "$15k", "15k usd", "20 grand", "300 bucks"
    scaled: bool = False  # had a k/m/bn/grand/million suffix
    percent: bool = False
    negative: bool = False
    glued: bool = False  # no space before it ("3eth", "10ETH")
    match: re.Match[str] | None = None


_AMOUNT = (
    r"(?P<neg>(?<![\w.])-(?=\$?\s?\d))?(?P<dollar>\$\s?)?(?P<num>" + NUMBER + r")"
    r"(?P<suffix>" + SUFFIX + r")?(?P<pct>\s?%)?"
    r"(?P<currency>\s?(?:usd|dollars?|bucks|\$)(?![a-z]))?"
)
_MASTER = re.compile(
    rf"(?P<proxy>\b(?:{proxy_pattern()})\b)"
    rf"|(?P<amount>{_AMOUNT})"
    r"|(?P<word>[$#]?[a-z][a-z0-9]*(?:['’.\-][a-z0-9]+)*)"
    r"|(?P<mark>[@:=~/,;+&.!?()|])",
    re.IGNORECASE,
)


def _strip_symbols(text: str) -> str:
    if text.isascii():  # no emoji, dashes or minus signs to unify: most messages
        return text
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in "−–":
            kept.append("-")
        elif char == "—":
            kept.append(",")
        elif category.startswith("S") and char not in "$%+=~@<>|":
            kept.append(" ")  # emoji and other symbols
        else:
            kept.append(char)
    return "".join(kept)


def clean(text: str) -> str:
    """The message with emoji dropped, dashes unified and word numbers written as digits."""
    return words_to_digits(_strip_symbols(str(text)[:MAX_TEXT]))


def tokenize(cleaned: str) -> list[Token]:
    """Amounts, words, proxy phrases and punctuation marks of a cleaned message, in order."""
    tokens: list[Token] = []
    for match in _MASTER.finditer(cleaned):
        start, end = match.span()
        glued = start > 0 and not cleaned[start - 1].isspace()
        if match.group("proxy"):
            tokens.append(Token(Kind.PROXY, match.group(), start, end, match=match))
        elif match.group("amount"):
            suffix = match.group("suffix")
            dollars = bool(match.group("dollar") or match.group("currency"))
            if suffix and suffix.strip().lower() == "grand":
                dollars = True
            tokens.append(
                Token(
                    Kind.AMOUNT,
                    match.group(),
                    start,
                    end,
                    value=amount_value(match.group("num"), suffix),
                    dollars=dollars,
                    scaled=bool(suffix),
                    percent=bool(match.group("pct")),
                    negative=bool(match.group("neg")),
                    glued=glued,
                )
            )
        elif match.group("word"):
            tokens.append(Token(Kind.WORD, match.group(), start, end, glued=glued))
        else:
            tokens.append(Token(Kind.MARK, match.group(), start, end, glued=glued))
    return tokens
