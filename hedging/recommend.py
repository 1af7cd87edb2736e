"""Rank the four plans for what the person wants, and say why the first one fits.

The rules follow the guide's "use when" advice: an expected big drop calls for a full hedge, no firm
view for a partial one, a wish for insurance that keeps the upside for puts, and a correlated short
when a direct hedge cannot be had or costs too much. A budget overrides the order when it must.
"""

from __future__ import annotations

from enum import StrEnum

from hedging.models import HedgeKind, MarginMode, Outlook, Plan
from hedging.plans.common import Context

PREFERENCE = {
    Outlook.BIG_DROP: (HedgeKind.FULL, HedgeKind.OPTIONS, HedgeKind.PARTIAL, HedgeKind.CORRELATED),
    Outlook.UNSURE: (HedgeKind.PARTIAL, HedgeKind.OPTIONS, HedgeKind.FULL, HedgeKind.CORRELATED),
    Outlook.INSURANCE: (HedgeKind.OPTIONS, HedgeKind.PARTIAL, HedgeKind.FULL, HedgeKind.CORRELATED),
}
DIRECT = frozenset({HedgeKind.FULL, HedgeKind.PARTIAL})
EXPENSIVE_SHARE = 0.01  # a direct hedge costing over 1% of what it hedges is expensive


class Trigger(StrEnum):
    OUTLOOK = "outlook"
    NO_DIRECT = "no_direct"
    EXPENSIVE = "expensive"
    BUDGET = "budget"


def _money(value: float) -> str:
    return f"${abs(value):,.0f}" if abs(value) >= 100 else f"${abs(value):,.2f}"


def cost_share(plan: Plan) -> float:
    """What a plan costs as a share of the notional it trades."""
    notional = sum(leg.notional_usd for leg in plan.legs)
    return plan.costs.total_usd / notional if notional else 0.0


def _direct_missing(by_kind: dict[HedgeKind, Plan], context: Context) -> bool:
    """True when no direct short covers every holding."""
    full = by_kind.get(HedgeKind.FULL)
    if full is None:
        return False
    hedged = {leg.symbol for leg in full.legs}
    return any(position.symbol not in hedged for position in context.positions)


def _promote(order: list[HedgeKind], kind: HedgeKind) -> None:
    order.remove(kind)
    order.insert(0, kind)


def rank_plans(context: Context, plans: list[Plan]) -> tuple[list[Plan], list[str]]:
    """Plans best first (unavailable ones last) and 1–3 reasons for the first."""
    by_kind = {plan.kind: plan for plan in plans}

    def usable(kind: HedgeKind) -> bool:
        return kind in by_kind and by_kind[kind].available

    intent = context.request.intent
    order = list(PREFERENCE[intent.outlook])
    trigger = Trigger.OUTLOOK
    favourite = order[0]
    if usable(HedgeKind.CORRELATED) and (favourite in DIRECT or not usable(favourite)):
        direct = next((kind for kind in order if kind in DIRECT and usable(kind)), None)
        if _direct_missing(by_kind, context):
            _promote(order, HedgeKind.CORRELATED)
            trigger = Trigger.NO_DIRECT
        elif direct is not None and favourite in DIRECT:
            share = cost_share(by_kind[direct])
            if share > EXPENSIVE_SHARE and cost_share(by_kind[HedgeKind.CORRELATED]) < share / 2:
                _promote(order, HedgeKind.CORRELATED)
                trigger = Trigger.EXPENSIVE
    budget = intent.max_cost_usd
    first = next((kind for kind in order if usable(kind)), None)
    if budget is not None and first is not None and by_kind[first].costs.total_usd > budget:
        affordable = [
            kind for kind in order if usable(kind) and by_kind[kind].costs.total_usd <= budget
        ]
        if affordable:
            _promote(order, affordable[0])
            trigger = Trigger.BUDGET
    ranked = sorted(plans, key=lambda plan: (not plan.available, order.index(plan.kind)))
    return ranked, _reasons(ranked[0], trigger, context, by_kind)


def _cost_sentence(plan: Plan, days: float) -> str:
    span = f"{days:g} day" + ("" if days == 1 else "s")
    total = plan.costs.total_usd
    if total < 0:
        return f"Over {span} it should pay you about {_money(total)} net of fees."
    return f"Over {span} it costs about {_money(total)} all in."


def _kind_reasons(plan: Plan) -> list[str]:
    if plan.kind is HedgeKind.FULL:
        return [
            "You expect a real drop: a short of the same size cancels the price risk "
            "without selling what you own.",
            "The trade-off: until you close it, rises no longer help you either.",
        ]
    if plan.kind is HedgeKind.PARTIAL:
        return [
            f"Without a firm view, hedging {plan.hedge_ratio:.0%} cuts losses by that share "
            f"and keeps {1 - plan.hedge_ratio:.0%} of any rise."
        ]
    if plan.kind is HedgeKind.OPTIONS and plan.options is not None:
        return [
            f"A put works like insurance: losses below {_money(plan.options.strike_usd)} "
            "are covered, and every rise stays yours.",
            f"The most it costs is the premium, {_money(plan.costs.premium_usd)}.",
        ]
    if plan.correlation is not None:
        return [
            f"Shorting {plan.correlation.proxy} covers about "
            f"{plan.correlation.effectiveness:.0%} of the risk."
        ]
    return []


def _reasons(
    plan: Plan, trigger: Trigger, context: Context, by_kind: dict[HedgeKind, Plan]
) -> list[str]:
    """Short reasons in the product's own words."""
    if not plan.available:
        return ["Nothing here can be traded with your region and instruments; see the notes."]
    reasons: list[str] = []
    details = plan.correlation
    if trigger is Trigger.NO_DIRECT and details is not None:
        reasons.append(
            f"No direct short fits your region and instruments, so this shorts "
            f"{details.proxy}, which tends to move with what you hold."
        )
    elif trigger is Trigger.EXPENSIVE and details is not None:
        direct = by_kind.get(HedgeKind.FULL) or by_kind[HedgeKind.PARTIAL]
        reasons.append(
            f"A direct short would cost about {cost_share(direct):.1%} of its size here, "
            f"mostly funding; shorting {details.proxy} costs far less."
        )
    elif trigger is Trigger.BUDGET:
        budget = context.request.intent.max_cost_usd or 0.0
        reasons.append(f"It is the best fit that stays within your {_money(budget)} limit.")
    if details is not None and trigger in (Trigger.NO_DIRECT, Trigger.EXPENSIVE):
        reasons.append(
            f"At a correlation of {details.rho:.2f} it removes about "
            f"{details.effectiveness:.0%} of the price risk; the rest is basis risk."
        )
    else:
        reasons.extend(_kind_reasons(plan))
    margin = margin_reason(plan)
    reasons = reasons[: 2 if margin is None else 1]
    if margin is not None:
        reasons.append(margin)
    reasons.append(_cost_sentence(plan, context.horizon_days))
    return reasons


def margin_reason(plan: Plan) -> str | None:
    """The guide's step 4 in one line: hold a hedge on cross or portfolio margin, and why."""
    by_mode = {outcome.mode: outcome for outcome in plan.margin_modes}
    isolated = by_mode.get(MarginMode.ISOLATED)
    if plan.kind not in DIRECT or isolated is None or isolated.liquidation_distance_pct is None:
        return None
    portfolio, cross = by_mode[MarginMode.PORTFOLIO], by_mode[MarginMode.CROSS]
    better = portfolio if portfolio.liquidation_distance_pct is None else cross
    if better.liquidation_distance_pct is None:
        where = "out of reach"
    else:
        farthest = max(
            portfolio.liquidation_distance_pct or 0.0, cross.liquidation_distance_pct or 0.0
        )
        where = f"{farthest:+.0%}"
    return (
        "Use cross or portfolio margin: what you hold offsets the short's losses, so liquidation "
        f"moves from {isolated.liquidation_distance_pct:+.0%} (isolated) to {where}."
    )
