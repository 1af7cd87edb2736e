"""One error type for anything a person typed that the core cannot use, worded to be shown as is."""

from __future__ import annotations

import math

from pydantic import ValidationError

_FIELD_WORDS = {
    "quantity": "The amount",
    "price_usd": "The price",
    "value_usd": "The dollar amount",
    "symbol": "The ticker",
    "leverage": "Leverage",
    "ratio": "The hedge ratio",
    "horizon_days": "The horizon in days",
    "taker_fee": "The taker fee (as a fraction, 0.0004 = 0.04%)",
    "max_cost_usd": "The most you want to spend",
    "holdings": "The list of holdings",
}

_RULE_WORDS = {
    "greater_than": "must be more than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
    "string_pattern_mismatch": "may only use letters, digits, '.' and '-'",
    "string_too_long": "is too long",
    "too_short": "needs at least one entry",
    "too_long": "has too many entries",
    "finite_number": "must be a finite number",
}


class HedgeInputError(ValueError):
    """Input the core cannot use; `message` is one friendly sentence fit to show the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @classmethod
    def from_validation(cls, error: ValidationError) -> HedgeInputError:
        """Turn pydantic's report into one sentence about the first problem."""
        first = error.errors()[0]
        field = next((str(part) for part in reversed(first["loc"]) if isinstance(part, str)), "")
        subject = _FIELD_WORDS.get(field, "A value")
        context = {
            key: f"{value:g}" if isinstance(value, int | float) else value
            for key, value in (first.get("ctx") or {}).items()
        }
        rule = _RULE_WORDS.get(first["type"])
        given = first.get("input")
        if isinstance(given, float) and not math.isfinite(given):
            rule = _RULE_WORDS["finite_number"]
        if rule is not None:
            try:
                detail = rule.format(**context)
            except (KeyError, IndexError):
                detail = rule
        elif "finite" in str(first.get("msg", "")):
            detail = "must be a finite number"
        else:
            detail = "is not valid"
        return cls(f"{subject} {detail}.")
