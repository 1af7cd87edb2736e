"""Short the best correlated proxy."""

from __future__ import annotations

from hedging.models import Costs, HedgeKind, Plan
from hedging.plans.common import Context
from hedging.plans.finish import finish_plan


def build_correlated_plan(context: Context) -> Plan:
    """Placeholder until the proxy maths lands."""
    costs = Costs.model_construct(fees_usd=0.0, funding_usd=0.0, premium_usd=0.0, total_usd=0.0)
    return finish_plan(
        context,
        kind=HedgeKind.CORRELATED,
        legs=[],
        hedge_ratio=1.0,
        leverage=1.0,
        margin_usd=0.0,
        costs=costs,
    )
