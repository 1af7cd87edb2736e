"""Text to search terms for the FAQ matcher: tokens, light stemming, thesaurus, stopwords."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

TOKEN = re.compile(r"[a-z0-9]+|%")
TAG = re.compile(r"<[^>]+>")
CANONICAL = "="  # prefix of a thesaurus term, so it is never stemmed or confused with a word
MAX_PHRASE = 4
FILLER = CANONICAL + "filler"  # a thesaurus group named "filler" holds phrases that carry no topic

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can could did didn do does doesn doing don down
    during each few for from further get got had has have having he her here hers him his
    i if im in into is isn it its itself just ll me more most my myself nor now of off on
    once only or other our ours out over own re s same she should so some such t than that
    thats the their them then there these they this those through to too under until up ve
    very was we were what whats which while who whom why how will with would you your
    yours please tell know like want really basically actually thing things work works
    working u ur need needs needed isnt arent wasnt werent dont doesnt didnt cant wont
    wouldnt shouldnt couldnt hasnt havent ive youre theyre hows""".split()  # noqa: SIM905
)


# Words whose stem would be another word with another meaning: "funding" is not "fund".
UNSTEMMED = frozenset({"funding", "fundings"})


def stem(word: str) -> str:
    """Strip common English endings so hedge/hedges/hedging/hedged share one form."""
    if word.startswith(CANONICAL) or len(word) <= 3 or word.isdigit():
        return word
    if word in UNSTEMMED:
        return "funding"
    for suffix, replacement in (
        ("ational", "at"),
        ("ations", "at"),
        ("ation", "at"),
        ("atory", "at"),
        ("ators", "at"),
        ("ator", "at"),
        ("ated", "at"),
        ("ates", "at"),
        ("ate", "at"),
        ("ies", "y"),
        ("sses", "ss"),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    for suffix in ("ingly", "edly", "ing", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # betting -> bet, shorted stays short
            break
    else:
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def plain_text(text: str) -> str:
    """Telegram HTML without its tags and entities."""
    return html.unescape(TAG.sub("", text))


LATIN_END = 0x250  # Basic Latin up to Latin Extended-B: English, and the accents of borrowed words


def in_another_script(text: str) -> bool:
    """Most of its letters are not Latin (Chinese, Cyrillic, Arabic...): a language the
    matcher cannot read, however it is worded."""
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if ord(c) < LATIN_END)
    return len(letters) >= 2 and latin < len(letters) / 2


def tokens(text: str) -> list[str]:
    """Lower-case word tokens of plain or HTML text; '%' is its own token."""
    return TOKEN.findall(plain_text(text).lower().replace("'", ""))


@dataclass(frozen=True)
class Thesaurus:
    """Phrases (as stem sequences) mapped to one canonical term each."""

    phrases: dict[tuple[str, ...], str]
    words: frozenset[str]  # every word the groups use, unstemmed

    @classmethod
    def from_groups(cls, groups: Iterable[Sequence[str]]) -> Thesaurus:
        """Build from groups of synonyms; the first item names the group."""
        phrases: dict[tuple[str, ...], str] = {}
        words: set[str] = set()
        for group in groups:
            canonical = CANONICAL + "".join(tokens(group[0]))
            for phrase in group:
                words.update(tokens(phrase))
                key = tuple(stem(t) for t in tokens(phrase))
                if key:
                    phrases.setdefault(key, canonical)
        return cls(phrases, frozenset(words))

    def replace(self, words: list[str]) -> list[str]:
        """Stems of the words, longest thesaurus phrases first; stopwords outside them dropped."""
        stems = [stem(w) for w in words]
        out: list[str] = []
        i = 0
        while i < len(stems):
            for size in range(min(MAX_PHRASE, len(stems) - i), 0, -1):
                canonical = self.phrases.get(tuple(stems[i : i + size]))
                if canonical is not None:
                    if canonical != FILLER:
                        out.append(canonical)
                    i += size
                    break
            else:
                if words[i] not in STOPWORDS:
                    out.append(stems[i])
                i += 1
        return out


# In a question, "you" may be the bot ("where do you get prices") or anyone ("how do you hedge"),
# so the alias counts for less than a word the person typed.
QUESTION_ALIASES = {"you": "bot", "your": "bot", "yours": "bot"}
ALIAS_WEIGHT = 0.4
# ...but never in a courtesy to the reader: "could you please explain", "thank you", "your thoughts"
FAVOURS = frozenset(
    """explain tell help recommend suggest show give clarify elaborate describe share advise point
    shed break walk let confirm check answer""".split()  # noqa: SIM905
)
ASKED_OF_THE_READER = frozenset(
    "opinion opinions thoughts advice help view views input suggestions recommendations".split()  # noqa: SIM905
)


def addresses_the_reader(words: Sequence[str], i: int) -> bool:
    """Whether the "you" or "your" at i is the person asked a favour, not a topic of the text."""
    before = words[i - 1] if i else ""
    after = [w for w in words[i + 1 : i + 3] if w not in {"please", "pls", "kindly", "guys"}]
    if before in {"thank", "thanks"} or words[i + 1 : i + 2] == ["guys"]:
        return True
    if words[i] == "your":
        return bool(after) and after[0] in ASKED_OF_THE_READER
    return before in {"can", "could", "would", "will"} and bool(after) and after[0] in FAVOURS


# What a post is about rather than what it asks: the asset, the price. Read, but weighed lightly.
CONTEXT_TERMS = frozenset({CANONICAL + w for w in ("btc", "eth", "crypto", "stock", "price")})
CONTEXT_WEIGHT = 0.6
BACKSTORY_WEIGHT = 0.5  # a sentence around the question: it tells the situation, not the topic
ASKING = frozenset(
    """how what whats why when which where who is are do does did can could should would will
    shall any anyone anybody""".split()  # noqa: SIM905
)
# a sentence ends at . ? ! or a line break, and at a colon that opens a question ("the same
# question: how do I hedge my Tesla position?"), so what comes before it reads as backstory
SENTENCE = re.compile(r"(?<=[.?!])\s+|\n+|(?<=:)\s+(?=(?i:" + "|".join(sorted(ASKING)) + r")\b)")
MONEY = re.compile(r"[$€£]\s?\d[\d,.]*\s?[kKmMbB]?\b")  # a price or an amount: context
TICKER = re.compile(r"\$?\b[A-Z][A-Z0-9]{1,5}\b")
# "us" in lower case is the pronoun ("can you tell us", "let us say"), not the country, unless
# it follows "the"/"in" or comes before what a country has ("us residents", "us stocks")
PRONOUN_US = re.compile(
    r"(?<![A-Za-z.])(?<!the )(?<!in )us(?![A-Za-z.])(?!\s*-?\s*(?:residents?|citizens?|based|"
    r"users?|customers?|clients?|persons?|people|traders?|investors?|stocks?|equities|markets?|"
    r"exchanges?|venues?|brokers?|platforms?|accounts?|entit(?:y|ies)|regulat\w*|tax\w*|laws?|"
    r"government|federal|version|only|dollars?)\b)"
)
# rapidfuzz ratio at which an unknown word counts as a misspelling of a known one: stricter for
# short words, where one letter turns crash into cash
TYPO_CUTOFF_SHORT, TYPO_CUTOFF_LONG, LONG_WORD = 90, 85, 7
MIN_TYPO_LENGTH = 5


def terms(text: str, thesaurus: Thesaurus) -> list[str]:
    """Search terms of a text, in order: stems or thesaurus terms, stopwords dropped."""
    return thesaurus.replace(tokens(text))


def with_bigrams(unigrams: list[str]) -> list[str]:
    """The terms plus each adjacent pair, so phrases count more than scattered words."""
    return unigrams + [f"{a} {b}" for a, b in itertools.pairwise(unigrams)]


def sentences(text: str) -> list[tuple[str, float]]:
    """The sentences of a post, each with how much it says about the topic asked.

    When some sentences ask (end in "?" or open with a question word) and others do not, the
    others are backstory. A post that never asks, or asks only, weighs every sentence alike.
    """
    parts = [p.strip() for p in SENTENCE.split(text) if p.strip()]
    asking = [p.endswith("?") or (tokens(p)[:1] or [""])[0] in ASKING for p in parts]
    if all(asking) or not any(asking):
        return [(p, 1.0) for p in parts]
    return [(p, 1.0 if a else BACKSTORY_WEIGHT) for p, a in zip(parts, asking, strict=True)]


@cache
def english_words() -> frozenset[str]:
    """A packaged English word list: typo repair must not turn an English word into another."""
    import gzip
    import json
    from importlib.resources import files

    data = (files("spellchecker") / "resources" / "en.json.gz").read_bytes()
    return frozenset(json.loads(gzip.decompress(data)))


@dataclass(frozen=True)
class ReadQuestion:
    """A question as weighted search terms: unigrams, and unigrams with their bigrams."""

    unigrams: dict[str, float]
    terms: dict[str, float]
    asked: frozenset[str]  # terms of the sentences that ask (all of them in a one-line question)
    asks: bool  # some sentence is a question, not only a statement such as "hedge my 2 BTC"


@dataclass(frozen=True)
class QuestionReader:
    """Turns a question into terms: typos fixed against known words, "you" read as the bot."""

    thesaurus: Thesaurus
    known_words: frozenset[str]
    known_stems: frozenset[str]

    @classmethod
    def from_words(cls, thesaurus: Thesaurus, words: Iterable[str]) -> QuestionReader:
        known = frozenset(words) | thesaurus.words
        return cls(thesaurus, known, frozenset(stem(w) for w in known))

    def correct(self, word: str) -> str:
        """The closest known word to an unknown one that is not English either, or the word."""
        if len(word) < MIN_TYPO_LENGTH or not word.isalpha() or stem(word) in self.known_stems:
            return word
        if word in english_words():  # "hackers" is not a typo of "trackers"
            return word
        from rapidfuzz import fuzz, process

        cutoff = TYPO_CUTOFF_LONG if len(word) >= LONG_WORD else TYPO_CUTOFF_SHORT
        best = process.extractOne(word, self.known_words, scorer=fuzz.ratio, score_cutoff=cutoff)
        return word if best is None else best[0]

    def _sentence_terms(self, sentence: str, tickers: set[str]) -> tuple[list[str], list[str]]:
        """Terms with and without the "you" aliases; unknown tickers and numbers left out."""
        words = [
            w if w in STOPWORDS else self.correct(w)
            for w in tokens(sentence)
            if not (w in tickers and stem(w) not in self.known_stems)
        ]
        plain = self.thesaurus.replace(words)
        aliased = self.thesaurus.replace(
            [
                QUESTION_ALIASES[w]
                if w in QUESTION_ALIASES and not addresses_the_reader(words, i)
                else w
                for i, w in enumerate(words)
            ]
        )

        def topical(term: str) -> bool:  # an amount or a price is context, "1256" a topic
            return (
                term.startswith(CANONICAL)
                or term in self.known_stems
                or not any(c.isdigit() for c in term)
            )

        return [t for t in aliased if topical(t)], [t for t in plain if topical(t)]

    def read(self, question: str) -> ReadQuestion:
        """Weighted terms: asking sentences over backstory, typed words over aliases and context."""
        question = PRONOUN_US.sub("we", MONEY.sub(" ", question))
        tickers = {t.lstrip("$").lower() for t in TICKER.findall(question)}
        unigrams: dict[str, float] = {}
        weighted: dict[str, float] = {}
        asked: set[str] = set()
        parts = sentences(question)
        typed_any = False
        for sentence, weight in parts:
            aliased, plain = self._sentence_terms(sentence, tickers)
            typed = set(plain)
            typed_any = typed_any or bool(typed)
            term_weight = {
                t: weight
                * (CONTEXT_WEIGHT if t in CONTEXT_TERMS else 1.0 if t in typed else ALIAS_WEIGHT)
                for t in aliased
            }
            if weight == 1.0:
                asked.update(plain)
            for term, w in term_weight.items():
                unigrams[term] = max(unigrams.get(term, 0.0), w)
            for pair in with_bigrams(aliased)[len(aliased) :]:
                first, second = pair.split(" ")
                w = min(term_weight[first], term_weight[second])
                weighted[pair] = max(weighted.get(pair, 0.0), w)
        if not typed_any:
            return ReadQuestion({}, {}, frozenset(), False)  # "how are you": only the aliases
        asks = any(s.endswith("?") or (tokens(s)[:1] or [""])[0] in ASKING for s, _ in parts)
        return ReadQuestion(unigrams, unigrams | weighted, frozenset(asked), asks)

    def terms(self, question: str, *, aliases: bool = True) -> list[str]:
        """Terms of the question; aliases=False leaves "you" out (it is not a topic word)."""
        read = self.read(question)
        return [t for t, w in read.unigrams.items() if aliases or w != ALIAS_WEIGHT]
