"""The payoff pictures themselves: matplotlib (Agg) figures sized and lettered for a phone.

matplotlib is imported inside the drawing functions only, so importing this module stays cheap.
"""

from __future__ import annotations

import io
import threading
from typing import Any

from bot.features.charts.labels import (
    group_text,
    holdings_text,
    label,
    marker_text,
    move_text,
    plan_name,
    usd_short,
    x_title,
)
from hedging.models import HedgeKind
from hedging.payoff import MarkerKind, Payoff

WIDTH_PX = 1280  # Telegram shows photos up to 1280 px on the long side without rescaling
HEIGHT_PX = 1024
DPI = 160

PLAN_COLOURS = {  # Okabe-Ito: tell-apart-able with the common kinds of colour blindness
    HedgeKind.FULL: "#0072B2",
    HedgeKind.PARTIAL: "#E69F00",
    HedgeKind.OPTIONS: "#009E73",
    HedgeKind.CORRELATED: "#CC79A7",
}
UNHEDGED_COLOUR = "#6B6B6B"
LIQUIDATION_COLOUR = "#D55E00"
STRIKE_COLOUR = "#3A3A8C"
INK = "#1F1F1F"
PROFIT_FILL = "#009E73"
LOSS_FILL = "#D55E00"

# the layout, in fractions of the figure (see _finish)
AXES_LEFT, AXES_RIGHT, AXES_TOP = 0.135, 0.955, 0.815
X_LABELS_HEIGHT = 0.118  # tick labels and the axis title under the plot
LEGEND_FITS = ((2, 13), (2, 12), (2, 11), (1, 13))  # (columns, font size), tried in order
LEGEND_PAD = 0.02  # between the legend and the x axis title
Y_TITLE_WIDTH_PX = 62  # the rotated y axis title, its pad and the tick marks
NICE_STEPS = [1, 2, 2.5, 5, 10]  # ticks at $100, $200, $250, $500 (never $80 or $160)

STYLE: Any = {  # typed loosely: matplotlib types rcParams keys as a closed set
    "font.family": "DejaVu Sans",
    "font.size": 14,
    "axes.titlesize": 14,
    "axes.labelsize": 15,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "legend.fontsize": 13,
    "figure.titlesize": 19,
    "axes.edgecolor": "#BBBBBB",
    "axes.labelcolor": INK,
    "text.color": INK,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#E4E4E4",
    "grid.linewidth": 1.0,
    "axes.axisbelow": True,
    "axes.unicode_minus": True,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
}


_RENDER_LOCK = threading.Lock()  # pyplot-free, but matplotlib's font and text caches are shared


# ---- drawing: matplotlib is imported here, never at module import ----


def _figure() -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)  # laid out by hand
    FigureCanvasAgg(figure)
    return figure


def _axes(figure: Any, payoff: Payoff, title: str, subtitle: str, x_label: str) -> Any:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure.text(0.015, 0.985, title, va="top", fontweight="bold", size=STYLE["figure.titlesize"])
    figure.text(0.015, 0.925, subtitle, va="top", color="#555555")
    axes = figure.add_axes((AXES_LEFT, 0.5, AXES_RIGHT - AXES_LEFT, 0.3))  # placed in _finish
    axes.set_xlabel(x_label, labelpad=8)
    axes.set_ylabel(label("y_axis"), labelpad=6)
    axes.xaxis.set_major_locator(MaxNLocator(6, steps=NICE_STEPS))
    axes.yaxis.set_major_locator(MaxNLocator(7, steps=NICE_STEPS))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: usd_short(v)))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: usd_short(v, signed=True)))
    axes.set_xlim(payoff.prices_usd[0], payoff.prices_usd[-1])
    axes.axhline(0, color="#8A8A8A", linewidth=1.4, zorder=1)
    spot = payoff.spot_usd
    moves = axes.secondary_xaxis(
        "top", functions=(lambda p: (p / spot - 1) * 100, lambda m: spot * (1 + m / 100))
    )
    moves.xaxis.set_major_formatter(FuncFormatter(lambda v, _: move_text(v)))
    moves.tick_params(labelsize=12, colors="#777777")
    moves.spines["top"].set_visible(False)
    return axes


def _draw_today(axes: Any, payoff: Payoff) -> Any:
    return axes.axvline(
        payoff.spot_usd,
        color=INK,
        linestyle=(0, (1, 2)),
        linewidth=2,
        zorder=2,
        label=label("today", payoff.spot_usd),
    )


LINE_STYLES: dict[MarkerKind, dict[str, Any]] = {
    MarkerKind.STRIKE: {"color": STRIKE_COLOUR, "linestyle": (0, (6, 3)), "linewidth": 2},
    MarkerKind.LIQUIDATION: {"color": LIQUIDATION_COLOUR, "linestyle": "-", "linewidth": 2.5},
}
POINT_STYLES: dict[MarkerKind, dict[str, Any]] = {
    MarkerKind.STRIKE: {"marker": "D", "markersize": 10, "color": STRIKE_COLOUR},
    MarkerKind.LIQUIDATION: {"marker": "X", "markersize": 13, "color": LIQUIDATION_COLOUR},
}
NO_LEGEND = "_nolegend_"


def _draw_plan_markers(axes: Any, payoff: Payoff, kind: HedgeKind, with_lines: bool) -> None:
    """Strikes and liquidations: vertical lines (one plan) or points on the curve (all plans).

    A plan hedging several holdings has one per leg; past two (one on the all-plans chart) they
    share a legend line that gives the range of moves, so the legend stays readable on a phone.
    """
    from matplotlib.lines import Line2D

    for marker_kind in (MarkerKind.STRIKE, MarkerKind.LIQUIDATION):
        markers = [m for m in payoff.markers_of(marker_kind) if m.plan == kind]
        if not with_lines:  # off-chart marks are explained on the plan's own chart
            markers = [m for m in markers if payoff.on_chart(m)]
        if not markers:
            continue
        grouped = len(markers) > (2 if with_lines else 1)
        shared = group_text(kind, markers, with_lines) if grouped else ""
        for index, marker in enumerate(markers):
            text = marker_text(payoff, marker, with_lines) if not grouped else shared
            text = text if not grouped or index == 0 else NO_LEGEND
            if not payoff.on_chart(marker):
                if text != NO_LEGEND:  # explained in the legend, with no mark on the plot
                    axes.add_line(Line2D([], [], label=text, **LINE_STYLES[marker_kind]))
            elif with_lines:
                axes.axvline(marker.price_usd, zorder=2, label=text, **LINE_STYLES[marker_kind])
            else:
                axes.plot(
                    [marker.price_usd],
                    [marker.pnl_usd],
                    linestyle="none",
                    zorder=5,
                    markeredgecolor="white",
                    markeredgewidth=1.5,
                    label=text,
                    **POINT_STYLES[marker_kind],
                )


def _draw_breakevens(axes: Any, payoff: Payoff, kind: HedgeKind) -> None:
    for marker in payoff.markers_of(MarkerKind.BREAKEVEN):
        if marker.plan == kind and payoff.on_chart(marker):
            axes.plot(
                [marker.price_usd],
                [0],
                marker="o",
                markersize=11,
                linestyle="none",
                zorder=6,
                color="white",
                markeredgecolor=PLAN_COLOURS.get(kind, INK),
                markeredgewidth=3,
                label=label("breakeven", marker.price_usd),
            )


def _label_downside(axes: Any, payoff: Payoff, kind: HedgeKind) -> None:
    """Write the P&L at the chart's lowest price beside the plan's and the unhedged line."""
    plan, unhedged = payoff.curve(kind).pnl_usd[0], payoff.curve(None).pnl_usd[0]
    low, high = axes.get_ylim()
    labels = [(plan, unhedged, PLAN_COLOURS.get(kind, INK), "bold")]
    if abs(unhedged - plan) > 0.08 * (high - low):  # nearer, the two labels would overlap
        labels.append((unhedged, plan, UNHEDGED_COLOUR, "normal"))
    for value, other, colour, weight in labels:
        above = value >= other
        axes.annotate(
            label("edge_value", value),
            (payoff.prices_usd[0], value),
            xytext=(12, 10 if above else -10),
            textcoords="offset points",
            ha="left",
            va="bottom" if above else "top",
            color=colour,
            fontweight=weight,
            zorder=7,
            bbox={
                "boxstyle": "round,pad=0.2",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.85,
            },
        )


def _widest_y_tick_px(figure: Any, axes: Any) -> float:
    """How wide the widest y tick label will be, measured without drawing the figure."""
    from matplotlib.font_manager import FontProperties

    renderer = figure.canvas.get_renderer()
    font = FontProperties(size=STYLE["ytick.labelsize"])
    low, high = axes.get_ylim()
    texts = [usd_short(v, signed=True) for v in axes.get_yticks() if low <= v <= high]
    return max(
        (renderer.get_text_width_height_descent(t, font, ismath=False)[0] for t in texts),
        default=0.0,
    )


def _legend(figure: Any, handles: list[Any], labels: list[str]) -> float:
    """The legend across the bottom in two columns, smaller or in one column if too wide.

    Returns its height as a fraction of the figure's.
    """
    renderer = figure.canvas.get_renderer()
    for columns, size in LEGEND_FITS:
        legend = figure.legend(
            handles,
            labels,
            loc="lower center",
            bbox_to_anchor=(0.5, 0.008),
            ncols=columns,
            fontsize=size,
            frameon=False,
            handlelength=2.6,
            columnspacing=1.6,
            borderaxespad=0.0,
        )
        box = legend.get_window_extent(renderer)
        if box.width <= 0.98 * WIDTH_PX or (columns, size) == LEGEND_FITS[-1]:
            return float(box.height) / HEIGHT_PX
        legend.remove()
    raise AssertionError("unreachable: the last fit is always kept")


def _finish(figure: Any, axes: Any) -> bytes:
    """Legend under the plot, the plot sized to the room left, the PNG bytes.

    The layout is computed, not solved: matplotlib's constrained layout costs a second full
    text pass (about 45 ms a chart), and at one fixed pixel size the margins are known.
    """
    handles, labels = axes.get_legend_handles_labels()
    legend_height = _legend(figure, handles, labels) + LEGEND_PAD
    bottom = legend_height + X_LABELS_HEIGHT
    left = max(AXES_LEFT, (Y_TITLE_WIDTH_PX + _widest_y_tick_px(figure, axes)) / WIDTH_PX)
    axes.set_position((left, bottom, AXES_RIGHT - left, AXES_TOP - bottom))
    buffer = io.BytesIO()
    figure.savefig(
        buffer, format="png", dpi=DPI, metadata={"Software": None}, pil_kwargs={"compress_level": 4}
    )
    return buffer.getvalue()


def draw_plan(payoff: Payoff, kind: HedgeKind, horizon_days: float) -> bytes:
    """One plan against no hedge: P&L after costs, strike, liquidation, breakeven, today."""
    import matplotlib
    import numpy as np

    with _RENDER_LOCK, matplotlib.rc_context(STYLE):
        figure = _figure()
        title = label("plan_title", holdings_text(payoff), plan_name(payoff, kind))
        axes = _axes(
            figure, payoff, title, label("subtitle", horizon_days), x_title(payoff, horizon_days)
        )
        prices = np.asarray(payoff.prices_usd)
        values = np.asarray(payoff.curve(kind).pnl_usd)
        axes.fill_between(
            prices,
            values,
            0,
            where=values >= 0,
            interpolate=True,
            color=PROFIT_FILL,
            alpha=0.10,
            linewidth=0,
        )
        axes.fill_between(
            prices,
            values,
            0,
            where=values <= 0,
            interpolate=True,
            color=LOSS_FILL,
            alpha=0.10,
            linewidth=0,
        )
        axes.plot(
            prices,
            payoff.curve(None).pnl_usd,
            color=UNHEDGED_COLOUR,
            linewidth=3,
            linestyle=(0, (5, 3)),
            label=label("unhedged"),
            zorder=4.5,  # dashed on top: a plan that matches no hedge still shows through the gaps
        )
        axes.plot(
            prices,
            values,
            color=PLAN_COLOURS.get(kind, INK),
            linewidth=4.5,
            label=plan_name(payoff, kind),
            zorder=4,
            solid_capstyle="round",
        )
        _draw_today(axes, payoff)
        _draw_plan_markers(axes, payoff, kind, with_lines=True)
        _draw_breakevens(axes, payoff, kind)
        axes.margins(y=0.1)
        _label_downside(axes, payoff, kind)
        return _finish(figure, axes)


def draw_comparison(
    payoff: Payoff, horizon_days: float, recommended: HedgeKind | None = None
) -> bytes:
    """Every plan on one figure, the recommended one bolder, with no hedge for reference."""
    import matplotlib

    with _RENDER_LOCK, matplotlib.rc_context(STYLE):
        figure = _figure()
        kinds = [c.plan for c in payoff.curves if c.plan is not None]
        title = label("compare_title", holdings_text(payoff), len(kinds))
        axes = _axes(
            figure, payoff, title, label("subtitle", horizon_days), x_title(payoff, horizon_days)
        )
        axes.plot(
            payoff.prices_usd,
            payoff.curve(None).pnl_usd,
            color=UNHEDGED_COLOUR,
            linewidth=3,
            linestyle=(0, (5, 3)),
            label=label("unhedged"),
            zorder=4.5,  # dashed on top: a plan that matches no hedge still shows through the gaps
        )
        for kind in kinds:
            name = plan_name(payoff, kind)
            axes.plot(
                payoff.prices_usd,
                payoff.curve(kind).pnl_usd,
                linewidth=5.5 if kind == recommended else 3.2,
                zorder=4.2 if kind == recommended else 4,
                color=PLAN_COLOURS.get(kind, INK),
                label=label("recommended", name) if kind == recommended else name,
            )
        _draw_today(axes, payoff)
        for kind in kinds:
            _draw_plan_markers(axes, payoff, kind, with_lines=False)
        return _finish(figure, axes)
