"""Every holding named in a free message: "8 AAPL, 12 MSFT and 3 META", "SOL: 40", "$15k SOL",
"40 shares of MSFT", "300k in small caps", "70% ETH and 30% SOL, $250k in all".

`read_positions(text, book)` returns a `Positions`: the `holdings` read (`Position`: symbol,
quantity or value_usd, price_usd, cost_basis_usd, proxy_for), the assets named that `book` cannot
price (`unpriced`, as typed) and `problem`, a friendly sentence when something holding-shaped
cannot be used (a negative or zero amount, a size beyond all the money in the world).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hedging.language.assets import AssetBook, AssetName, proxy_from_match
from hedging.language.numbers import NUMBER, SUFFIX, amount_value
from hedging.language.tokens import Kind, Token, clean, tokenize
from hedging.models import MAX_NOTIONAL_USD

MAX_QUANTITY = 1e12
UNIT_GAP = {"shares", "share", "sh", "shs", "units", "unit", "coins", "coin", "tokens", "x"}
DOLLAR_GAP = {"in", "into", "worth", "inside"}
FILLER_GAP = {"of", "each", "the", "my", "~", "about", "in"}
PAIR_MARKS = {":", "=", "-", "~"}
PURCHASE = re.compile(
    r"\b(?:bought|buy|got|picked up|paid|entry|entered|avg|average|cost basis|dca)", re.I
)
_MONEY = rf"\$?\s?(?P<num>{NUMBER})(?P<suffix>{SUFFIX})?\s?(?P<cents>cents?|c\b)?"
# a price is never followed by a letter, "%" or "x" ("at 2x leverage" is not a price)
_MONEY_PLAIN = rf"\$?\s?(?:{NUMBER})(?:{SUFFIX})?(?:\s?(?:cents?|c)\b)?(?![\w%])(?!\s?x\b)"
TODAY_PRICE = re.compile(rf"^\s*(?:@|\bat\b|\bprice\b)\s*{_MONEY_PLAIN}", re.I)
COST_PRICE = re.compile(
    rf"^[\s,]*(?:(?:at|@)\s*{_MONEY_PLAIN}\s*(?:avg|average|each)?|(?:avg|average(?:\s+price)?|"
    rf"cost\s+basis|entry(?:\s+price)?|paid)\s*(?:of|at|was|is|:|@)?\s*{_MONEY_PLAIN}|for\s*{_MONEY_PLAIN}"
    r"\s*(?:each|apiece|a\s+piece|per))",
    re.I,
)


@dataclass
class Position:
    symbol: str
    quantity: float | None = None
    value_usd: float | None = None
    price_usd: float | None = None
    cost_basis_usd: float | None = None
    proxy_for: str | None = None
    start: int = 0
    end: int = 0


@dataclass
class Positions:
    holdings: list[Position] = field(default_factory=list)
    unpriced: list[str] = field(default_factory=list)
    problem: str | None = None


def _asset(token: Token, book: AssetBook, *, loose: bool = False) -> AssetName | None:
    if token.kind is Kind.PROXY and token.match is not None:
        return proxy_from_match(token.match)
    if token.kind is Kind.WORD:
        return book.lookup(token.text, strict_case=not loose)
    return None


@dataclass
class _Pair:
    amount: Token
    asset: AssetName
    asset_token: Token
    dollars: bool


def _forward(tokens: list[Token], i: int, book: AssetBook, shares_said: bool) -> _Pair | None:
    """Amount then asset: "2 BTC", "40 shares of MSFT", "300k in IWM", "20 grand of eth"."""
    amount = tokens[i]
    gap: list[str] = []
    for j in range(i + 1, min(i + 5, len(tokens))):
        token = tokens[j]
        word = token.text.lower()
        asset = _asset(token, book, loose=bool({"shares", "share", "of"} & set(gap)))
        if asset is not None and word not in UNIT_GAP | FILLER_GAP | DOLLAR_GAP:
            dollars = amount.dollars or bool(DOLLAR_GAP & set(gap)) or asset.proxy_for is not None
            if "of" in gap and not (set(gap) & UNIT_GAP) and not shares_said:
                dollars = dollars or amount.scaled
            return _Pair(amount, asset, token, dollars)
        if token.kind is Kind.WORD and word in UNIT_GAP | FILLER_GAP | DOLLAR_GAP:
            gap.append(word)
            continue
        if token.kind is Kind.MARK and token.text == "~":
            continue
        return None
    return None


def _backward(tokens: list[Token], i: int, book: AssetBook) -> _Pair | None:
    """Asset then amount: "SOL: 40", "XRP 500", "btc=0.7", "$BTC 2", "small caps ~200k"."""
    j = i - 1
    if j >= 0 and tokens[j].kind is Kind.MARK and tokens[j].text in PAIR_MARKS:
        j -= 1
    if j < 0 or tokens[j].kind not in (Kind.WORD, Kind.PROXY):
        return None
    asset = _asset(tokens[j], book)
    if asset is None:
        return None
    amount = tokens[i]
    return _Pair(amount, asset, tokens[j], amount.dollars or asset.proxy_for is not None)


def _pairs(tokens: list[Token], book: AssetBook, order: tuple[str, str]) -> list[_Pair]:
    shares_said = any(t.text.lower() in ("shares", "share", "sh") for t in tokens)
    claimed: set[int] = set()
    pairs: list[_Pair] = []
    for direction in order:
        for i, token in enumerate(tokens):
            if token.kind is not Kind.AMOUNT or token.percent or i in claimed:
                continue
            pair = (
                _forward(tokens, i, book, shares_said)
                if direction == "forward"
                else _backward(tokens, i, book)
            )
            if pair is None or id(pair.asset_token) in claimed:
                continue
            claimed.update({i, id(pair.asset_token)})
            pairs.append(pair)
    return pairs


def _each_of(tokens: list[Token], pairs: list[_Pair], book: AssetBook) -> list[_Pair]:
    """ "10 shares each of aapl and msft": the same amount for every asset in the list."""
    extra: list[_Pair] = []
    for pair in pairs:
        index = tokens.index(pair.asset_token)
        before = {t.text.lower() for t in tokens[max(0, index - 4) : index]}
        if "each" not in before:
            continue
        for token in tokens[index + 1 : index + 7]:
            if token.kind is Kind.AMOUNT:
                break
            asset = _asset(token, book) if token.text.lower() not in ("and", ",") else None
            if asset is not None:
                extra.append(_Pair(pair.amount, asset, token, pair.dollars))
    return pairs + extra


def _percentages(tokens: list[Token], book: AssetBook) -> list[_Pair]:
    """ "70% ETH and 30% SOL, $250k in all": each share of the stated total, in dollars."""
    text = " ".join(t.text.lower() for t in tokens)
    shares: list[tuple[int, float]] = [
        (i, t.value / 100) for i, t in enumerate(tokens) if t.kind is Kind.AMOUNT and t.percent
    ]
    for i, t in enumerate(tokens):
        if t.kind is Kind.WORD and t.text.lower() == "half" and "half a" not in text:
            shares.append((i, 0.5))
        if t.kind is Kind.WORD and t.text.lower() == "rest" and shares:
            shares.append((i, max(0.0, 1 - sum(s for _, s in shares))))
    if re.search(r"\b50\s*/\s*50\b", text):
        first = next(i for i, t in enumerate(tokens) if t.text == "50")
        shares = [(first, 0.5), (first, 0.5)]
    totals = [
        t for t in tokens if t.kind is Kind.AMOUNT and not t.percent and (t.scaled or t.dollars)
    ]
    if not shares or not totals or any(t.text == "50" for t in totals):
        return []
    total = max(totals, key=lambda t: t.value)
    pairs: list[_Pair] = []
    used: set[int] = set()
    for index, share in sorted(shares):
        for j in range(index + 1, len(tokens)):
            asset = _asset(tokens[j], book)
            if asset is not None and j not in used:
                used.add(j)
                scaled = Token(Kind.AMOUNT, total.text, total.start, total.end, total.value * share)
                pairs.append(_Pair(scaled, asset, tokens[j], True))
                break
    return pairs


def _price_after(cleaned: str, end: int, purchase: bool) -> tuple[float | None, float | None]:
    """(today's price, cost basis) written right after a holding."""
    rest = cleaned[end : end + 60]
    for pattern, is_cost in ((COST_PRICE, True), (TODAY_PRICE, False)):
        match = pattern.match(rest)
        if match is None:
            continue
        numbers = [m for m in re.finditer(_MONEY, match.group(), re.I) if m.group("num")]
        money = numbers[-1]
        value = amount_value(money.group("num"), money.group("suffix"))
        if money.group("cents"):
            value /= 100
        at_sign = match.group().lstrip(" ,").startswith(("@", "at"))
        if is_cost and (not at_sign or purchase):
            return None, value
        return value, None
    return None, None


def _loose_unpriced(tokens: list[Token], book: AssetBook, taken: set[int]) -> list[str]:
    """Upper-case tickers named next to an amount that no pair took ("5000 LINK" is paired; this
    catches "LINK and 2 BTC" style leftovers only when they sit beside an amount)."""
    found = []
    for i, token in enumerate(tokens):
        if token.kind is not Kind.WORD or id(token) in taken:
            continue
        asset = book.lookup(token.text, fuzzy=False)
        near_amount = any(
            t.kind is Kind.AMOUNT and not t.percent for t in tokens[max(0, i - 2) : i + 3]
        )
        if asset is not None and not asset.priced and near_amount:
            found.append(asset.typed)
    return found


def read_positions(text: str, book: AssetBook, *, is_clean: bool = False) -> Positions:
    """Every holding in a free message, the assets it names that we cannot price, or a problem.
    With is_clean=True the text has already been through tokens.clean."""
    cleaned = text if is_clean else clean(text)
    tokens = tokenize(cleaned)
    purchase = PURCHASE.search(cleaned) is not None
    pairs = _percentages(tokens, book)
    if not pairs:
        forward = _pairs(tokens, book, ("forward", "backward"))
        backward = _pairs(tokens, book, ("backward", "forward"))
        pairs = backward if len(backward) > len(forward) else forward
        pairs = _each_of(tokens, pairs, book)
        if not any(p.asset.proxy_for for p in pairs):
            pairs += _lone_proxy(tokens, pairs)
    result = Positions()
    seen: set[str] = set()
    for pair in sorted(pairs, key=lambda p: p.asset_token.start):
        problem = _size_problem(pair)
        if problem:
            return Positions(problem=problem)
        end = max(pair.amount.end, pair.asset_token.end)
        price, cost = _price_after(cleaned, end, purchase)
        if not pair.asset.priced and price is None:  # "10 LINK @ 25" is priced by the user
            if pair.asset.typed.upper() not in seen:
                seen.add(pair.asset.typed.upper())
                result.unpriced.append(pair.asset.typed)
            continue
        if price is not None and price <= 0:
            return Positions(problem=f"The price of {pair.asset.symbol} must be more than zero.")
        result.holdings.append(
            Position(
                symbol=pair.asset.symbol,
                quantity=None if pair.dollars else pair.amount.value,
                value_usd=pair.amount.value if pair.dollars else None,
                price_usd=price,
                cost_basis_usd=cost,
                proxy_for=pair.asset.proxy_for,
                start=min(pair.amount.start, pair.asset_token.start),
                end=end,
            )
        )
    taken = {id(p.asset_token) for p in pairs}
    for name in _loose_unpriced(tokens, book, taken):
        if name.upper() not in seen:
            seen.add(name.upper())
            result.unpriced.append(name)
    return result


def _lone_proxy(tokens: list[Token], pairs: list[_Pair]) -> list[_Pair]:
    """ "my portfolio is 400k, all nasdaq": a proxy and a dollar size apart in the same message."""
    used = {id(p.amount) for p in pairs}
    proxies = [t for t in tokens if t.kind is Kind.PROXY]
    sizes = [
        t
        for t in tokens
        if t.kind is Kind.AMOUNT and not t.percent and (t.scaled or t.dollars) and id(t) not in used
    ]
    if len(proxies) != 1 or not sizes or proxies[0].match is None:
        return []
    asset = proxy_from_match(proxies[0].match)
    return [_Pair(sizes[0], asset, proxies[0], True)] if asset else []


def _size_problem(pair: _Pair) -> str | None:
    symbol = pair.asset.symbol
    if pair.amount.negative:
        return (
            f"The amount of {symbol} must be more than zero: tell me what you hold, "
            f"like 2 {symbol}."
        )
    if pair.amount.value <= 0:
        return f"The amount of {symbol} must be more than zero."
    if pair.amount.value > (MAX_NOTIONAL_USD if pair.dollars else MAX_QUANTITY):
        return f"That much {symbol} is worth more than all the money in the world; check the size."
    return None
