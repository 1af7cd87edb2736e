"""A put spread beside the collar: buy the chosen put, sell one about 10% lower. It costs less than
the put alone; in exchange the protection stops at the lower strike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hedging.models import Leg, PutSpreadDetails, Side
from hedging.plans.common import Context, draft_scenarios, option_costs

if TYPE_CHECKING:
    from hedging.plans.options import OptionMarket

SPREAD_WIDTH = 0.10  # the sold put sits about this far below the bought one


def rounding_text(market: OptionMarket, contracts: float) -> str:
    """How the contract count was reached, in one sentence."""
    held, size = market.position.quantity, market.contract_size
    return (
        f"{held:g} {market.asset.symbol} / {size:g} per contract = {held / size:g}, rounded to "
        f"the nearest whole number (at least one): {contracts:g} contracts covering "
        f"{contracts * size:g}."
    )


def build_put_spread(
    context: Context, markets: list[OptionMarket], puts: list[Leg]
) -> PutSpreadDetails | None:
    """Per holding, the bought put and a sold put SPREAD_WIDTH lower, priced at bid and ask."""
    from hedging.plans.options import option_fee, option_leg, strike_near

    if not puts:
        return None
    legs: list[Leg] = []
    fees = spread = net = payout = alone = 0.0
    for market, put in zip(markets, puts, strict=True):
        long_strike = put.strike_usd or 0.0
        lower = strike_near(long_strike * (1 - SPREAD_WIDTH), market.asset.strike_step_usd, -1)
        put_fee = option_fee(context, market, put.premium_per_unit_usd or 0.0, put.contracts or 1.0)
        sold, sold_fee = option_leg(context, market, Side.SELL_PUT, lower)
        legs.extend([put, sold])
        put_spread = market.half_spread(put.premium_usd or 0.0)
        fees += put_fee + sold_fee
        spread += put_spread + market.half_spread(sold.premium_usd or 0.0)
        net += (put.premium_usd or 0.0) - (sold.premium_usd or 0.0)
        payout += (long_strike - lower) * put.quantity
        alone += (put.premium_usd or 0.0) + put_spread + put_fee
    costs = option_costs(net, fees, spread)
    first, sold_first = legs[0], legs[1]
    return PutSpreadDetails.validated(
        {
            "long_strike_usd": first.strike_usd or 0.0,
            "short_strike_usd": sold_first.strike_usd or 0.0,
            "floor_usd": first.strike_usd or 0.0,
            "gap_usd": (first.strike_usd or 0.0) - (sold_first.strike_usd or 0.0),
            "contracts": first.contracts or 0.0,
            "contract_size": first.contract_size or 0.0,
            "quantity": first.quantity,
            "net_premium_usd": net,
            "spread_usd": spread,
            "fees_usd": fees,
            "max_payout_usd": payout,
            "saving_vs_put_usd": alone - costs.total_usd,
            "rounding": rounding_text(markets[0], first.contracts or 0.0),
            "scenarios": draft_scenarios(context, legs, costs),
        }
    )
