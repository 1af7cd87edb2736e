"""How close `american` comes to QuantLib's American engines, and what one price costs.

Run from the repository root: python benchmarks/american_accuracy.py [--draws 3000] [--seed 1]

Random draws over issue 13's domain: put or call, spot 20–700, strike/spot 0.8–1.2, 3–365 days,
rate 0–7%, volatility 10–80%, dividend yield 0–4%. Each is priced by QuantLib's finite-difference
engine (800 × 800) and its Leisen–Reimer binomial tree (801 steps), and compared where the
engine's price is at least 1% of the spot. The two engines' own disagreement is printed too: it
is the floor under any comparison with them. Needs QuantLib (a test-only dependency).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import QuantLib as ql

from hedging.american import american
from hedging.pricing import OptionType

MEANINGFUL = 0.01  # of the spot
GOAL = 0.005
Case = tuple[OptionType, float, float, int, float, float, float]


class Engines:
    """QuantLib's American engines on one Black–Scholes–Merton process whose quotes are reset."""

    def __init__(self) -> None:
        self.today = ql.Date(2, 1, 2025)
        ql.Settings.instance().evaluationDate = self.today
        counting = ql.Actual365Fixed()
        self.spot, self.rate = ql.SimpleQuote(100.0), ql.SimpleQuote(0.0)
        self.dividends, self.vol = ql.SimpleQuote(0.0), ql.SimpleQuote(0.2)

        def curve(quote: ql.SimpleQuote) -> ql.YieldTermStructureHandle:
            return ql.YieldTermStructureHandle(
                ql.FlatForward(self.today, ql.QuoteHandle(quote), counting)
            )

        process = ql.BlackScholesMertonProcess(
            ql.QuoteHandle(self.spot),
            curve(self.dividends),
            curve(self.rate),
            ql.BlackVolTermStructureHandle(
                ql.BlackConstantVol(
                    self.today, ql.NullCalendar(), ql.QuoteHandle(self.vol), counting
                )
            ),
        )
        self.engines = {
            "finite difference 800x800": ql.FdBlackScholesVanillaEngine(process, 800, 800),
            "binomial LR 801": ql.BinomialVanillaEngine(process, "lr", 801),
        }

    def prices(self, case: Case) -> dict[str, float]:
        kind, spot, strike, days, rate, vol, dividend_yield = case
        self.spot.setValue(spot)
        self.rate.setValue(rate)
        self.dividends.setValue(dividend_yield)
        self.vol.setValue(vol)
        right = ql.Option.Put if kind is OptionType.PUT else ql.Option.Call
        option = ql.VanillaOption(
            ql.PlainVanillaPayoff(right, strike),
            ql.AmericanExercise(self.today, self.today + days),
        )
        prices = {}
        for name, engine in self.engines.items():
            option.setPricingEngine(engine)
            prices[name] = option.NPV()
        return prices


def draw(rng: random.Random) -> Case:
    spot = rng.uniform(20, 700)
    return (
        rng.choice([OptionType.PUT, OptionType.CALL]),
        spot,
        spot * rng.uniform(0.8, 1.2),
        rng.randint(3, 365),
        rng.uniform(0.0, 0.07),
        rng.uniform(0.1, 0.8),
        rng.uniform(0.0, 0.04),
    )


def ours(case: Case) -> float:
    kind, spot, strike, days, rate, vol, dividend_yield = case
    return american(kind, spot, strike, days / 365, rate, vol, dividend_yield)


def describe(case: Case) -> str:
    kind, spot, strike, days, rate, vol, dividend_yield = case
    return (
        f"{kind.value} spot {spot:.2f} strike {strike:.2f} ({strike / spot:.3f}) {days} days "
        f"rate {rate:.4f} vol {vol:.4f} yield {dividend_yield:.4f}"
    )


def microseconds_per_price(cases: list[Case], repeats: int = 3) -> float:
    """Best of `repeats` passes over every draw, per price."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for case in cases:
            ours(case)
        best = min(best, time.perf_counter() - start)
    return best / len(cases) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    engines = Engines()
    cases = [draw(rng) for _ in range(args.draws)]
    worst: dict[str, tuple[float, Case, float, float]] = {}
    compared = dict.fromkeys(engines.engines, 0)
    floor = (0.0, cases[0])
    for case in cases:
        price = ours(case)
        references = engines.prices(case)
        spot = case[1]
        for name, reference in references.items():
            if reference < MEANINGFUL * spot:
                continue
            compared[name] += 1
            error = abs(price / reference - 1)
            if error > worst.get(name, (-1.0,))[0]:
                worst[name] = (error, case, price, reference)
        fd, binomial = references.values()
        if min(fd, binomial) >= MEANINGFUL * spot and abs(binomial / fd - 1) > floor[0]:
            floor = (abs(binomial / fd - 1), case)
    print(f"{args.draws} draws (seed {args.seed}); goal: within {GOAL:.1%} of each engine")
    for name, (error, case, price, reference) in worst.items():
        verdict = "ok" if error <= GOAL else "over the goal"
        print(
            f"vs {name}: worst {error:.4%} ({verdict}) over {compared[name]} compared: "
            f"{price:.4f} against {reference:.4f} for {describe(case)}"
        )
    print(f"the engines between themselves: worst {floor[0]:.4%} for {describe(floor[1])}")
    print(f"american: {microseconds_per_price(cases):.1f} µs per price (all draws, best of 3)")


if __name__ == "__main__":
    main()
