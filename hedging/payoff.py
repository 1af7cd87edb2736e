"""What a payoff chart draws: P&L at the horizon across prices, from the scenario table's function.

Every value here comes from `hedging.scenarios.pnl_at_move`, so a point on the chart and the same
move in the scenario table are one number, never two computations that could drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from hedging.models import (
    HedgeKind,
    Holding,
    Model,
    Plan,
    PortfolioSummary,
    Recommendation,
    Scenario,
    Side,
)

PnlAtMove = Callable[[Plan, PortfolioSummary, float], Scenario]

SPAN = 0.40  # the chart shows prices from 40% below to 40% above today's
STEP = 0.01  # one point per percent of move, plus every kink and scenario move
_BISECTIONS = 60  # halvings of a 1% interval: far below a cent of price


class MarkerKind(StrEnum):
    TODAY = "today"
    STRIKE = "strike"
    LIQUIDATION = "liquidation"
    BREAKEVEN = "breakeven"


class Marker(Model):
    """A price worth pointing at, in its own asset's dollars and where it falls on the x axis."""

    kind: MarkerKind
    plan: HedgeKind | None  # None for today's price
    symbol: str  # the asset whose price `level_usd` is ("portfolio" for its value)
    level_usd: float  # the price itself: the strike, the liquidation price, ...
    move: float  # the portfolio move that takes that asset to it (legs move by their beta)
    price_usd: float  # the x axis value at that move
    pnl_usd: float | None = None  # the plan's P&L there, when it falls on the chart


class Curve(Model):
    """One line: the plan's P&L after every cost (or the unhedged P&L), point by point."""

    plan: HedgeKind | None  # None = no hedge
    hedge_ratio: float = 0.0
    proxy: str | None = None  # correlated hedges: the asset shorted instead
    pnl_usd: list[float]


class Payoff(Model):
    """Everything a payoff chart draws: one x grid, one or more curves, the marked prices."""

    axis_symbol: str | None  # None: the x axis is the whole portfolio's value
    holdings: list[Holding]  # what is held, as the person gave it
    spot_usd: float
    span: float
    moves: list[float]
    prices_usd: list[float]
    curves: list[Curve]  # the first is always the unhedged position
    markers: list[Marker]

    def curve(self, plan: HedgeKind | None) -> Curve:
        """The curve of one plan kind (None: the unhedged position)."""
        for curve in self.curves:
            if curve.plan == plan:
                return curve
        raise KeyError(plan)

    def on_chart(self, marker: Marker) -> bool:
        """Whether the marker falls inside the chart's price range."""
        return _within(marker.move, self.span)

    def markers_of(self, kind: MarkerKind) -> list[Marker]:
        """The markers of one kind, in price order."""
        return sorted((m for m in self.markers if m.kind == kind), key=lambda m: m.price_usd)


def _within(move: float, span: float) -> bool:
    return -span - 1e-12 <= move <= span + 1e-12


def _default_pnl() -> PnlAtMove:
    from hedging.scenarios import pnl_at_move

    return pnl_at_move


def _axis(portfolio: PortfolioSummary) -> tuple[str | None, float]:
    """One holding: its own price. Several: the portfolio's value (every holding moves together)."""
    price = portfolio.holdings[0].price_usd if len(portfolio.holdings) == 1 else None
    if price is not None:
        return portfolio.holdings[0].symbol, price
    return None, portfolio.value_usd


def _price_markers(plan: Plan, spot: float) -> list[Marker]:
    """Each put's strike and each short's liquidation, placed where the scenarios would reach them.

    A leg's asset moves by `move_beta` times the portfolio's move (1 for the asset itself), the
    same assumption the scenario table makes, so a level L on a leg priced P sits at the move
    (L / P − 1) / beta.
    """
    markers: list[Marker] = []
    for leg in plan.legs:
        if leg.side == Side.BUY_PUT:
            options = plan.options
            level, kind = (
                leg.strike_usd or (options.strike_usd if options else None),
                MarkerKind.STRIKE,
            )
        elif leg.side == Side.SHORT:
            level, kind = (
                leg.liquidation_price_usd or plan.liquidation_price_usd,
                MarkerKind.LIQUIDATION,
            )
        else:
            continue
        if level is None or leg.price_usd <= 0 or leg.move_beta == 0:
            continue
        move = (level / leg.price_usd - 1.0) / leg.move_beta
        markers.append(
            Marker(
                kind=kind,
                plan=plan.kind,
                symbol=leg.symbol,
                level_usd=level,
                move=move,
                price_usd=spot * (1.0 + move),
            )
        )
    return markers


def _grid(span: float, extra: Sequence[float]) -> list[float]:
    """Every whole percent in [−span, +span] plus the extra moves that fall inside it."""
    count = round(span / STEP)
    moves = {round(i * STEP, 12) for i in range(-count, count + 1)}
    moves.update(round(m, 12) for m in extra if -span <= m <= span)
    return sorted(moves)


def _net(pnl: PnlAtMove, plan: Plan, portfolio: PortfolioSummary, move: float) -> float:
    return pnl(plan, portfolio, move).net_pnl_usd


def _breakevens(
    pnl: PnlAtMove, plan: Plan, portfolio: PortfolioSummary, moves: list[float], values: list[float]
) -> list[float]:
    """Moves where the plan's P&L after costs crosses zero, refined by bisection."""
    found = [m for m, v in zip(moves, values, strict=True) if v == 0.0]
    for i in range(len(moves) - 1):
        lo, hi, v_lo = moves[i], moves[i + 1], values[i]
        if v_lo * values[i + 1] >= 0.0:
            continue
        for _ in range(_BISECTIONS):
            mid = (lo + hi) / 2.0
            v_mid = _net(pnl, plan, portfolio, mid)
            if (v_mid < 0.0) == (v_lo < 0.0):
                lo, v_lo = mid, v_mid
            else:
                hi = mid
        found.append((lo + hi) / 2.0)
    # a plan flat at zero over a stretch has no single breakeven worth marking
    return sorted(found) if len(found) <= 4 else []


def _plan_of(plans: Sequence[Plan], kind: HedgeKind) -> Plan:
    return next(plan for plan in plans if plan.kind == kind)


def build_payoff(
    portfolio: PortfolioSummary,
    plans: Sequence[Plan],
    *,
    span: float = SPAN,
    pnl: PnlAtMove | None = None,
) -> Payoff:
    """The unhedged line and one curve per plan over ±span around today's price, with markers."""
    if not plans:
        raise ValueError("a payoff needs at least one plan")
    pnl = pnl or _default_pnl()
    axis_symbol, spot = _axis(portfolio)
    axis_name = axis_symbol or "portfolio"
    price_markers = [m for plan in plans for m in _price_markers(plan, spot)]
    scenario_moves = [s.move for plan in plans for s in plan.scenarios]
    kinks = [m.move for m in price_markers]
    coarse = _grid(span, [*scenario_moves, *kinks])

    crossings = {
        plan.kind: _breakevens(
            pnl, plan, portfolio, coarse, [_net(pnl, plan, portfolio, m) for m in coarse]
        )
        for plan in plans
    }
    moves = _grid(span, [*coarse, *(m for found in crossings.values() for m in found)])

    curves = [
        Curve(plan=None, pnl_usd=[pnl(plans[0], portfolio, m).unhedged_pnl_usd for m in moves])
    ]
    curves += [
        Curve(
            plan=plan.kind,
            hedge_ratio=plan.hedge_ratio,
            proxy=plan.correlation.proxy if plan.correlation else None,
            pnl_usd=[_net(pnl, plan, portfolio, m) for m in moves],
        )
        for plan in plans
    ]

    today = Marker(
        kind=MarkerKind.TODAY,
        plan=None,
        symbol=axis_name,
        level_usd=spot,
        move=0.0,
        price_usd=spot,
        pnl_usd=0.0,
    )
    placed = [
        m.model_copy(update={"pnl_usd": _net(pnl, _plan_of(plans, m.plan), portfolio, m.move)})
        if m.plan is not None and _within(m.move, span)
        else m
        for m in price_markers
    ]
    breakevens = [
        Marker(
            kind=MarkerKind.BREAKEVEN,
            plan=kind,
            symbol=axis_name,
            level_usd=spot * (1 + move),
            move=move,
            price_usd=spot * (1.0 + move),
            pnl_usd=0.0,
        )
        for kind, found in crossings.items()
        for move in found
    ]
    return Payoff(
        axis_symbol=axis_symbol,
        holdings=portfolio.holdings,
        spot_usd=spot,
        span=span,
        moves=moves,
        prices_usd=[spot * (1.0 + m) for m in moves],
        curves=curves,
        markers=[today, *placed, *breakevens],
    )


def plan_payoff(
    recommendation: Recommendation, kind: HedgeKind, *, pnl: PnlAtMove | None = None
) -> Payoff:
    """The chart of one plan of a recommendation against holding unhedged."""
    return build_payoff(recommendation.portfolio, [_plan_of(recommendation.plans, kind)], pnl=pnl)


def comparison_payoff(recommendation: Recommendation, *, pnl: PnlAtMove | None = None) -> Payoff:
    """Every plan on one figure: those tradable for this person, or all when fewer than two are."""
    available = [p for p in recommendation.plans if p.available]
    plans = available if len(available) >= 2 else recommendation.plans
    return build_payoff(recommendation.portfolio, plans, pnl=pnl)
