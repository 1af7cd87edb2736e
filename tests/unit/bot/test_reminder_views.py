from datetime import UTC, datetime, timedelta

import pytest

from bot.features.reminders import messages as views
from bot.features.reminders.store import Reminder, ReminderStatus
from bot.ui.callbacks import owner_of
from bot.ui.telegram_rules import MAX_CALLBACK_DATA_BYTES, check_text
from hedging.events import load_calendar
from hedging.followup import PlanFacts, plan_facts
from hedging.language.when import WhenProblem
from hedging.market import load_snapshot
from hedging.models import Concern, HedgeRequest, Holding, Intent, Portfolio
from hedging.planner import recommend

NOW = datetime(2026, 12, 9, 21, 0, tzinfo=UTC)
HUGE_ID = 10**15  # far beyond any Telegram user id or row id we will see


def reminder(**changes) -> Reminder:
    values = dict(
        id=HUGE_ID,
        user_id=HUGE_ID,
        chat_id=HUGE_ID,
        plan_id=1,
        due_at=NOW,
        scheduled_for=NOW - timedelta(days=3, hours=4),
        status=ReminderStatus.PENDING,
        attempts=0,
        last_error=None,
        reason="x",
        created_at=NOW - timedelta(days=5),
        sent_at=None,
    )
    return Reminder(**{**values, **changes})


def facts(holdings):
    request = HedgeRequest(
        portfolio=Portfolio(holdings=holdings),
        intent=Intent(concern=Concern.FOMC, horizon_days=365),
    )
    recommendation = recommend(request, load_snapshot(), now=NOW - timedelta(days=5))
    return plan_facts(request, recommendation, NOW - timedelta(days=5), load_calendar())


def all_data(markup):
    return [button.callback_data for row in markup.inline_keyboard for button in row]


@pytest.mark.parametrize(
    "markup",
    [
        views.due_keyboard(HUGE_ID, HUGE_ID),
        views.list_keyboard(HUGE_ID, [(HUGE_ID, "Wed 09 Dec 22:00 CET")] * 20),
        views.choose_keyboard(HUGE_ID, HUGE_ID, "Wed 09 Dec 22:00 CET", "Tue 15 Dec 11:00 CET"),
        views.forget_keyboard(HUGE_ID),
    ],
)
def test_every_button_fits_telegrams_64_bytes_and_names_its_owner(markup):
    data = all_data(markup)

    assert all(len(item.encode()) <= MAX_CALLBACK_DATA_BYTES for item in data)
    assert {owner_of(item)[1] for item in data} == {HUGE_ID}


@pytest.mark.parametrize(
    "holdings",
    [
        [Holding(symbol="BTC", quantity=2)],
        [Holding(symbol="BTC", quantity=123_456.789), Holding(symbol="ETH", quantity=9_999_999)],
        [Holding(symbol="SPY", quantity=1_000_000, price_usd=500)],
    ],
)
@pytest.mark.parametrize("price", [None, 1e-6, 95_000.0, 1e9])
@pytest.mark.parametrize("in_doubt", [False, True])
def test_the_delivered_reminder_is_valid_telegram_html_for_extreme_values(
    holdings, price, in_doubt
):
    snapshot = load_snapshot()
    if price is not None:
        moved = {symbol: price for symbol in snapshot.assets}
        snapshot = snapshot.model_copy(
            update={
                "as_of": NOW,
                "assets": {
                    s: a.model_copy(update={"price_usd": moved[s]})
                    for s, a in snapshot.assets.items()
                },
            }
        )

    message = views.due_message(
        reminder(in_doubt=in_doubt), facts(holdings), NOW, "Asia/Kolkata", snapshot
    )

    check_text(message.text)
    assert message.text.startswith("⏰ <b>Time to take your hedge off</b>")
    assert ("may be a repeat" in message.text) is in_doubt


def test_a_reminder_whose_plan_is_gone_still_says_to_close_the_hedge():
    message = views.due_message(reminder(plan_id=None), None, NOW, "UTC", None)

    check_text(message.text)
    assert "The plan this reminder belonged to is no longer stored" in message.text
    assert "3 d 4 h late" in message.text


@pytest.mark.parametrize("problem", list(WhenProblem))
@pytest.mark.parametrize("shown", [None, "Wed 09 Dec 2026, 22:00 CET"])
def test_every_time_problem_has_a_valid_sentence(problem, shown):
    text = views.text("when_error", problem=problem.value, shown=shown)

    check_text(text)
    assert "None" not in text
    assert ("I couldn't read that" in text) is (problem == WhenProblem.NOT_UNDERSTOOD)


LONG = "<script>&" * 200


@pytest.mark.parametrize(
    ("template", "context"),
    [
        (
            "list",
            {
                "reminders": [{"shown": "Wed 09 Dec 2026, 22:00 +0530", "what": "<&>" * 27}] * 20,
                "timezone": "America/Argentina/ComodRivadavia",
                "more": 10**6,
            },
        ),
        ("list", {"reminders": [], "timezone": "UTC", "more": 0}),
        ("set", {"shown": LONG, "shifted": True, "snoozed": False}),
        ("ask_time", {"timezone": LONG}),
        ("ask_timezone", {}),
        ("ask_morning", {}),
        (
            "choose",
            {"event": {"title": LONG, "shown": LONG, "confirmed": False}, "buffer_hours": 2},
        ),
        ("no_plan", {}),
        ("forget_confirm", {}),
        ("forgotten", {"forgotten": True, "plans": 10**9, "reminders": 10**9}),
        ("forgotten", {"forgotten": False}),
        ("done", {}),
        ("gone", {}),
        ("not_yours", {}),
        ("left", {}),
    ],
)
def test_every_reminder_template_renders_valid_telegram_html(template, context):
    check_text(views.text(template, **context))


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (timedelta(minutes=7), "7 min"),
        (timedelta(hours=2, minutes=5), "2 h 05 min"),
        (timedelta(days=3, hours=4, minutes=59), "3 d 4 h"),
    ],
)
def test_durations_read_in_the_largest_units(span, text):
    assert views.duration_text(span) == text


def _facts_with_event_said(said: datetime) -> PlanFacts | None:
    request = HedgeRequest(
        portfolio=Portfolio(holdings=[Holding(symbol="BTC", quantity=2)]),
        intent=Intent(concern=Concern.FOMC, horizon_days=30, event_at=said),
    )
    created = datetime(2026, 11, 25, 13, 20, tzinfo=UTC)
    recommendation = recommend(request, load_snapshot(), now=created)
    return plan_facts(request, recommendation, created, load_calendar())


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # "FOMC on Wednesday" said on Wed 25 Nov: the day is kept, the hour is the statement's
        (datetime(2026, 12, 2, 13, 20, tzinfo=UTC), datetime(2026, 12, 2, 19, 0, tzinfo=UTC)),
        # a day within 36 h of the calendar's meeting is that meeting (Wed 9 Dec, 14:00 EST)
        (datetime(2026, 12, 9, 13, 20, tzinfo=UTC), datetime(2026, 12, 9, 19, 0, tzinfo=UTC)),
    ],
)
def test_the_event_time_of_a_plan_uses_the_events_usual_hour_on_the_day_named(said, expected):
    facts = _facts_with_event_said(said)
    assert facts is not None and facts.event_at == expected
