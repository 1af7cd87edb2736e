"""`hedgebot chart`: draw the payoff charts of some holdings' plans into PNG files, offline."""

from __future__ import annotations

import argparse
import html
import re
from pathlib import Path

from bot.cli import plan as cli_plan


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The same arguments as `hedgebot plan`, and where to write the pictures."""
    cli_plan.add_arguments(parser)
    parser.add_argument("--out", type=Path, default=Path("charts"), help="folder for the PNGs")


def run(args: argparse.Namespace) -> int:
    """One PNG per usable plan and one with every plan; prints each file and its caption."""
    from bot.features.charts.images import render_comparison_chart, render_plan_chart

    recommendation = cli_plan.recommend_from_args(args, "chart")
    if recommendation is None:
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    usable = [p for p in recommendation.plans if p.available]  # the plans the bot offers charts of
    images = {str(p.kind): render_plan_chart(recommendation, p.kind) for p in usable}
    if len(recommendation.plans) > 1:
        images["all"] = render_comparison_chart(recommendation)
    for name, image in images.items():
        path = args.out / f"chart_{name}.png"
        path.write_bytes(image.png)
        print(f"{path}\n  {html.unescape(re.sub(r'<[^>]+>', '', image.caption))}")
    return 0
