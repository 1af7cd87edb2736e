"""Text to search terms for the FAQ matcher: tokens, light stemming, thesaurus, stopwords."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
    working""".split()  # noqa: SIM905
)


def stem(word: str) -> str:
    """Strip common English endings so hedge/hedges/hedging/hedged share one form."""
    if word.startswith(CANONICAL) or len(word) <= 3 or word.isdigit():
        return word
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


# In a question, "you" is the bot: "where do you get prices" asks how the bot works.
QUESTION_ALIASES = {"you": "bot", "your": "bot", "yours": "bot", "u": "bot"}
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
        """The closest known word to an unknown one, or the word itself."""
        if len(word) < MIN_TYPO_LENGTH or not word.isalpha() or stem(word) in self.known_stems:
            return word
        from rapidfuzz import fuzz, process

        cutoff = TYPO_CUTOFF_LONG if len(word) >= LONG_WORD else TYPO_CUTOFF_SHORT
        best = process.extractOne(word, self.known_words, scorer=fuzz.ratio, score_cutoff=cutoff)
        return word if best is None else best[0]

    def terms(self, question: str, *, aliases: bool = True) -> list[str]:
        """Terms of the question; aliases=False leaves "you" out (it is not a topic word)."""
        words = [w if w in STOPWORDS else self.correct(w) for w in tokens(question)]
        if aliases:
            words = [QUESTION_ALIASES.get(w, w) for w in words]
        return self.thesaurus.replace(words)
