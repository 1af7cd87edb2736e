"""Implied volatility by strike: a simple parametric skew for snapshot mode.

IV(K) = ATM IV + slope·(−x) + curvature·x², x = ln(K/F), floored at 5%. With slope > 0 a put
below the money is priced at a higher volatility than the at-the-money option, as listed
markets show (index and crypto put skew); live data replaces it with the venue's own IV per strike.
"""

from __future__ import annotations

import math

MIN_VOL = 0.05


def skewed_vol(
    atm_vol: float, forward: float, strike: float, slope: float, curvature: float
) -> float:
    """The implied volatility at this strike."""
    x = math.log(strike / forward)
    return max(atm_vol - slope * x + curvature * x * x, MIN_VOL)
