"""Property-based fuzzing over the loopback Bot API, bounded for CI: about 300 updates from ten
users per run (ten scenarios of 20 to 40 steps). benchmarks/fuzz.py runs the same for longer."""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import HealthCheck, example, given, settings

from tests.fuzzing import run_scenario, scenarios


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenarios)
# a press of another user's button when no one else was shown any (it once injected nothing)
@example([("plan", 1001)] * 19 + [("foreign", 1001, 1002, 0)])
def test_no_traceback_no_silence_no_refusal_no_unasked_reply_no_leak(
    scenario: list[tuple[Any, ...]],
) -> None:
    tally = asyncio.run(run_scenario(scenario))

    assert tally.updates >= len(scenario)
    assert tally.problems() == {}
