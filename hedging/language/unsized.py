"""Assets a message says the person holds without saying how much: "hedge my ETH", "I own some
tesla shares", "protect my NVDA investment", "I'm long BTC", "as a SOL holder...".

`read_unsized(cleaned, book)` -> the `AssetName`s, in order, of assets the book can price. A
word only counts as held when a word of possession stands just before it ("my", "I hold", "I'm
long") or a holder's word just after it ("BTC holder", "ETH bags"), and not when what follows
makes it a derivative on the asset ("my BTC short", "my ETH puts"): those are positions taken,
not holdings to protect. The bot then asks for the size instead of guessing it.
"""

from __future__ import annotations

from dataclasses import replace

from hedging.language.assets import AssetBook, AssetName, proxy_from_match
from hedging.language.tokens import Kind, Token, tokenize

POSSESSION = frozenset(
    {"my", "our", "hold", "holds", "holding", "own", "owns", "have", "has", "got", "long"}
)
# words that may stand between the possession and the asset: "my 2 big ETH bags" has a size
BETWEEN = frozenset(
    {"some", "a", "bit", "of", "lot", "few", "little", "the", "all", "these", "those", "bunch"}
    | {"shares", "share", "position", "stake", "in", "big", "small", "entire", "whole"}
)
HOLDER_AFTER = frozenset(
    {"holder", "holders", "holdings", "bag", "bags", "stack", "hodler", "hodlers"}
)
DERIVATIVE_AFTER = frozenset(
    {"short", "shorts", "put", "puts", "call", "calls", "option", "options", "future", "futures"}
    | {"perp", "perps", "perpetual", "perpetuals", "hedge", "hedges", "contract", "contracts"}
    | {"loan", "loans", "leverage", "margin", "etf", "etfs", "cfd", "cfds", "price", "chart"}
)
LIST_JOINS = frozenset({"and", ",", "&", "+", "plus", "some"})
REACH = 4  # words looked back from the asset for the possession


def _asset(token: Token, book: AssetBook) -> AssetName | None:
    if token.kind is Kind.PROXY and token.match is not None:
        proxy = proxy_from_match(token.match)
        return proxy and replace(proxy, typed=token.text)
    if token.kind is Kind.WORD:  # only what can be priced: a size alone then makes a plan
        found = book.lookup(token.text, fuzzy=False)
        return found if found is not None and found.priced else None
    return None


def _possessed(tokens: list[Token], i: int) -> bool:
    """A word of possession within reach before token i, with only filler between."""
    for j in range(i - 1, max(i - 1 - REACH, -1), -1):
        word = tokens[j].text.lower()
        if tokens[j].kind is not Kind.WORD:
            return False
        if word in POSSESSION:
            return True
        if word not in BETWEEN:
            return False
    return False


def read_unsized(cleaned: str, book: AssetBook) -> list[AssetName]:
    """Priced assets the (cleaned) message says are held, with no size given for them."""
    tokens = tokenize(cleaned)
    found: dict[str, AssetName] = {}
    last = -1  # the token of the last asset found: "my BTC and ETH" holds both
    for i, token in enumerate(tokens):
        asset = _asset(token, book)
        if asset is None or asset.symbol in found:
            continue
        after = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
        if after in DERIVATIVE_AFTER:
            continue
        listed = last >= 0 and all(t.text.lower() in LIST_JOINS for t in tokens[last + 1 : i])
        if listed or _possessed(tokens, i) or after in HOLDER_AFTER:
            found[asset.symbol] = asset
            last = i
    return list(found.values())
