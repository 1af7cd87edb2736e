"""Protective puts at three strikes on every holding with listed options, and a collar variant."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from hedging.american import american
from hedging.exercise_boundary import BoundaryBook
from hedging.expiries import expiry_covering
from hedging.models import (
    AssetClass,
    AssetMarket,
    CollarDetails,
    HedgeKind,
    Instrument,
    Leg,
    OptionDetails,
    Outlook,
    Plan,
    Position,
    Side,
    VenueRef,
)
from hedging.plans.common import Context, draft_scenarios, option_costs
from hedging.plans.finish import finish_plan
from hedging.plans.put_spread import build_put_spread
from hedging.pricing import OptionType, black76, black_scholes, black_scholes_delta
from hedging.skew import skewed_vol
from hedging.venues import venues_for

STRIKE_OFFSETS = (0.0, -0.05, -0.10)
# collar: the highest call strike that still pays for the put
CALL_OFFSETS = (0.25, 0.20, 0.15, 0.10, 0.05, 0.03, 0.02)
STRIKE_BY_OUTLOOK = {Outlook.BIG_DROP: 0, Outlook.UNSURE: 1, Outlook.INSURANCE: 1}
SECONDS_PER_YEAR = 365 * 24 * 3600
BLACK_76 = "black-76"
BLACK_SCHOLES = "black-scholes"
AMERICAN = "american"  # Andersen–Lake–Offengelt exercise boundary, for share and ETF options


@dataclass(frozen=True, slots=True)
class OptionMarket:
    """How options on one asset are priced and traded for this person."""

    asset: AssetMarket
    position: Position
    venues: tuple[VenueRef, ...]
    expiry: datetime
    years: float  # now to expiry
    model: str
    rate: float
    dividend_yield: float
    vol: float  # at the money
    contract_size: float
    boundaries: BoundaryBook  # this request's, shared with its scenario tables

    def vol_at(self, strike: float) -> float:
        """Implied volatility at this strike: the snapshot's skew around the ATM figure."""
        asset = self.asset
        return skewed_vol(self.vol, asset.price_usd, strike, asset.skew_slope, asset.skew_curvature)

    def price(self, kind: OptionType, strike: float) -> float:
        """Mid premium per unit of the underlying, at the strike's own volatility."""
        spot, vol = self.asset.price_usd, self.vol_at(strike)
        if self.model == BLACK_76:
            return black76(kind, spot, strike, self.years, self.rate, vol)
        if self.model == AMERICAN:
            return american(
                kind, spot, strike, self.years, self.rate, vol, self.dividend_yield, self.boundaries
            )
        return black_scholes(kind, spot, strike, self.years, self.rate, vol, self.dividend_yield)

    def delta(self, kind: OptionType, strike: float) -> float:
        carry = self.rate if self.model == BLACK_76 else self.dividend_yield
        return black_scholes_delta(
            kind, self.asset.price_usd, strike, self.years, self.rate, self.vol_at(strike), carry
        )

    def half_spread(self, premium: float) -> float:
        """Crossing the spread beyond the mid: buying at the ask or selling at the bid."""
        return premium * self.asset.option_spread / 2


def strike_near(price: float, step: float | None, rounding: int = 0) -> float:
    """A listed-style strike near a price: nearest (0), next below (-1) or next above (+1).

    Without a known strike step, steps of a power of ten around 1% of the price are assumed.
    """
    if step is None:
        step = 10 ** math.floor(math.log10(price * 0.01))
    units = price / step
    rounded = math.floor(units + 1e-9) if rounding < 0 else math.ceil(units - 1e-9)
    if rounding == 0:
        rounded = round(units)
    return max(step, rounded * step)


def option_market(context: Context, position: Position) -> OptionMarket | None:
    """Listed options for a holding in the person's region, or None."""
    asset = context.assets[position.symbol]
    if Instrument.OPTION not in context.request.intent.instruments:
        return None
    if asset.option_contract_size is None:
        return None
    venues = venues_for(context.region, asset.asset_class, asset.symbol, Instrument.OPTION)
    if not venues:
        return None
    expiry = expiry_covering(
        asset.asset_class, asset.symbol, context.now, context.horizon_days, asset.option_expiries
    )
    years = max((expiry - context.now).total_seconds() / SECONDS_PER_YEAR, 1e-6)
    crypto = asset.asset_class is AssetClass.CRYPTO
    shares = asset.asset_class in (AssetClass.STOCK, AssetClass.ETF)
    european = BLACK_76 if crypto or asset.asset_class is AssetClass.INDEX else BLACK_SCHOLES
    return OptionMarket(
        asset=asset,
        position=position,
        venues=venues,
        expiry=expiry,
        years=years,
        model=AMERICAN if shares else european,
        rate=0.0 if crypto else context.market.risk_free_rate,
        dividend_yield=asset.dividend_yield,
        vol=asset.implied_volatility or asset.volatility,
        contract_size=asset.option_contract_size,
        boundaries=context.boundaries,
    )


def option_fee(
    context: Context, market: OptionMarket, premium_per_unit: float, contracts: float
) -> float:
    """Crypto: 0.03% of the underlying per unit, capped at 12.5% of the premium; else a flat
    fee per contract."""
    if market.asset.asset_class is AssetClass.CRYPTO:
        fees = context.fees
        per_unit = min(
            fees.option_rate * market.asset.price_usd, fees.option_cap * premium_per_unit
        )
        return per_unit * contracts * market.contract_size
    return context.fees.stock_option_per_contract_usd * contracts


@dataclass(frozen=True, slots=True)
class OptionQuote:
    """One option priced for the holding in whole contracts: what its Leg and details need."""

    side: Side
    strike: float
    vol: float  # at this strike
    per_unit: float  # mid premium per unit of the underlying
    contracts: float
    quantity: float
    fee: float


def quote_option(context: Context, market: OptionMarket, side: Side, strike: float) -> OptionQuote:
    """The option covering the holding in whole contracts, priced, with its fee."""
    kind = OptionType.PUT if side in (Side.BUY_PUT, Side.SELL_PUT) else OptionType.CALL
    per_unit = market.price(kind, strike)
    contracts = max(1.0, float(round(market.position.quantity / market.contract_size)))
    fee = option_fee(context, market, per_unit, contracts)
    quantity = contracts * market.contract_size
    return OptionQuote(side, strike, market.vol_at(strike), per_unit, contracts, quantity, fee)


def quoted_leg(context: Context, market: OptionMarket, quote: OptionQuote) -> Leg:
    """The plan's leg for a quoted option."""
    spot = market.asset.price_usd
    return Leg.validated(
        {
            "symbol": market.asset.symbol,
            "instrument": Instrument.OPTION,
            "side": quote.side,
            "quantity": quote.quantity,
            "notional_usd": quote.quantity * spot,
            "price_usd": spot,
            "contracts": quote.contracts,
            "contract_size": market.contract_size,
            "strike_usd": quote.strike,
            "venue": market.venues[0].name,
            "move_beta": 1.0,
            "expiry": market.expiry,
            "premium_usd": quote.per_unit * quote.quantity,
            "premium_per_unit_usd": quote.per_unit,
            "implied_vol": quote.vol,
            "rate": market.rate,
            "dividend_yield": market.dividend_yield,
            "years_left_at_horizon": max(market.years - context.years, 0.0),
            "option_model": market.model,
        }
    )


def option_leg(
    context: Context, market: OptionMarket, side: Side, strike: float
) -> tuple[Leg, float]:
    """One option leg covering the holding in whole contracts, and its fee."""
    quote = quote_option(context, market, side, strike)
    return quoted_leg(context, market, quote), quote.fee


def put_details(
    context: Context, market: OptionMarket, offset: float
) -> tuple[OptionQuote, OptionDetails]:
    """A put at a strike `offset` from the price, with what it costs and protects. Only the
    chosen strike becomes a leg (quoted_leg), so the others build none."""
    spot = market.asset.price_usd
    strike = strike_near(spot * (1 + offset), market.asset.strike_step_usd, -1 if offset else 0)
    quote = quote_option(context, market, Side.BUY_PUT, strike)
    held, fee, per_unit = market.position.quantity, quote.fee, quote.per_unit
    premium = per_unit * quote.quantity
    spread = market.half_spread(premium)
    delta = market.delta(OptionType.PUT, strike)
    coin = per_unit / spot if market.asset.asset_class is AssetClass.CRYPTO else None
    details = OptionDetails.validated(
        {
            "strike_usd": strike,
            "expiry_days": market.years * 365,
            "implied_vol": quote.vol,
            "rate": market.rate,
            "premium_per_unit_usd": per_unit,
            "model": market.model,
            "symbol": market.asset.symbol,
            "strike_pct": strike / spot - 1,
            "expiry": market.expiry,
            "contracts": quote.contracts,
            "contract_size": market.contract_size,
            "quantity": quote.quantity,
            "premium_usd": premium,
            "fees_usd": fee,
            "delta": delta,
            "worst_case_loss_usd": spot * held - strike * quote.quantity + premium + fee + spread,
            "breakeven_usd": spot + (premium + fee + spread) / held,
            "ask_per_unit_usd": per_unit + market.half_spread(per_unit),
            "spread_usd": spread,
            "premium_adjusted_delta": None if coin is None else delta - coin,
            "premium_coin": coin,
        }
    )
    return quote, details


def _choose_strike(context: Context, totals: list[float]) -> int:
    """Strike by outlook; with a budget, the nearest cheaper strike that fits it."""
    chosen = STRIKE_BY_OUTLOOK[context.request.intent.outlook]
    budget = context.request.intent.max_cost_usd
    if budget is not None and totals[chosen] > budget:
        fitting = [index for index in range(chosen, len(totals)) if totals[index] <= budget]
        chosen = fitting[0] if fitting else len(totals) - 1
    return chosen


def _collar(
    context: Context, markets: list[OptionMarket], puts: list[Leg], put_fees: float
) -> CollarDetails:
    """Sell, per holding, the highest call whose premium still covers its put."""
    legs: list[Leg] = list(puts)
    fees = put_fees
    spread = 0.0
    calls: list[Leg] = []
    for market, put in zip(markets, puts, strict=True):
        spot = market.asset.price_usd
        put_premium = put.premium_per_unit_usd or 0.0
        candidates = [
            strike_near(spot * (1 + offset), market.asset.strike_step_usd, 1)
            for offset in CALL_OFFSETS
        ]
        strike = next(
            (k for k in candidates if market.price(OptionType.CALL, k) >= put_premium),
            candidates[-1],
        )
        call, fee = option_leg(context, market, Side.SELL_CALL, strike)
        calls.append(call)
        fees += fee
        spread += market.half_spread(put.premium_usd or 0.0)
        spread += market.half_spread(call.premium_usd or 0.0)
    legs.extend(calls)
    net = sum(leg.premium_usd or 0.0 for leg in puts) - sum(leg.premium_usd or 0.0 for leg in calls)
    costs = option_costs(net, fees, spread)
    return CollarDetails.validated(
        {
            "put_strike_usd": puts[0].strike_usd or 0.0,
            "call_strike_usd": calls[0].strike_usd or 0.0,
            "call_premium_per_unit_usd": calls[0].premium_per_unit_usd or 0.0,
            "net_premium_usd": net,
            "fees_usd": fees,
            "spread_usd": spread,
            "capped_above_usd": calls[0].strike_usd or 0.0,
            "scenarios": draft_scenarios(context, legs, costs),
        }
    )


def _notes(context: Context, markets: list[OptionMarket], skipped: list[str]) -> list[str]:
    notes = [
        f"No listed options on {symbol} fit your region, so it stays unprotected here."
        for symbol in skipped
    ]
    for market in markets:
        held, size = market.position.quantity, market.contract_size
        contracts = max(1.0, float(round(held / size)))
        if abs(contracts * size - held) > 1e-9:
            notes.append(
                f"Options on {market.asset.symbol} come in contracts of {size:g}: "
                f"{contracts:g} contracts cover {contracts * size:g} of your {held:g}."
            )
    if markets:
        first = markets[0]
        days = (first.expiry - context.now).total_seconds() / 86400
        notes.append(
            f"The nearest listed expiry after your horizon is {first.expiry:%a %d %b %Y %H:%M} UTC "
            f"({days:.1f} days away); scenarios value the put at your horizon."
        )
        if any(m.asset.asset_class in (AssetClass.STOCK, AssetClass.ETF) for m in markets):
            notes.append(
                "Share options are American: their price adds the value of being able to "
                "exercise early, worked out from the price at which exercising beats holding."
            )
    return notes


def build_options_plan(context: Context) -> Plan:
    """Protective puts on every holding that has listed options, at the strike the outlook suits."""
    markets: list[OptionMarket] = []
    skipped: list[str] = []
    too_small: list[str] = []
    for position in context.positions:
        market = option_market(context, position)
        if market is None:
            skipped.append(position.symbol)
        elif round(position.quantity / market.contract_size) == 0:
            too_small.append(
                f"{position.quantity:g} {position.symbol} is less than half of one option "
                f"contract ({market.contract_size:g}), so it stays unprotected here."
            )
        else:
            markets.append(market)
    by_strike = [[put_details(context, m, offset) for m in markets] for offset in STRIKE_OFFSETS]
    totals = [
        sum(d.premium_usd + d.fees_usd + d.spread_usd for _, d in level) for level in by_strike
    ]
    chosen = by_strike[_choose_strike(context, totals)] if markets else []
    legs = [quoted_leg(context, m, quote) for m, (quote, _) in zip(markets, chosen, strict=True)]
    fees = sum(details.fees_usd for _, details in chosen)
    premium = sum(details.premium_usd for _, details in chosen)
    spread = sum(details.spread_usd for _, details in chosen)
    costs = option_costs(premium, fees, spread)
    protected = sum(leg.quantity * leg.price_usd for leg in legs)
    value = context.portfolio.value_usd
    return finish_plan(
        context,
        kind=HedgeKind.OPTIONS,
        legs=legs,
        hedge_ratio=protected / value if value else 0.0,
        leverage=1.0,
        margin_usd=0.0,
        costs=costs,
        notes=[*too_small, *_notes(context, markets, skipped)],
        venues=[venue for market in markets for venue in market.venues],
        options=chosen[0][1] if chosen else None,
        option_strikes=[details for level in zip(*by_strike, strict=True) for _, details in level],
        collar=_collar(context, markets, legs, fees) if legs else None,
        put_spread=build_put_spread(context, markets, legs),
    )
