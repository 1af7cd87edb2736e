"""QuantLib's American engines, the reference the American pricer's tests compare with."""

import pytest

from hedging.pricing import OptionType

ql = pytest.importorskip("QuantLib")


TODAY = ql.Date(2, 1, 2025)


# QuantLib's BAW call engine raises on a yield of 2.2e-16 and never returns on 1e-11; below this
# a yield moves a price by under 1e-8 of the spot a year, so it is priced as none
TINY_YIELD = 1e-8


def quantlib_american(kind, spot, strike, days, rate, vol, dividend_yield, engine):
    """QuantLib's price of an American option exercisable from today to `days` ahead."""
    if dividend_yield < TINY_YIELD:
        dividend_yield = 0.0
    ql.Settings.instance().evaluationDate = TODAY
    counting = ql.Actual365Fixed()
    process = ql.BlackScholesMertonProcess(
        ql.QuoteHandle(ql.SimpleQuote(spot)),
        ql.YieldTermStructureHandle(ql.FlatForward(TODAY, dividend_yield, counting)),
        ql.YieldTermStructureHandle(ql.FlatForward(TODAY, rate, counting)),
        ql.BlackVolTermStructureHandle(
            ql.BlackConstantVol(TODAY, ql.NullCalendar(), vol, counting)
        ),
    )
    right = ql.Option.Put if kind is OptionType.PUT else ql.Option.Call
    option = ql.VanillaOption(
        ql.PlainVanillaPayoff(right, strike), ql.AmericanExercise(TODAY, TODAY + days)
    )
    engines = {
        "baw": lambda: ql.BaroneAdesiWhaleyApproximationEngine(process),
        "alo": lambda: ql.QdFpAmericanEngine(process, ql.QdFpAmericanEngine.accurateScheme()),
        "fd": lambda: ql.FdBlackScholesVanillaEngine(process, 800, 800),
        "binomial": lambda: ql.BinomialVanillaEngine(process, "lr", 801),
    }
    option.setPricingEngine(engines[engine]())
    return option.NPV()
