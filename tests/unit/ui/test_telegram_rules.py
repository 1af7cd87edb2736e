"""Telegram's parsing rules as the fake enforces them, and clean splitting of long replies."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ui.telegram_rules import (
    TelegramRuleError,
    check_callback_data,
    check_commands,
    check_text,
    parse_html,
    split_html,
    utf16_len,
)


def test_parsing_gives_plain_text_and_entities_with_utf16_offsets() -> None:
    parsed = parse_html('🚀 <b>bold &amp; <i>both</i></b> <a href="https://x.org">link</a> &#39;')
    assert parsed.text == "🚀 bold & both link '"
    assert parsed.entities == [
        {"type": "bold", "offset": 3, "length": 11},
        {"type": "italic", "offset": 10, "length": 4},
        {"type": "text_link", "offset": 15, "length": 4, "url": "https://x.org"},
    ]


@pytest.mark.parametrize(
    "bad",
    [
        "<script>alert(1)</script>",
        "<b>unclosed",
        "closed</b>",
        "<b><i>crossed</b></i>",
        "a < b",
        "a > b",
        "fish & chips",
        "&nbsp;",
        '<span class="red">x</span>',
        "<a>no href</a>",
        "<code><b>inside code</b></code>",
        "<div>block</div>",
        "&#xD800;",
    ],
)
def test_html_telegram_rejects_is_rejected(bad: str) -> None:
    with pytest.raises(TelegramRuleError, match="Bad Request"):
        check_text(bad)


@pytest.mark.parametrize(
    "good",
    [
        '<span class="tg-spoiler">s</span>',
        '<pre><code class="language-py">x</code></pre>',
        "<blockquote expandable>q</blockquote>",
        "<tg-spoiler>s</tg-spoiler>",
        "&lt;&gt;&quot;",
    ],
)
def test_html_telegram_accepts_is_accepted(good: str) -> None:
    check_text(good)


@pytest.mark.parametrize(
    ("text", "limit", "ok"),
    [
        ("a" * 4096, 4096, True),
        ("a" * 4097, 4096, False),
        ("<b>" + "a" * 4096 + "</b>", 4096, True),
        ("😀" * 2048, 4096, True),
        ("😀" * 2049, 4096, False),
        ("c" * 1024, 1024, True),
        ("c" * 1025, 1024, False),
        ("   ", 4096, False),
    ],
)
def test_length_limits_count_parsed_text_in_utf16_units(text: str, limit: int, ok: bool) -> None:
    if ok:
        check_text(text, limit=limit)
    else:
        with pytest.raises(TelegramRuleError):
            check_text(text, limit=limit)


@pytest.mark.parametrize(
    ("data", "ok"), [("x" * 64, True), ("x" * 65, False), ("é" * 33, False), ("", False)]
)
def test_callback_data_is_limited_to_64_bytes(data: str, ok: bool) -> None:
    if ok:
        check_callback_data(data)
    else:
        with pytest.raises(TelegramRuleError, match="BUTTON_DATA_INVALID"):
            check_callback_data(data)


@pytest.mark.parametrize("command", ["Hedge", "with space", "x" * 33, "", "dash-ed"])
def test_invalid_bot_commands_are_rejected(command: str) -> None:
    with pytest.raises(TelegramRuleError, match="BOT_COMMAND_INVALID"):
        check_commands([{"command": command, "description": "d"}])


def test_a_long_reply_splits_at_line_ends_into_valid_messages() -> None:
    lines = [f"<b>line {i}</b> &amp; more text to fill the message up" for i in range(400)]
    source = "\n".join(lines)
    chunks = split_html(source)
    assert len(chunks) > 1
    for chunk in chunks:
        parsed = check_text(chunk)
        assert parsed.text.split("\n")[0].startswith("line ")
    assert "\n".join(parse_html(c).text for c in chunks) == parse_html(source).text


def test_a_tag_spanning_the_cut_is_closed_and_reopened() -> None:
    source = "<pre>" + "\n".join(f"row {i:04d}" for i in range(1000)) + "</pre>"
    chunks = split_html(source)
    assert len(chunks) == 3
    assert all(c.startswith("<pre>") and c.endswith("</pre>") for c in chunks)
    assert sum(utf16_len(parse_html(c).text) for c in chunks) == 8 * 1000 + 999  # nothing lost


def test_one_huge_word_is_cut_by_characters() -> None:
    chunks = split_html("x" * 10_000)
    assert [len(c) for c in chunks] == [4096, 4096, 1808]


def test_a_short_reply_is_one_message() -> None:
    assert split_html("<b>hi</b>") == ["<b>hi</b>"]


TAGS_FOR_TEXT = ["b", "i", "u", "s", "code"]


@st.composite
def telegram_html(draw: st.DrawFn) -> str:
    """Valid Telegram HTML: escaped text (emoji and newlines included) in simple tags."""
    pieces = []
    for _ in range(draw(st.integers(1, 40))):
        text = draw(st.text(alphabet=st.sampled_from("ab <>&\n😀é"), min_size=1, max_size=300))
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        tag = draw(st.sampled_from([None, *TAGS_FOR_TEXT]))
        pieces.append(f"<{tag}>{escaped}</{tag}>" if tag else escaped)
    return "".join(pieces)


@settings(max_examples=60, deadline=None)
@given(telegram_html(), st.integers(20, 500))
def test_split_chunks_are_valid_and_keep_every_visible_character(source: str, limit: int) -> None:
    chunks = split_html(source, limit=limit)
    for chunk in chunks:
        parsed = parse_html(chunk)
        assert utf16_len(parsed.text) <= limit
    kept = "".join(parse_html(chunk).text for chunk in chunks)
    assert "".join(kept.split()) == "".join(parse_html(source).text.split())  # only blanks go
