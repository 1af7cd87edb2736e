"""The FAQ knowledge base and matcher: entries, paraphrases, ambiguity, no match, plan requests."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from bot.cli import main
from bot.features.faq.handlers import answer_text
from bot.features.faq.knowledge import (
    Outcome,
    entry_link,
    knowledge_base,
    load_knowledge_base,
    looks_like_plan_request,
)
from bot.ui.render import templates_dir
from bot.ui.telegram_rules import MAX_TEXT, check_text
from tests import DATA

PARAPHRASES: dict[str, dict[str, list[str]]] = tomllib.loads(
    (DATA / "faq_paraphrases.toml").read_text(encoding="utf-8")
)
KB = knowledge_base()
ENTRY_IDS = sorted(KB.entries)
EDUCATION_NOTE = "Education, not financial advice"
GOAL_TOP1, GOAL_TOP3 = 0.90, 0.98  # issue 5: share of paraphrases whose entry ranks first / top 3
PHONE_SCREENS = 1500  # characters of plain text: about two screens on a phone
# Words that carry no topic: the one-shared-word rule for paraphrases counts only the rest.
FUNCTION_WORDS = set(
    """a an as the i im i'm me my is are am be do does did can could should would will won't how
    what whats when which where why who to of in on for and or it its vs with at by if so
    this that there you your we""".split()  # noqa: SIM905
)


def words(text: str) -> set[str]:
    return {w.removesuffix("'s") for w in re.findall(r"[a-z0-9']+", text.lower())}


def all_paraphrases(entry_id: str) -> list[str]:
    return [q for split in PARAPHRASES[entry_id].values() for q in split]


TUNING_SPLITS = ("dev", "dev2")  # the splits the matcher may be tuned on (the file's header)


def tuning_paraphrases(entry_id: str) -> list[str]:
    """The paraphrases a test may hold the matcher to; held-out and blind ones are only
    measured, by benchmarks/faq_eval.py, so that their figures stay honest."""
    return [q for split in TUNING_SPLITS for q in PARAPHRASES[entry_id].get(split, [])]


def offered(question: str) -> list[str]:
    """Entry ids the bot would show for a question: the answer, or the choice buttons."""
    return [m.entry.id for m in KB.verdict(question).matches]


def test_the_base_has_at_least_25_entries_and_every_one_has_paraphrases() -> None:
    assert len(KB.entries) >= 25
    assert sorted(PARAPHRASES) == ENTRY_IDS


def test_the_issue_topics_are_all_covered() -> None:
    required = {
        "short_selling", "no_guarantee", "remove_hedge", "us_crypto", "what_is_hedging",
        "full_hedge", "partial_hedge", "protective_put", "correlated_hedge", "when_to_hedge",
        "fomc_cpi", "earnings", "token_unlocks", "regulation", "tax", "perpetuals",
        "quarterly_futures", "options", "cfds", "sizing", "cross_isolated", "funding",
        "fees_slippage", "opportunity_cost", "basis_risk", "leverage_liquidation",
        "bot_methods", "bot_option_pricing", "bot_liquidation", "bot_hedge_ratio", "bot_data",
        "binance", "bybit", "kraken", "interactive_brokers", "ig",
    }  # fmt: skip
    assert required - set(KB.entries) == set()


def test_the_us_entry_names_the_regulated_routes_and_warns_that_facts_change() -> None:
    answer = KB.entries["us_crypto"].answer
    for route in ("CME", "FCM", "Coinbase Derivatives", "Kraken", "Bitnomial", "IBIT"):
        assert route in answer
    assert "do not accept US persons" in answer
    assert "move quickly" in answer


def test_every_topic_has_entries_and_every_entry_a_known_topic() -> None:
    assert {e.topic for e in KB.entries.values()} == {t.id for t in KB.topics}


@pytest.mark.parametrize("entry_id", ENTRY_IDS)
def test_answer_is_valid_telegram_html_short_enough_for_a_phone(entry_id: str) -> None:
    rendered = answer_text(KB.entries[entry_id])
    parsed = check_text(rendered, limit=MAX_TEXT)
    assert len(parsed.text) <= PHONE_SCREENS


@pytest.mark.parametrize("entry_id", ENTRY_IDS)
def test_answer_ends_with_the_education_note_exactly_when_it_touches_a_decision(
    entry_id: str,
) -> None:
    entry = KB.entries[entry_id]
    last_line = answer_text(entry).splitlines()[-1]
    assert (EDUCATION_NOTE in last_line) is entry.decision
    assert "financial advice" not in entry.answer  # the note lives in the template, once


@pytest.mark.parametrize("entry_id", ENTRY_IDS)
def test_related_entries_exist_and_exclude_the_entry_itself(entry_id: str) -> None:
    related = KB.entries[entry_id].related
    assert 1 <= len(related) <= 6
    assert set(related) <= set(KB.entries) - {entry_id}


@pytest.mark.parametrize("entry_id", ENTRY_IDS)
def test_each_paraphrase_shares_at_most_one_word_with_the_title(entry_id: str) -> None:
    title = words(KB.entries[entry_id].title) - FUNCTION_WORDS
    questions = all_paraphrases(entry_id)
    assert len(questions) >= 6
    assert [q for q in questions if len(words(q) & title) > 1] == []


@pytest.mark.parametrize("entry_id", ENTRY_IDS)
def test_tuning_paraphrases_find_their_entry(entry_id: str) -> None:
    """At least three in four of an entry's tuning paraphrases get it as the answer or a button.

    A floor per entry against regressions; the precision of every split, held-out and blind
    included, is printed by benchmarks/faq_eval.py. A paraphrase that names a holding
    ("for 1 btc") goes to the planner, which is also right.
    """
    questions = tuning_paraphrases(entry_id)
    missed = [q for q in questions if entry_id not in offered(q) and not looks_like_plan_request(q)]
    assert len(missed) <= len(questions) // 4, missed


def test_the_tuning_paraphrases_meet_the_goals_of_90_percent_top_1_and_98_top_3() -> None:
    """The precision goals, held on the splits tuning may use (faq_eval.py prints every split;
    the held-out and blind figures are reported, not tuned for)."""
    ranked = [
        (entry_id, [m.entry.id for m in KB.search(question, limit=3)])
        for entry_id in ENTRY_IDS
        for question in tuning_paraphrases(entry_id)
    ]
    top1 = sum(ids[:1] == [entry_id] for entry_id, ids in ranked) / len(ranked)
    top3 = sum(entry_id in ids for entry_id, ids in ranked) / len(ranked)
    assert (top1 >= GOAL_TOP1, top3 >= GOAL_TOP3) == (True, True), f"{top1=:.1%} {top3=:.1%}"


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("what are funding rates", "funding"),
        ("fundng rate", "funding"),
        ("protectve puts", "protective_put"),
        ("liquidaton price at 10x leverage", "leverage_liquidation"),
        ("basis", "basis_risk"),
        ("ibkr", "interactive_brokers"),
        ("tax", "tax"),
        ("Is hedging the same as short selling?", "short_selling"),
        ("hedging??", "what_is_hedging"),
        ("tell me about hedges", "what_is_hedging"),
    ],
)
def test_a_clear_question_gets_one_answer(question: str, entry_id: str) -> None:
    verdict = KB.verdict(question)
    assert (verdict.outcome, [m.entry.id for m in verdict.matches]) == (Outcome.CLEAR, [entry_id])


@pytest.mark.parametrize(
    ("question", "general", "specific"),
    [
        ("leverage", "leverage_liquidation", "cross_leverage"),
        ("hedge ratio", "sizing", "bot_hedge_ratio"),
    ],
)
def test_a_bare_topic_word_leads_with_the_general_entry_and_keeps_the_specific_one_a_tap_away(
    question: str, general: str, specific: str
) -> None:
    verdict = KB.verdict(question)
    ids = [m.entry.id for m in verdict.matches]
    assert verdict.outcome in (Outcome.CLEAR, Outcome.AMBIGUOUS)
    assert ids[0] == general
    assert specific in set(ids) | set(KB.entries[general].related)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("leverage or margin", {"cross_leverage", "leverage_liquidation"}),
        ("funding or basis", {"funding", "basis_risk"}),
    ],
)
def test_a_question_between_two_topics_offers_both(question: str, expected: set[str]) -> None:
    verdict = KB.verdict(question)
    ids = [m.entry.id for m in verdict.matches]
    assert verdict.outcome is Outcome.AMBIGUOUS
    assert 2 <= len(ids) <= 3 and expected <= set(ids)


@pytest.mark.parametrize(
    "question",
    [
        "banana bread recipe", "who won the football", "how are you", "hello", "asdfgh", "🙂🙂",
        "", "   ", "?!", "where is the nearest train station", "x" * 5000,
    ],
)  # fmt: skip
def test_an_unrelated_question_is_no_match(question: str) -> None:
    assert KB.verdict(question).outcome is Outcome.NO_MATCH


@pytest.mark.parametrize(
    ("text", "is_plan"),
    [
        ("hedge my 2 BTC", True),
        ("how do I hedge 2 BTC?", True),
        ("I hold 2 BTC, how do I hedge it?", True),
        ("how should I protect my 1.5 eth", True),
        ("I have 2 BTC: what is funding?", False),
        ("I hold 0.5 eth, worried about CPI", True),
        ("$500k of SPY before earnings", True),
        ("what if i hedge 30%", False),
        ("what is funding", False),
        ("hedge only half of my btc", False),
        ("fed meeting in 2 weeks", False),
        ("how do I hedge my ETH?", True),
        ("I own some tesla shares, worried about earnings", True),
        ("what's the best way to protect my bitcoin", True),
        ("why does my BTC short pay funding", False),
        ("should I hedge my bitcoin with puts or futures?", False),
        ("how do I hedge my eth with puts?", True),
        ("How to hedge my spot SOL holdings with SOL contracts?", True),
        ("hold btc and short eth", False),
        ("what are puts? i have btc", False),
        ("Many holders ask the same question: how do I hedge my Tesla position?", True),
        ("use my btc itself as collateral for a short", False),
        ("I own 1,000 shares of AAPL. Do I use puts or calls to protect my position?", True),
        ("I hold 100 AAPL, how many put contracts do I need?", False),
        ("protect my apple shares pls", True),
        ("whats the cheapest way to hedge my btc", True),
        ("got a bunch of solana, how do i not get wrecked if it dumps", True),
        ("my btc bags are bleeding, how do I protect them", True),
        ("how do I avoid losing money on my eth if it crashes", True),
        ("how do I not pay funding on my btc short", False),
    ],
)
def test_a_plan_request_is_recognised_and_sent_to_the_planner(text: str, is_plan: bool) -> None:
    assert looks_like_plan_request(text) is is_plan
    assert (KB.verdict(text).outcome is Outcome.PLAN) is is_plan


def test_search_ranks_with_scores_best_first() -> None:
    matches = KB.search("cross or isolated margin mode", limit=3)
    assert matches[0].entry.id == "cross_isolated"
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_entry_link_is_a_t_me_deep_link_that_start_understands() -> None:
    link = entry_link("funding", "@hedgebot_fake_bot")
    assert link == "https://t.me/hedgebot_fake_bot?start=faq_funding"
    payload = link.split("start=")[1]
    assert len(payload) <= 64 and re.fullmatch(r"[A-Za-z0-9_-]+", payload)
    entry = KB.from_start_payload(payload)
    assert entry is not None and entry.id == "funding"


def test_entry_link_refuses_an_unknown_entry() -> None:
    with pytest.raises(KeyError):
        entry_link("no_such_entry", "hedgebot_fake_bot")


@pytest.mark.parametrize("payload", ["faq_nope", "plan_12", "", "faq_"])
def test_a_start_payload_that_names_no_entry_opens_nothing(payload: str) -> None:
    assert KB.from_start_payload(payload) is None


def _copy_base(tmp_path: Path) -> Path:
    source = templates_dir() / "faq"
    folder = tmp_path / "faq"
    (folder / "entries").mkdir(parents=True)
    for name in ("topics.toml", "synonyms.toml"):
        (folder / name).write_text((source / name).read_text(encoding="utf-8"), encoding="utf-8")
    for path in (source / "entries").glob("*.toml"):
        (folder / "entries" / path.name).write_text(
            path.read_text(encoding="utf-8"), encoding="utf-8"
        )
    return folder


def test_a_related_id_that_does_not_exist_stops_loading(tmp_path: Path) -> None:
    folder = _copy_base(tmp_path)
    path = folder / "entries" / "funding.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"perpetuals"', '"perpetualz"', 1), encoding="utf-8")
    with pytest.raises(ValueError, match="perpetualz"):
        load_knowledge_base(folder)


def test_a_copy_of_the_shipped_base_loads_with_the_same_entries(tmp_path: Path) -> None:
    assert sorted(load_knowledge_base(_copy_base(tmp_path)).entries) == ENTRY_IDS


def test_an_entry_file_no_topic_lists_stops_loading(tmp_path: Path) -> None:
    folder = _copy_base(tmp_path)
    (folder / "entries" / "stray.toml").write_text(
        (folder / "entries" / "funding.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(ValueError, match="stray"):
        load_knowledge_base(folder)


def test_the_menu_lists_each_topic_s_entries_in_the_order_topics_toml_gives() -> None:
    assert [e.id for e in KB.in_topic("basics")] == [
        "what_is_hedging", "short_selling", "no_guarantee", "remove_hedge", "us_crypto",
    ]  # fmt: skip


def test_the_command_line_shows_the_verdict_confidence_scores_and_answer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["faq", "what", "are", "funding", "rates"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "verdict: clear"
    assert lines[1].startswith("confidence in the first pick: ")
    assert "learned_lead" in lines[1]
    assert lines[2].split()[0] == "funding"
    assert "Funding on perpetuals" in lines


def test_the_command_line_without_a_question_lists_every_entry(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["faq"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines() if line[:2] == "  "]
    assert listed == list(KB.entries)


REAL_QUESTIONS: list[dict[str, object]] = tomllib.loads(
    (DATA / "faq_real_questions.toml").read_text(encoding="utf-8")
)["question"]


def test_the_real_question_set_is_split_and_names_only_existing_entries() -> None:
    """Issue 11: at least 80 real questions, both halves with covered and uncovered ones."""
    assert len(REAL_QUESTIONS) >= 80
    assert len({q["id"] for q in REAL_QUESTIONS}) == len(REAL_QUESTIONS)
    named = {e for q in REAL_QUESTIONS for e in [q["expected"], *q.get("also", [])] if e}  # type: ignore[misc]
    assert named <= set(KB.entries)
    for split in ("tune", "heldout"):
        half = [q for q in REAL_QUESTIONS if q["split"] == split]
        assert sum(bool(q["expected"]) for q in half) >= 20
        assert sum(not q["expected"] and q.get("kind") != "plan" for q in half) >= 6
    assert all(str(q["source"]).startswith("http") and q["question"] for q in REAL_QUESTIONS)
