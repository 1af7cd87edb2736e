"""Model.validated is the constructor by another door: the same schema, the same errors."""

import math

import pytest
from pydantic import ValidationError

from hedging.models import Costs, Holding, Instrument, Leg, Side

LEG_FIELDS = {
    "symbol": "BTC",
    "instrument": "perpetual",
    "side": Side.SHORT,
    "quantity": 2,  # an int, coerced as the constructor coerces it
    "notional_usd": 180_000,
    "price_usd": 90_000.0,
    "venue": "Binance",
}


def test_validated_builds_what_the_constructor_builds():
    built = Leg.validated(dict(LEG_FIELDS))
    constructed = Leg(**LEG_FIELDS)
    assert built == constructed
    assert built.instrument is Instrument.PERPETUAL
    assert built.model_fields_set == constructed.model_fields_set
    assert built.model_dump_json() == constructed.model_dump_json()


@pytest.mark.parametrize(
    "fields",
    [
        {"symbol": "BTC", "quantity": math.nan},
        {"symbol": "BTC", "quantity": -1},
        {"symbol": "btc lower case", "quantity": 1},
        {"symbol": "BTC", "quantity": 1, "colour": "red"},
        {"quantity": 1},
    ],
)
def test_validated_rejects_what_the_constructor_rejects(fields):
    with pytest.raises(ValidationError):
        Holding(**fields)
    with pytest.raises(ValidationError):
        Holding.validated(fields)


def test_validated_leaves_the_model_frozen():
    costs = Costs.validated(
        {"fees_usd": 1.0, "funding_usd": 0.0, "premium_usd": 0.0, "total_usd": 1.0}
    )
    with pytest.raises(ValidationError):
        costs.fees_usd = 2.0  # type: ignore[misc]
