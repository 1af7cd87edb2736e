"""Rank the four plans for what the person wants, and say why the first one fits."""

from __future__ import annotations

from hedging.models import HedgeKind, Outlook, Plan
from hedging.plans.common import Context

PREFERENCE = {
    Outlook.BIG_DROP: (HedgeKind.FULL, HedgeKind.OPTIONS, HedgeKind.PARTIAL, HedgeKind.CORRELATED),
    Outlook.UNSURE: (HedgeKind.PARTIAL, HedgeKind.OPTIONS, HedgeKind.FULL, HedgeKind.CORRELATED),
    Outlook.INSURANCE: (HedgeKind.OPTIONS, HedgeKind.PARTIAL, HedgeKind.FULL, HedgeKind.CORRELATED),
}


def _money(value: float) -> str:
    return f"${abs(value):,.0f}" if abs(value) >= 100 else f"${abs(value):,.2f}"


def _direct_missing(plans: dict[HedgeKind, Plan], context: Context) -> bool:
    """True when no direct short covers every holding."""
    full = plans.get(HedgeKind.FULL)
    if full is None:
        return False
    hedged = {leg.symbol for leg in full.legs}
    return any(position.symbol not in hedged for position in context.positions)


def _within_budget(plan: Plan, budget: float | None) -> bool:
    return budget is None or plan.costs.total_usd <= budget


def rank_plans(context: Context, plans: list[Plan]) -> tuple[list[Plan], list[str]]:
    """Plans best first (unavailable ones last) and 1–3 reasons for the first."""
    by_kind = {plan.kind: plan for plan in plans}
    intent = context.request.intent
    order = list(PREFERENCE[intent.outlook])
    trigger = "outlook"
    correlated = by_kind.get(HedgeKind.CORRELATED)
    direct_missing = _direct_missing(by_kind, context)
    if correlated is not None and correlated.available and direct_missing:
        keep_options = (
            intent.outlook is Outlook.INSURANCE
            and by_kind.get(HedgeKind.OPTIONS, correlated).available
        )
        if not keep_options:
            order.remove(HedgeKind.CORRELATED)
            order.insert(0, HedgeKind.CORRELATED)
            trigger = "no_direct"
    budget = intent.max_cost_usd
    preferred = next((kind for kind in order if kind in by_kind), None)
    if preferred is not None and not _within_budget(by_kind[preferred], budget):
        affordable = [
            kind
            for kind in order
            if kind in by_kind and by_kind[kind].available and _within_budget(by_kind[kind], budget)
        ]
        if affordable:
            order.remove(affordable[0])
            order.insert(0, affordable[0])
            trigger = "budget"
    ranked = sorted(plans, key=lambda plan: (not plan.available, order.index(plan.kind)))
    return ranked, _reasons(ranked[0], trigger, context)


def _cost_sentence(plan: Plan, days: float) -> str:
    costs = plan.costs
    span = f"{days:g} day" + ("" if days == 1 else "s")
    if costs.total_usd < 0:
        return f"Over {span} it should pay you about {_money(costs.total_usd)} net of fees."
    return f"Over {span} it costs about {_money(costs.total_usd)} all in."


def _reasons(plan: Plan, trigger: str, context: Context) -> list[str]:
    """Short reasons in the product's own words."""
    days = context.horizon_days
    if not plan.available:
        return ["Nothing here can be traded with your region and instruments; see the notes."]
    reasons: list[str] = []
    if trigger == "no_direct" and plan.correlation is not None:
        reasons.append(
            f"No direct short fits your region and instruments, so this shorts "
            f"{plan.correlation.proxy}, which tends to move with what you hold."
        )
        reasons.append(
            f"At a correlation of {plan.correlation.rho:.2f} it removes about "
            f"{plan.correlation.effectiveness:.0%} of the price risk; the rest is basis risk."
        )
    elif trigger == "budget":
        budget = context.request.intent.max_cost_usd or 0.0
        reasons.append(f"It is the best fit that stays within your {_money(budget)} limit.")
    elif plan.kind is HedgeKind.FULL:
        reasons.append(
            "You expect a real drop: a short of the same size cancels the price risk "
            "without selling what you own."
        )
        reasons.append("The trade-off: until you close it, rises no longer help you either.")
    elif plan.kind is HedgeKind.PARTIAL:
        reasons.append(
            f"Without a firm view, hedging {plan.hedge_ratio:.0%} cuts losses by that share "
            f"and keeps {1 - plan.hedge_ratio:.0%} of any rise."
        )
    elif plan.kind is HedgeKind.OPTIONS and plan.options is not None:
        reasons.append(
            f"A put works like insurance: losses below {_money(plan.options.strike_usd)} "
            "are covered, and every rise stays yours."
        )
        reasons.append(f"The most it costs is the premium, {_money(plan.costs.premium_usd)}.")
    elif plan.kind is HedgeKind.CORRELATED and plan.correlation is not None:
        reasons.append(
            f"Shorting {plan.correlation.proxy} covers about "
            f"{plan.correlation.effectiveness:.0%} of the risk."
        )
    reasons.append(_cost_sentence(plan, days))
    return reasons[:3]
