"""The building blocks every core model uses: validated numbers, the frozen base, shared enums."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Self, cast

from pydantic import BaseModel, ConfigDict, Field

FINITE = Field(allow_inf_nan=False)  # checked inside pydantic-core: a Python validator per field
# was a third of what validating a plan's legs cost
FiniteFloat = Annotated[float, FINITE]
PositiveFloat = Annotated[float, Field(gt=0), FINITE]
Fraction = Annotated[float, Field(ge=0, le=1), FINITE]


class Model(BaseModel):
    """Base for every core model: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    @classmethod
    def validated(cls, fields: dict[str, Any]) -> Self:
        """cls(**fields), validated by the same schema with the same errors, for the plans'
        hot paths: handing pydantic-core a dict literal costs a quarter less than keywords."""
        return cast(Self, cls.__pydantic_validator__.validate_python(fields))


class Instrument(StrEnum):
    PERPETUAL = "perpetual"
    QUARTERLY = "quarterly_future"  # a dated future; "quarterly" is accepted on input
    OPTION = "option"
    CFD = "cfd"
    SHORT_SALE = "short_sale"  # borrow and sell the shares themselves

    @classmethod
    def _missing_(cls, value: object) -> Instrument | None:
        return cls.QUARTERLY if value in ("quarterly", "dated_future", "future") else None


class MarginMode(StrEnum):
    """How a short's margin is held: alone, from the futures wallet, or against the coin."""

    ISOLATED = "isolated"
    CROSS = "cross"
    PORTFOLIO = "portfolio"  # unified / portfolio margin, the held coin counts as collateral


class FuturePreference(StrEnum):
    """Which kind of future a direct short should use; None on the request means the cheaper."""

    PERPETUAL = "perpetual"
    QUARTERLY = "quarterly"
    INVERSE = "inverse"  # coin-margined perpetual: the coin itself is the margin


class Scenario(Model):
    move: float  # -0.10 = a 10% fall at the horizon
    unhedged_pnl_usd: float
    hedged_pnl_usd: float  # price effects of spot and hedge, premium included
    net_pnl_usd: float  # after fees, funding, basis, spread and slippage
