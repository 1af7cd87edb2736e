import math

import pytest
from pydantic import ValidationError

from hedging.models import Holding, PlanSettings


@pytest.mark.parametrize("quantity", [0, -1, math.nan, math.inf])
def test_a_holding_rejects_a_quantity_that_is_not_a_positive_finite_number(quantity):
    with pytest.raises(ValidationError):
        Holding(symbol="BTC", quantity=quantity)


@pytest.mark.parametrize("leverage", [0.5, 126, math.nan])
def test_leverage_outside_1_to_125_is_rejected(leverage):
    with pytest.raises(ValidationError):
        PlanSettings(leverage=leverage)
