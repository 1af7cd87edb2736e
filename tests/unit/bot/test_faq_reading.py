"""Issue 11: the FAQ reads real questions: the asking sentence, context, false friends, plans,
the machine interface, and the figures it holds on the tuning data."""

from __future__ import annotations

import io
import json
import re
import tomllib

import pytest

from benchmarks.faq_eval import real_questions
from bot.cli import main
from bot.features.faq.evaluation import Question, Scores
from bot.features.faq.knowledge import Outcome, knowledge_base
from bot.features.faq.words import in_another_script, sentences
from tests import DATA

KB = knowledge_base()


def ranked(question: str) -> list[str]:
    return [m.entry.id for m in KB.search(question, limit=3)]


def test_the_asking_sentence_outweighs_the_backstory_around_it() -> None:
    post = (
        "I bought 5 ETH last spring and the price has been all over the place. "
        "A friend told me to short perps against it. Why is the funding fee negative on my short?"
    )
    weights = [weight for _, weight in sentences(post)]
    assert weights[-1] == 1.0 and max(weights[:-1]) < 1.0
    assert ranked(post)[0] in {"funding", "negative_funding"}


@pytest.mark.parametrize(
    ("text", "foreign"),
    [
        ("老大 能不能系统的讲一期 如何利用资金费率套利的", True),
        ("Скажите, пожалуйста, что такое хеджирование?", True),
        ("Que coûte un CFD ?", False),  # Latin letters: the matcher reads "CFD" and answers
        ("what is a funding rate on BTCUSDT? 🤔", False),
        ("资金费率 funding rate on perps, how does it work?", False),
        ("2 BTC", False),
    ],
)
def test_only_a_text_written_mostly_in_another_script_is_one_the_matcher_cannot_read(
    text: str, foreign: bool
) -> None:
    assert in_another_script(text) is foreign


def test_a_post_that_never_asks_weighs_every_sentence_alike() -> None:
    assert {w for _, w in sentences("Hedge mode on Binance. One-way mode too.")} == {1.0}


def test_prices_amounts_and_unknown_tickers_are_not_topic_words() -> None:
    read = KB.reader.read("I hold 1000 shares of XYZQ bought at $37.50. How many put contracts?")
    assert not {"xyzq", "37", "50"} & set(read.unigrams)
    assert ranked("I hold 1000 shares of XYZQ. How many put contracts?")[0] == "put_contracts"


@pytest.mark.parametrize(
    ("question", "not_this"),
    [
        ("which fund should I put my savings in", "funding"),  # fund is not funding
        ("I keep a long position in ETH, what is basis risk", "remove_hedge"),  # not "how long"
        ("what is a hedge fund", "inverse_etf"),  # a firm, not a fund such as an ETF
    ],
)
def test_a_false_friend_does_not_pull_a_question_to_another_topic(
    question: str, not_this: str
) -> None:
    assert not_this not in ranked(question)[:1]


@pytest.mark.parametrize(
    ("question", "is_country"),
    [
        ("can you tell us how a hedge works", False),
        ("let us say I short ETH against my BTC", False),
        ("is binance available in the us", True),
        ("can US citizens trade on deribit", True),
        ("which exchanges take us based traders", True),
    ],
)
def test_us_is_the_country_only_where_it_cannot_be_the_pronoun(
    question: str, is_country: bool
) -> None:
    assert ("=usa" in KB.reader.read(question).unigrams) is is_country


@pytest.mark.parametrize(
    ("question", "about_the_bot"),
    [
        ("could you please explain what a bitcoin future is", False),
        ("can you tell me how funding works", False),
        ("thank you, and what is basis risk", False),
        ("what is your opinion on collars", False),
        ("where do you get your prices", True),
        ("how do you price the puts", True),
    ],
)
def test_you_is_the_bot_only_where_it_is_not_a_courtesy_to_the_reader(
    question: str, about_the_bot: bool
) -> None:
    assert ("bot" in KB.reader.read(question).unigrams) is about_the_bot


def test_long_position_and_how_long_are_different_terms() -> None:
    position = KB.reader.read("I have a long position").unigrams
    duration = KB.reader.read("how long should I keep it").unigrams
    assert set(position).isdisjoint(duration)


@pytest.mark.parametrize(("typed", "meant"), [("fundng", "funding"), ("liquidaton", "liquidation")])
def test_a_word_that_is_not_english_is_repaired(typed: str, meant: str) -> None:
    assert KB.reader.correct(typed) == meant


@pytest.mark.parametrize("word", ["hackers", "recipe", "station"])
def test_an_english_word_is_never_repaired_into_another(word: str) -> None:
    assert KB.reader.correct(word) == word


@pytest.mark.parametrize(
    ("text", "is_plan"),
    [
        ("You have 3 Bitcoins, each is worth 20k USD. How would you hedge them?", True),
        ("I hold 2 BTC. How do I protect it?", True),
        ("I have 2 BTC. What is funding?", False),
        ("I hold 1000 shares of NVDA. How many put contracts do I need?", False),
    ],
)
def test_a_holding_with_only_how_to_hedge_it_asked_is_a_plan(text: str, is_plan: bool) -> None:
    assert (KB.verdict(text).outcome is Outcome.PLAN) is is_plan


def test_unknown_words_keep_an_off_topic_question_from_any_answer() -> None:
    assert KB.verdict("how do hackers steal coins").outcome is Outcome.NO_MATCH


def test_the_command_line_explains_which_terms_each_entry_matched(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["faq", "hedge mode on binance"]) == 0
    out = capsys.readouterr().out
    assert "read as: " in out and "hedge_mode matched: " in out
    assert re.search(r"hedge_mode .* learned \d\.\d\d .* nearest \d\.\d\d", out)


# ---- the machine interface (a contract: keys and values exactly as issue 11 names them) ----


def test_json_lists_every_entry_with_id_title_and_topic(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert list(listed) == ["entries"]
    assert [e["id"] for e in listed["entries"]] == list(KB.entries)
    assert all(set(e) == {"id", "title", "topic"} for e in listed["entries"])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what are funding rates", {"verdict": "answer", "answer": "funding", "choices": []}),
        ("banana bread recipe", {"verdict": "none", "answer": None, "choices": []}),
        ("hedge my 2 BTC", {"verdict": "plan", "answer": None, "choices": []}),
    ],
)
def test_json_verdict_of_one_question(
    question: str, expected: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["faq", question, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == expected


def test_json_offers_choices_as_a_list_of_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "leverage or margin", "--json"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert (verdict["verdict"], verdict["answer"]) == ("choices", None)
    assert {"cross_leverage", "leverage_liquidation"} <= set(verdict["choices"])


def test_json_reads_one_question_per_line_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("what are funding rates\n\nhedge my 2 BTC\n"))
    assert main(["faq", "-", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["verdict"] for line in lines] == ["answer", "plan"]


# ---- figures held on the tuning data (benchmarks/faq_eval.py prints them all) ----------------

PARAPHRASES = tomllib.loads((DATA / "faq_paraphrases.toml").read_text(encoding="utf-8"))


def real_half(split: str) -> list[Question]:
    return real_questions()[f"real {split}"]


def test_on_the_real_tune_half_few_answers_are_confidently_wrong_and_most_come_first() -> None:
    # 664 questions (457 covered); 447, 398 and 429 of 457 with the learned scorer, which was
    # fitted on them (out of fold, benchmarks/faq_fit_scorer.py --cv gives lower figures); 0 wrong.
    # "Nothing fits" is said below the confidence model's floor, chosen out of fold for the most
    # useful replies: 174 of 183 uncovered ones in sample, where the scorer's nothing-fits column
    # has seen them (out of fold, about half)
    scores = Scores.of(KB, real_half("tune"))
    assert scores.counts["confident wrong"] <= 4
    assert scores.share("first pick right") >= 0.95
    assert scores.share("answered right") >= 0.6
    assert scores.share("among choices") >= 0.9
    assert scores.share("no answer") >= 0.25


def test_on_the_tuning_paraphrases_the_right_entry_is_nearly_always_offered() -> None:
    questions = [
        Question(text, frozenset({entry_id}))
        for entry_id, splits in PARAPHRASES.items()
        for split in ("dev", "dev2")
        for text in splits.get(split, [])
    ]
    scores = Scores.of(KB, questions)
    # 353, 336 and 355 of 360 with the learned scorer fitted on them (out of fold: 331, 246, 348)
    assert scores.share("confident wrong") <= 0.01
    assert scores.share("first pick right") >= 0.90
    assert scores.share("answered right") >= 0.75
    assert scores.share("among choices") >= 0.95
