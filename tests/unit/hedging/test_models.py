import math

import pytest
from pydantic import ValidationError

from hedging.models import HedgeKind, Holding, Instrument, Intent, PlanSettings


@pytest.mark.parametrize("quantity", [0, -1, math.nan, math.inf])
def test_a_holding_rejects_a_quantity_that_is_not_a_positive_finite_number(quantity):
    with pytest.raises(ValidationError):
        Holding(symbol="BTC", quantity=quantity)


@pytest.mark.parametrize("leverage", [0.5, 126, math.nan])
def test_leverage_outside_1_to_125_is_rejected(leverage):
    with pytest.raises(ValidationError):
        PlanSettings(leverage=leverage)


def test_sets_in_a_request_serialise_in_the_enums_order_whatever_the_hash_seed() -> None:
    intent = Intent(instruments=frozenset({Instrument.CFD, Instrument.PERPETUAL}))
    settings = PlanSettings(kinds=frozenset({HedgeKind.OPTIONS, HedgeKind.FULL}))

    assert intent.model_dump(mode="json")["instruments"] == ["perpetual", "cfd"]
    assert settings.model_dump(mode="json")["kinds"] == [
        kind.value for kind in HedgeKind if kind in {HedgeKind.OPTIONS, HedgeKind.FULL}
    ]
    assert Intent.model_validate_json(intent.model_dump_json()) == intent
