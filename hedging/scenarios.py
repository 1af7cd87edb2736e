"""The one function for a plan's P&L at a price move: scenario tables and payoff charts use it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from pydantic import TypeAdapter

from hedging.american import american_many
from hedging.exercise_boundary import BoundaryBook
from hedging.models import Costs, Leg, Plan, PortfolioSummary, Scenario, Side
from hedging.pricing import OptionType, black76_many, black_scholes_many

PUTS = (Side.BUY_PUT, Side.SELL_PUT)


def option_values(
    leg: Leg, underlyings: list[float], boundaries: BoundaryBook | None = None
) -> list[float]:
    """One unit of the leg's option at the horizon for each underlying price, never below what
    exercising it would give. An American one reads its exercise boundary from `boundaries`
    (the request's) where they hold it."""
    put = leg.side in PUTS
    kind = OptionType.PUT if put else OptionType.CALL
    strike = leg.strike_usd or 0.0
    years = leg.years_left_at_horizon or 0.0
    vol = leg.implied_vol or 0.0
    rate = leg.rate or 0.0
    dividends = leg.dividend_yield or 0.0
    if leg.option_model == "black-76":
        models = black76_many(kind, underlyings, strike, years, rate, vol)
    elif leg.option_model == "american":
        models = american_many(kind, underlyings, strike, years, rate, vol, dividends, boundaries)
    else:
        models = black_scholes_many(kind, underlyings, strike, years, rate, vol, dividends)
    if put:
        return [max(m, max(strike - u, 0.0)) for m, u in zip(models, underlyings, strict=True)]
    return [max(m, max(u - strike, 0.0)) for m, u in zip(models, underlyings, strict=True)]


def option_value(leg: Leg, underlying: float) -> float:
    """One unit of the leg's option at the horizon, never below what exercising it would give."""
    return option_values(leg, [underlying])[0]


def leg_pnls(
    leg: Leg,
    moves: tuple[float, ...],
    proxy_beta: float | None = None,
    boundaries: BoundaryBook | None = None,
) -> list[float]:
    """Price effect of one leg at each portfolio move, premium included."""
    beta = leg.move_beta if proxy_beta is None or leg.move_beta == 1.0 else proxy_beta
    if leg.side is Side.SHORT:
        return [-leg.notional_usd * (beta * move) for move in moves]
    if leg.side is Side.LONG:
        return [leg.notional_usd * (beta * move) for move in moves]
    price = leg.price_usd
    values = option_values(leg, [max(price * (1 + beta * move), 0.0) for move in moves], boundaries)
    premium, quantity = leg.premium_usd or 0.0, leg.quantity
    if leg.side is Side.BUY_PUT:
        return [quantity * value - premium for value in values]
    return [premium - quantity * value for value in values]


def leg_pnl(leg: Leg, move: float, proxy_beta: float | None = None) -> float:
    """Price effect of one leg when the portfolio moves by `move`, premium included."""
    return leg_pnls(leg, (move,), proxy_beta)[0]


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
    return scenarios_for(plan.legs, plan.costs, portfolio.value_usd, (move,), proxy_beta)[0]


def scenario_for(
    legs: list[Leg], costs: Costs, value_usd: float, move: float, proxy_beta: float | None = None
) -> Scenario:
    """pnl_at_move for legs and costs that are not a Plan yet (builders call it while building)."""
    return scenarios_for(legs, costs, value_usd, (move,), proxy_beta)[0]


def scenarios_for(
    legs: list[Leg],
    costs: Costs,
    value_usd: float,
    moves: Iterable[float],
    proxy_beta: float | None = None,
    memo: dict[object, object] | None = None,
    boundaries: BoundaryBook | None = None,
) -> list[Scenario]:
    """The scenarios at many moves, each leg priced once per move. With `memo` (one plan
    builder's), a leg shared by several variants (the put of the plan, collar and put spread)
    is priced once for all of them; `boundaries` are the request's American exercise
    boundaries."""
    moves = tuple(moves)
    columns = [_leg_column(leg, moves, proxy_beta, memo, boundaries) for leg in legs]
    carrying = costs.total_usd - costs.premium_usd  # premium is in the legs' P&L
    rows = []
    for index, move in enumerate(moves):
        unhedged = value_usd * move
        hedge = 0.0
        for column in columns:
            hedge += column[index]
        hedged = unhedged + hedge
        rows.append(
            {
                "move": move,
                "unhedged_pnl_usd": unhedged,
                "hedged_pnl_usd": hedged,
                "net_pnl_usd": hedged - carrying,
            }
        )
    return _scenario_rows().validate_python(rows)


@cache
def _scenario_rows() -> TypeAdapter[list[Scenario]]:
    """One validation call for a whole table: a model built row by row cost twice as much."""
    return TypeAdapter(list[Scenario])


def _leg_column(
    leg: Leg,
    moves: tuple[float, ...],
    proxy_beta: float | None,
    memo: dict[object, object] | None,
    boundaries: BoundaryBook | None,
) -> list[float]:
    if memo is None or leg.side in (Side.SHORT, Side.LONG):  # shorts cost less than a lookup
        return leg_pnls(leg, moves, proxy_beta, boundaries)
    # keyed by identity, as the variants share the plan's own leg objects: hashing a Leg hashes
    # all its fields; the leg is kept beside its column, so its id stays unique
    key = ("leg pnls", id(leg), moves, proxy_beta)
    known = memo.get(key)
    if known is None:
        known = memo[key] = (leg, leg_pnls(leg, moves, proxy_beta, boundaries))
    return known[1]  # type: ignore[index]


def payoff(
    plan: Plan,
    portfolio: PortfolioSummary,
    moves: Iterable[float],
    *,
    proxy_beta: float | None = None,
) -> list[Scenario]:
    """pnl_at_move over many moves, e.g. a fine grid for a payoff chart."""
    return [pnl_at_move(plan, portfolio, move, proxy_beta=proxy_beta) for move in moves]
