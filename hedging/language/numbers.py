"""Amounts as people type them: "1,000", ".5", "30k", "2 million", "20 grand", "two and a half".

`words_to_digits(text)` rewrites spelled-out numbers as digits so every other reader only has to
know digits; `amount_value(number, suffix)` turns a matched number and suffix into a float. A
suffix counts only when no letter follows it, so the "B" of "25 BNB" is never a billion.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# how many of a thing these words mean; "a few" is a guess the card can show
VAGUE = {"a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "a dozen": 12, "dozen": 12}
FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "tenth": 0.1}
MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3, "grand": 1e3, "g": 1e3,
    "m": 1e6, "mm": 1e6, "mn": 1e6, "mil": 1e6, "mill": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9,
}  # fmt: skip
# glued letters ("30k", "2m") and spaced words ("2 million", "20 grand"); never followed by a letter
SUFFIX = r"(?:(?:k|mm|mn|m|bn|b)|\s*(?:thousand|grand|million|mill|mil|billion))(?![a-z])"
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"

_CARDINAL = "|".join(sorted(UNITS, key=len, reverse=True))
_SCALE = "|".join(SCALES)
_SPELLED = re.compile(
    rf"\b(?:{_CARDINAL})(?:[\s-]+(?:{_CARDINAL}|{_SCALE}|and))*\b|\b(?:a|one)\s+(?:{_SCALE})\b",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    r"\b(" + "|".join(sorted(VAGUE, key=len, reverse=True)) + r")\b(?:\s+of\b)?", re.IGNORECASE
)
# "three quarters of a", "a quarter of a", "half a", "half of a", "a tenth of an"
_FRACTION = re.compile(
    r"\b(?:(a|an|one|two|three|\d+)\s+)?(half|quarters?|thirds?|tenths?)\s+(?:of\s+)?(?:an?|one)\b",
    re.IGNORECASE,
)
# "2.5" from "2 and a half", "1 and a quarter"
_AND_A_FRACTION = re.compile(r"\b(\d+)\s+and\s+an?\s+(half|quarter|third)\b", re.IGNORECASE)
# "a bitcoin and a half" -> "1.5 bitcoin"
_THING_AND_A_HALF = re.compile(r"\b(?:an?|one)\s+([a-z]+)\s+and\s+a\s+half\b", re.IGNORECASE)


def _spelled_value(words: str) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "and":
            continue
        if word in ("a", "one") and not seen:
            current, seen = 1.0, True
        elif word in UNITS:
            current += UNITS[word]
            seen = True
        elif word in SCALES:
            scale = SCALES[word]
            current = (current or 1.0) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        else:
            return None
    return total + current if seen else None


def _digits(value: float) -> str:
    return f"{value:.10g}"


def _spelled(match: re.Match[str]) -> str:
    text = match.group()
    trailing_and = re.search(r"[\s-]+and$", text, re.IGNORECASE)  # "two and a half": keep " and"
    core = text[: trailing_and.start()] if trailing_and else text
    value = _spelled_value(core)
    if value is None:
        return text
    return _digits(value) + (trailing_and.group() if trailing_and else "")


def _fraction(match: re.Match[str]) -> str:
    count_word, part = match.group(1), match.group(2).lower().rstrip("s")
    if count_word is None or count_word.lower() in ("a", "an", "one"):
        count = 1.0
    elif count_word.isdigit():
        count = float(count_word)
    else:
        count = float(UNITS[count_word.lower()])
    return _digits(count * FRACTIONS[part])


def _and_a_fraction(match: re.Match[str]) -> str:
    return _digits(int(match.group(1)) + FRACTIONS[match.group(2).lower()])


def words_to_digits(text: str) -> str:
    """The text with spelled-out amounts written as digits: "two and a half btc" -> "2.5 btc"."""
    text = _THING_AND_A_HALF.sub(lambda m: f"1.5 {m.group(1)}", text)
    text = re.sub(r"\bhalf\s+a\s+(mil(?:l|lion)?)\b", r"0.5 \1", text, flags=re.IGNORECASE)
    text = _SPELLED.sub(_spelled, text)
    text = _AND_A_FRACTION.sub(_and_a_fraction, text)
    text = _FRACTION.sub(_fraction, text)
    text = _AND_A_FRACTION.sub(_and_a_fraction, text)
    return _VAGUE.sub(lambda m: str(VAGUE[m.group(1).lower()]), text)


def amount_value(number: str, suffix: str | None = None) -> float:
    """ "1,500" and "k" -> 1500000.0; a missing suffix multiplies by one."""
    scale = MULTIPLIERS[suffix.strip().lower()] if suffix and suffix.strip() else 1.0
    return float(number.replace(",", "")) * scale


MAX_DOLLARS = 1e12  # beyond this a size is a typo, not a wallet
_DOLLAR_AMOUNT = re.compile(
    rf"^\s*(?:usd\s*)?\$?\s*(?P<number>{NUMBER})(?P<suffix>{SUFFIX})?"
    r"\s*(?:\$|usd|dollars?|usdt|usdc)?\s*$",
    re.IGNORECASE,
)


def parse_usd_amount(text: str) -> float | None:
    """A dollar amount on its own: "20000", "$20k", "25,000 USD", "1.5m"; None for anything else,
    zero and absurd sizes included."""
    match = _DOLLAR_AMOUNT.match(text[:100])
    if match is None:
        return None
    amount = amount_value(match["number"], match["suffix"])
    return amount if 0 < amount <= MAX_DOLLARS else None
