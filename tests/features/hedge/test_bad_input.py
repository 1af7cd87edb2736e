"""Every bad input at every step of /hedge gets one friendly reply and the question stays open."""

from __future__ import annotations

import pytest

from bot.devtools.fake_api import FakeBotApi
from tests.e2e.chat import Person
from tests.e2e.test_bad_input import BAD_INPUTS, PATH, question_stays_open_after_bad_input


@pytest.mark.parametrize("step", list(PATH))
@pytest.mark.parametrize("kind", list(BAD_INPUTS))
async def test_bad_input_gets_a_friendly_reply_and_the_question_stays_open(
    alice: Person, api: FakeBotApi, step: str, kind: str
) -> None:
    await question_stays_open_after_bad_input(alice, api, step, kind)
