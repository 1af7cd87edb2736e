"""The one function for a plan's P&L at a price move: scenario tables and payoff charts use it."""

from __future__ import annotations

from collections.abc import Iterable

from hedging.american import american
from hedging.models import Costs, Leg, Plan, PortfolioSummary, Scenario, Side
from hedging.pricing import OptionType, black76, black_scholes


def option_value(leg: Leg, underlying: float) -> float:
    """One unit of the leg's option at the horizon, never below what exercising it would give."""
    kind = OptionType.PUT if leg.side in (Side.BUY_PUT, Side.SELL_PUT) else OptionType.CALL
    strike = leg.strike_usd or 0.0
    years = leg.years_left_at_horizon or 0.0
    vol = leg.implied_vol or 0.0
    rate = leg.rate or 0.0
    if leg.option_model == "black-76":
        model = black76(kind, underlying, strike, years, rate, vol)
    elif leg.option_model == "american":
        model = american(kind, underlying, strike, years, rate, vol, leg.dividend_yield or 0.0)
    else:
        model = black_scholes(kind, underlying, strike, years, rate, vol, leg.dividend_yield or 0.0)
    intrinsic = (
        max(strike - underlying, 0.0) if kind is OptionType.PUT else max(underlying - strike, 0.0)
    )
    return max(model, intrinsic)


def leg_pnl(leg: Leg, move: float, proxy_beta: float | None = None) -> float:
    """Price effect of one leg when the portfolio moves by `move`, premium included."""
    beta = leg.move_beta if proxy_beta is None or leg.move_beta == 1.0 else proxy_beta
    leg_move = beta * move
    if leg.side is Side.SHORT:
        return -leg.notional_usd * leg_move
    if leg.side is Side.LONG:
        return leg.notional_usd * leg_move
    underlying = max(leg.price_usd * (1 + leg_move), 0.0)
    value = leg.quantity * option_value(leg, underlying)
    premium = leg.premium_usd or 0.0
    return value - premium if leg.side is Side.BUY_PUT else premium - value


def pnl_at_move(
    plan: Plan,
    portfolio: PortfolioSummary,
    move: float,
    *,
    proxy_beta: float | None = None,
) -> Scenario:
    """P&L at the horizon if every holding moves by `move` (−0.1 = −10%).

    Proxy legs (move_beta ≠ 1) move by their beta; `proxy_beta` replaces it, e.g. for a
    correlation breakdown.
    """
    return scenario_for(plan.legs, plan.costs, portfolio.value_usd, move, proxy_beta)


def scenario_for(
    legs: list[Leg], costs: Costs, value_usd: float, move: float, proxy_beta: float | None = None
) -> Scenario:
    """pnl_at_move for legs and costs that are not a Plan yet (builders call it while building)."""
    unhedged = value_usd * move
    hedged = unhedged + sum(leg_pnl(leg, move, proxy_beta) for leg in legs)
    carrying = costs.total_usd - costs.premium_usd  # premium is in the legs' P&L
    return Scenario(
        move=move,
        unhedged_pnl_usd=unhedged,
        hedged_pnl_usd=hedged,
        net_pnl_usd=hedged - carrying,
    )


def scenarios_for(
    legs: list[Leg],
    costs: Costs,
    value_usd: float,
    moves: Iterable[float],
    proxy_beta: float | None = None,
) -> list[Scenario]:
    return [scenario_for(legs, costs, value_usd, move, proxy_beta) for move in moves]


def payoff(
    plan: Plan,
    portfolio: PortfolioSummary,
    moves: Iterable[float],
    *,
    proxy_beta: float | None = None,
) -> list[Scenario]:
    """pnl_at_move over many moves, e.g. a fine grid for a payoff chart."""
    return [pnl_at_move(plan, portfolio, move, proxy_beta=proxy_beta) for move in moves]
