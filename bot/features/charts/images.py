"""Payoff charts for the bot: captions, a per-plan cache, and rendering off the event loop."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from bot.features.charts.figures import draw_comparison, draw_plan
from bot.features.charts.labels import holdings_text, label, plan_name
from bot.ui.render import render
from hedging.models import HedgeKind, Recommendation
from hedging.payoff import MarkerKind, Payoff, comparison_payoff, plan_payoff

CACHE_SIZE = 64  # PNGs of ~150 kB each: under 10 MB
CAPTION_LIMIT = 1024


@dataclass(frozen=True)
class ChartImage:
    """A rendered chart: the PNG and the caption to send with it."""

    png: bytes
    caption: str


class ChartCache:
    """A small LRU of rendered charts keyed by a hash of what they draw; safe across threads."""

    def __init__(self, max_entries: int = CACHE_SIZE) -> None:
        self.max_entries = max_entries
        self.hits = 0
        self.misses = 0
        self.drawing: dict[str, asyncio.Future[ChartImage]] = {}  # renders under way, by key
        self._items: OrderedDict[str, ChartImage] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> ChartImage | None:
        with self._lock:
            image = self._items.get(key)
            if image is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return image

    def put(self, key: str, image: ChartImage) -> None:
        with self._lock:
            self._items[key] = image
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


CACHE = ChartCache()


def cache_key(recommendation: Recommendation, kind: HedgeKind | None) -> str:
    """What a chart depends on (the plan or plans, the holdings, the horizon), hashed."""
    plans = [p for p in recommendation.plans if kind is None or p.kind == kind]
    payload = "\n".join(
        [
            "compare" if kind is None else str(kind),
            recommendation.portfolio.model_dump_json(),
            repr(float(recommendation.intent.horizon_days)),
            *(plan.model_dump_json() for plan in plans),
        ]
    )
    return hashlib.sha256(payload.encode()).hexdigest()


# ---- captions: templates/charts/plan_caption.j2 and compare_caption.j2 ----


def _caption_context(payoff: Payoff, recommendation: Recommendation) -> dict[str, Any]:
    return {
        "holdings": holdings_text(payoff),
        "horizon_days": recommendation.intent.horizon_days,
        "axis": label("axis_name", payoff.axis_symbol),
        "low": payoff.prices_usd[0],
        "high": payoff.prices_usd[-1],
        "spot": payoff.spot_usd,
    }


def _one_line(text: str) -> str:
    """Whitespace folded to single spaces; cut at a space if over Telegram's caption limit."""
    line = " ".join(text.split())
    return line if len(line) <= CAPTION_LIMIT else line[:CAPTION_LIMIT].rsplit(" ", 1)[0]


def plan_caption(payoff: Payoff, recommendation: Recommendation, kind: HedgeKind) -> str:
    """The one-line caption of a single plan's chart."""
    text = render(
        "charts/plan_caption.j2",
        plan=plan_name(payoff, kind),
        strikes=payoff.markers_of(MarkerKind.STRIKE),
        liquidations=payoff.markers_of(MarkerKind.LIQUIDATION),
        breakevens=[m.price_usd for m in payoff.markers_of(MarkerKind.BREAKEVEN)],
        **_caption_context(payoff, recommendation),
    )
    return _one_line(text)


def comparison_caption(payoff: Payoff, recommendation: Recommendation) -> str:
    """The one-line caption of the all-plans chart."""
    text = render(
        "charts/compare_caption.j2",
        count=len(payoff.curves) - 1,
        **_caption_context(payoff, recommendation),
    )
    return _one_line(text)


# ---- the async API the handlers use: cached, drawn off the event loop ----


def render_plan_chart(recommendation: Recommendation, kind: HedgeKind) -> ChartImage:
    """Compute and draw one plan's chart (blocking: call it in a worker thread)."""
    payoff = plan_payoff(recommendation, kind)
    png = draw_plan(payoff, kind, recommendation.intent.horizon_days)
    return ChartImage(png=png, caption=plan_caption(payoff, recommendation, kind))


def render_comparison_chart(recommendation: Recommendation) -> ChartImage:
    """Compute and draw the all-plans chart (blocking: call it in a worker thread)."""
    payoff = comparison_payoff(recommendation)
    png = draw_comparison(payoff, recommendation.intent.horizon_days, recommendation.recommended)
    return ChartImage(png=png, caption=comparison_caption(payoff, recommendation))


async def plan_chart(
    recommendation: Recommendation, kind: HedgeKind | None, cache: ChartCache = CACHE
) -> ChartImage:
    """The chart of one plan (kind) or of all plans (None), from the cache or a worker thread.

    A second request for a chart still being drawn (a double tap) waits for the same drawing.
    """
    key = cache_key(recommendation, kind)
    image = cache.get(key)
    if image is not None:
        return image
    drawing = cache.drawing.get(key)
    if drawing is None:
        if kind is None:
            job = asyncio.to_thread(render_comparison_chart, recommendation)
        else:
            job = asyncio.to_thread(render_plan_chart, recommendation, kind)
        drawing = cache.drawing[key] = asyncio.ensure_future(job)
        drawing.add_done_callback(lambda _: cache.drawing.pop(key, None))
    image = await asyncio.shield(drawing)
    cache.put(key, image)
    return image
