"""Payoff charts as sent: valid PNGs of the stated size, one-line captions, and the cache."""

from __future__ import annotations

import asyncio
import struct
import subprocess
import sys
import zlib

import pytest

from bot.features.charts.figures import HEIGHT_PX, WIDTH_PX
from bot.features.charts.images import (
    ChartCache,
    ChartImage,
    cache_key,
    plan_chart,
    render_comparison_chart,
    render_plan_chart,
)
from bot.features.charts.labels import label, usd_short
from bot.ui import telegram_rules
from hedging.models import HedgeKind, Recommendation
from tests.conftest import SAMPLE_HOLDINGS

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, payload) chunks of a PNG, each checked against its CRC."""
    assert data[:8] == PNG_SIGNATURE
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        payload = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert zlib.crc32(kind + payload) == crc, f"bad CRC in {kind!r}"
        chunks.append((kind, payload))
        offset += 12 + length
    return chunks


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, after checking the whole file's structure."""
    chunks = png_chunks(data)
    kinds = [kind for kind, _ in chunks]
    assert (kinds[0], kinds[-1]) == (b"IHDR", b"IEND")
    assert b"IDAT" in kinds
    image = zlib.decompress(b"".join(p for k, p in chunks if k == b"IDAT"))
    width, height, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
    channels = {2: 3, 6: 4}[colour]
    assert len(image) == height * (1 + width * channels * depth // 8)  # every row is there
    return width, height


@pytest.mark.parametrize("holdings", SAMPLE_HOLDINGS)
def test_every_plan_chart_is_a_valid_png_of_the_stated_size(sample_recommendations, holdings):
    recommendation = sample_recommendations[holdings]
    for plan in recommendation.plans:
        image = render_plan_chart(recommendation, plan.kind)
        assert png_size(image.png) == (WIDTH_PX, HEIGHT_PX)


def test_the_stated_size_is_wide_enough_for_a_phone_and_no_wider_than_telegram_keeps():
    assert 1000 <= WIDTH_PX <= 1280
    assert HEIGHT_PX <= WIDTH_PX  # Telegram's photo limit is on the long side


@pytest.mark.parametrize("holdings", ["2 BTC", "$500k SPY", "1 BTC, 20 ETH"])
def test_the_comparison_chart_is_a_valid_png_of_the_stated_size(sample_recommendations, holdings):
    image = render_comparison_chart(sample_recommendations[holdings])
    assert png_size(image.png) == (WIDTH_PX, HEIGHT_PX)


@pytest.mark.parametrize("holdings", SAMPLE_HOLDINGS)
def test_captions_are_one_line_of_valid_telegram_html_within_1024_characters(
    sample_recommendations, holdings
):
    recommendation = sample_recommendations[holdings]
    images = [render_plan_chart(recommendation, p.kind) for p in recommendation.plans]
    images.append(render_comparison_chart(recommendation))
    for image in images:
        parsed = telegram_rules.check_text(image.caption, limit=telegram_rules.MAX_CAPTION)
        assert "\n" not in image.caption
        assert 0 < len(parsed.text) <= 1024


def test_a_put_chart_caption_names_the_strike_and_the_breakeven(sample_recommendations):
    recommendation = sample_recommendations["2 BTC"]
    options = next(p for p in recommendation.plans if p.kind == HedgeKind.OPTIONS)
    caption = render_plan_chart(recommendation, HedgeKind.OPTIONS).caption
    assert f"strike is ${options.legs[0].strike_usd:,.0f}" in caption
    assert "breakeven at $" in caption


@pytest.mark.parametrize(
    ("value", "signed", "text"),
    [
        (96_000, False, "$96k"),
        (57_600, False, "$57.6k"),
        (-20_000, True, "\u2212$20k"),
        (25_000, True, "+$25k"),
        (0, True, "$0"),
        (1_250_000, False, "$1.2M"),
        (3e9, False, "$3B"),
        (450, False, "$450"),
        (84, False, "$84"),
        (12.5, False, "$12.5"),
        (0.45, False, "$0.45"),
        (-0.1, True, "\u2212$0.1"),
    ],
)
def test_tick_labels_are_short_dollar_amounts(value, signed, text):
    assert usd_short(value, signed=signed) == text


def test_importing_the_chart_modules_does_not_import_matplotlib():
    code = (
        "import sys, bot.features.charts.images, bot.features.charts.handlers; "
        "print('matplotlib' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_cache_key_changes_with_the_plan_and_not_otherwise(sample_recommendations):
    recommendation = sample_recommendations["2 BTC"]
    first, second = (p.kind for p in recommendation.plans[:2])
    same = Recommendation.model_validate_json(recommendation.model_dump_json())
    assert cache_key(recommendation, first) == cache_key(same, first)
    assert len({cache_key(recommendation, k) for k in (first, second, None)}) == 3


def test_the_cache_keeps_the_most_recently_used_charts_only():
    cache = ChartCache(max_entries=2)
    images = {key: ChartImage(png=key.encode(), caption=key) for key in "abc"}
    cache.put("a", images["a"])
    cache.put("b", images["b"])
    assert cache.get("a") is images["a"]  # a is now the most recent
    cache.put("c", images["c"])
    assert [cache.get(k) for k in "abc"] == [images["a"], None, images["c"]]
    assert (len(cache), cache.hits, cache.misses) == (2, 3, 1)


async def test_a_chart_is_rendered_once_per_plan_then_served_from_the_cache(sample_recommendations):
    recommendation, cache = sample_recommendations["2 BTC"], ChartCache()
    kind = recommendation.plans[0].kind
    first = await plan_chart(recommendation, kind, cache)
    again = await plan_chart(recommendation, kind, cache)
    both = await plan_chart(recommendation, None, cache)
    assert again is first
    assert both is not first
    assert (len(cache), cache.hits, cache.misses) == (2, 1, 2)


async def test_a_double_tap_draws_the_chart_once(sample_recommendations):
    recommendation, cache = sample_recommendations["$500k SPY"], ChartCache()
    first, second = await asyncio.gather(
        plan_chart(recommendation, None, cache), plan_chart(recommendation, None, cache)
    )
    assert first is second
    assert (len(cache), cache.drawing) == (1, {})


async def test_rendering_leaves_the_event_loop_free_to_serve_others(sample_recommendations):
    recommendation = sample_recommendations["10 ETH"]
    ticks = 0
    task = asyncio.create_task(plan_chart(recommendation, None, ChartCache()))
    while not task.done():
        ticks += 1
        await asyncio.sleep(0)
    await task
    assert ticks > 1  # the loop kept turning while the chart was drawn in a worker thread


def test_hedgebot_chart_writes_one_png_per_plan_and_one_with_all(tmp_path, capsys):
    from bot.cli import main

    assert main(["chart", "10 ETH", "--out", str(tmp_path)]) == 0
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(["chart_all.png", *(f"chart_{k}.png" for k in HedgeKind)])
    assert {png_size(path.read_bytes()) for path in tmp_path.iterdir()} == {(WIDTH_PX, HEIGHT_PX)}
    assert "<b>" not in capsys.readouterr().out  # captions printed as plain text


def test_hedgebot_chart_refuses_unreadable_holdings_in_one_line(tmp_path, capsys):
    from bot.cli import main

    assert main(["chart", "lots of coins", "--out", str(tmp_path)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("showing", [None, HedgeKind.OPTIONS])
def test_buttons_under_a_chart_fit_telegrams_64_bytes_at_the_largest_ids(
    sample_recommendations, showing
):
    from bot.features.charts.handlers import chart_keyboard

    recommendation = sample_recommendations["2 BTC"]
    markup = chart_keyboard(2**53, 10**12, recommendation, showing)
    data = [b.callback_data for row in markup.inline_keyboard for b in row]
    for item in data:
        telegram_rules.check_callback_data(str(item))
    others = [p for p in recommendation.plans if p.kind != showing]
    assert len(data) == len(others) + (showing is not None)  # other plans, and "all" under one plan


@pytest.mark.parametrize(
    ("macro", "args", "text"),
    [
        ("strike_group", (3, -0.07, -0.05), "3 put strikes, \u22127% to \u22125% from today"),
        ("liquidation_group", ("", 2, 0.31), "2 shorts, the first liquidated at +31%"),
        (
            "liquidation_group",
            ("full", 3, 0.1),
            "Full hedge: 3 shorts, the first liquidated at +10%",
        ),
        ("plan_title", ("your 3 holdings", "Protective put"), "Your 3 holdings: Protective put"),
        ("recommended", ("Protective put",), "Protective put \u2605 recommended"),
        (
            "liquidation",
            (4482.07, "ETH", False, False),
            "ETH short liquidated at $4,482 (off chart)",
        ),
    ],
)
def test_chart_labels_read_as_plain_words_with_true_minus_signs(macro, args, text):
    assert label(macro, *args) == text
