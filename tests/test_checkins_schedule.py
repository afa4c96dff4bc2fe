"""Due times: offsets from the treatment, late registration, quiet hours, DST."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.checkins import config, schedule
from tests.fakes.checkins import DEFAULT
from tests.fakes.checkins import settings_with as settings

LONDON = ZoneInfo("Europe/London")
UTC = timezone.utc
S = settings(
    quiet_hours={
        "start": "21:00",
        "end": "09:00",
        "channels": ["socketio", "telegram", "twilio_whatsapp", "whatsapp_cloud"],
    }
)
QUIET = S.spec.quiet_hours


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON).astimezone(UTC)


def plan(treated: str, now: str, channel: str = "rest", s=S):
    return schedule.plan(utc(treated), utc(now), s, channel)


# ------------------------------------------------------------------ defaults


def test_defaults_from_a_midday_treatment():
    got = plan("2026-05-06T12:00:00+01:00", "2026-05-06T12:30:00+01:00")
    assert [(p.kind, p.due_at.astimezone(LONDON).strftime("%a %d %H:%M"), p.late) for p in got] == [
        ("checkin_24h", "Thu 07 12:00", False),
        ("checkin_72h", "Sat 09 12:00", False),
        ("checkin_7d", "Wed 13 12:00", False),
        ("next_session", "Wed 27 12:00", False),
    ]


def test_offset_of_the_treatment_is_respected():
    # 14:30 in New York is 18:30 UTC (summer): 24 hours later, whatever the offset.
    got = plan("2026-06-10T14:30:00-04:00", "2026-06-10T19:00:00+00:00")
    assert got[0].due_at == utc("2026-06-11T18:30:00+00:00")


def test_hours_elapse_but_days_keep_the_wall_clock_across_the_clock_change():
    # Treated Friday 27 March 2026, 10:00 GMT; clocks go forward on Sunday 29 March.
    got = {p.kind: p.due_at for p in plan("2026-03-27T10:00:00+00:00", "2026-03-27T10:05:00+00:00")}
    assert got["checkin_72h"] == utc("2026-03-30T10:00:00+00:00")  # 72 hours: 11:00 BST
    assert got["checkin_7d"].astimezone(LONDON).strftime("%H:%M %Z") == "10:00 BST"
    assert got["checkin_7d"] == utc("2026-04-03T09:00:00+00:00")


def test_seven_days_in_autumn_keep_the_wall_clock_too():
    got = {p.kind: p.due_at for p in plan("2026-10-22T15:00:00+01:00", "2026-10-22T15:01:00+01:00")}
    assert got["checkin_7d"].astimezone(LONDON).strftime("%d %H:%M %Z") == "29 15:00 GMT"


# ------------------------------------------------------------------ late registration


def test_past_checkins_are_skipped_except_the_latest_which_is_due_at_once():
    now = "2026-05-10T12:00:00+00:00"
    got = plan("2026-05-06T11:00:00+00:00", now)  # 4 days ago: 24h and 72h are past
    assert [p.kind for p in got] == ["checkin_72h", "checkin_7d", "next_session"]
    assert got[0].late and got[0].due_at == utc(now)
    assert not got[1].late and got[1].due_at == utc("2026-05-13T11:00:00+00:00")


def test_treated_25_hours_ago_the_24h_checkin_is_due_now():
    got = plan("2026-05-09T11:00:00+00:00", "2026-05-10T12:00:00+00:00")
    assert (got[0].kind, got[0].due_at, got[0].late) == (
        "checkin_24h",
        utc("2026-05-10T12:00:00+00:00"),
        True,
    )
    assert len(got) == 4


def test_exactly_on_time_counts_as_past_and_is_sent_at_once():
    got = plan("2026-05-09T12:00:00+00:00", "2026-05-10T12:00:00+00:00")
    assert got[0].kind == "checkin_24h" and got[0].late


def test_everything_past_leaves_only_the_last_one():
    got = plan("2026-04-01T12:00:00+00:00", "2026-05-01T12:00:00+00:00")
    assert [(p.kind, p.late) for p in got] == [("next_session", True)]


def test_nothing_past_keeps_all():
    got = plan("2026-05-09T12:00:00+00:00", "2026-05-09T12:00:00+00:00")
    assert [p.late for p in got] == [False] * 4


def test_late_checkin_in_quiet_hours_waits_for_the_morning():
    # Registered at 23:00 BST for a Telegram patient treated 25 hours before.
    got = plan("2026-05-08T21:00:00+00:00", "2026-05-09T22:00:00+00:00", channel="telegram")
    assert got[0].kind == "checkin_24h" and got[0].late
    assert got[0].due_at == local("2026-05-10T09:00:00")


# ------------------------------------------------------------------ reply window


def test_reply_by_is_the_next_checkin_and_at_least_the_reply_window():
    got = plan("2026-05-06T12:00:00+00:00", "2026-05-06T12:00:01+00:00")
    by = {p.kind: p.reply_by for p in got}
    assert by["checkin_24h"] == got[1].due_at
    assert by["checkin_7d"] == got[3].due_at
    assert by["next_session"] is None


def test_last_checkin_gets_the_reply_window():
    s = settings(checkins=DEFAULT["checkins"][:2], reply_window_hours=36)
    got = plan("2026-05-06T12:00:00+00:00", "2026-05-06T12:00:01+00:00", s=s)
    assert got[-1].reply_by == got[-1].due_at + timedelta(hours=36)


def test_reply_window_wins_when_the_next_checkin_is_sooner():
    s = settings(
        checkins=[
            {"kind": "a", "after": "1h", "message": "Hi?"},
            {"kind": "b", "after": "2h", "message": "Hi again?"},
        ],
        reply_window_hours=24,
    )
    got = plan("2026-05-06T12:00:00+00:00", "2026-05-06T12:00:01+00:00", s=s)
    assert got[0].reply_by == got[0].due_at + timedelta(hours=24)


# ------------------------------------------------------------------ quiet hours


@pytest.mark.parametrize(
    "due_local, expected_local",
    [
        ("2026-05-10T20:59:00", "2026-05-10T20:59:00"),  # just before: unchanged
        ("2026-05-10T21:00:00", "2026-05-11T09:00:00"),  # start of the window
        ("2026-05-10T23:30:00", "2026-05-11T09:00:00"),  # before midnight: tomorrow morning
        ("2026-05-11T00:00:00", "2026-05-11T09:00:00"),  # midnight
        ("2026-05-11T03:15:00", "2026-05-11T09:00:00"),  # after midnight: this morning
        ("2026-05-11T08:59:59", "2026-05-11T09:00:00"),
        ("2026-05-11T09:00:00", "2026-05-11T09:00:00"),  # end of the window: allowed
        ("2026-12-31T22:00:00", "2027-01-01T09:00:00"),  # across a year end
    ],
)
def test_quiet_hours_across_midnight(due_local, expected_local):
    shifted = schedule.out_of_quiet_hours(local(due_local), QUIET, LONDON)
    assert shifted == local(expected_local)


def test_quiet_window_within_one_day():
    quiet = config.QuietHours(start="12:00", end="14:00", channels=["telegram"])
    assert schedule.out_of_quiet_hours(local("2026-05-10T13:00:00"), quiet, LONDON) == local(
        "2026-05-10T14:00:00"
    )
    assert schedule.out_of_quiet_hours(local("2026-05-10T23:00:00"), quiet, LONDON) == local(
        "2026-05-10T23:00:00"
    )


def test_quiet_hours_on_the_night_the_clocks_go_forward():
    # Sat 28 March 2026 23:30 GMT -> Sun 29 March 09:00 BST (08:00 UTC), not 09:00 UTC.
    assert schedule.out_of_quiet_hours(utc("2026-03-28T23:30:00+00:00"), QUIET, LONDON) == utc(
        "2026-03-29T08:00:00+00:00"
    )
    # 01:30 UTC on the 29th is 02:30 BST: quiet, same morning.
    assert schedule.out_of_quiet_hours(utc("2026-03-29T01:30:00+00:00"), QUIET, LONDON) == utc(
        "2026-03-29T08:00:00+00:00"
    )
    # 20:30 UTC on the 29th is 21:30 BST: quiet (in UTC it would look like 20:30).
    assert schedule.in_quiet_hours(utc("2026-03-29T20:30:00+00:00"), QUIET, LONDON)
    assert not schedule.in_quiet_hours(utc("2026-03-28T20:30:00+00:00"), QUIET, LONDON)


def test_quiet_hours_on_the_night_the_clocks_go_back():
    # Sat 24 Oct 2026 23:00 BST (22:00 UTC) -> Sun 25 Oct 09:00 GMT = 09:00 UTC.
    assert schedule.out_of_quiet_hours(utc("2026-10-24T22:00:00+00:00"), QUIET, LONDON) == utc(
        "2026-10-25T09:00:00+00:00"
    )
    # 01:30 happens twice that night; both are quiet and both wait for 09:00 GMT.
    for when in ("2026-10-25T00:30:00+00:00", "2026-10-25T01:30:00+00:00"):
        assert schedule.out_of_quiet_hours(utc(when), QUIET, LONDON) == utc(
            "2026-10-25T09:00:00+00:00"
        )


def test_window_ending_in_the_skipped_hour_still_ends():
    quiet = config.QuietHours(start="23:00", end="01:30", channels=["telegram"])
    shifted = schedule.out_of_quiet_hours(utc("2026-03-28T23:45:00+00:00"), quiet, LONDON)
    assert shifted == utc("2026-03-29T01:30:00+00:00")  # 02:30 BST: 01:30 never happened
    assert not schedule.in_quiet_hours(shifted, quiet, LONDON)


def test_every_quarter_hour_of_a_year_lands_outside_quiet_hours():
    start = utc("2026-01-01T00:07:00+00:00")
    for n in range(0, 365 * 96, 7):
        when = start + timedelta(minutes=15 * n)
        shifted = schedule.out_of_quiet_hours(when, QUIET, LONDON)
        wall = shifted.astimezone(LONDON).time()
        assert shifted >= when
        assert not QUIET.contains(wall), (when, shifted)
        assert shifted - when <= timedelta(hours=13), (when, shifted)  # 21:00 -> 09:00 (+1h DST)
        if not QUIET.contains(when.astimezone(LONDON).time()):
            assert shifted == when
        else:
            assert wall == time(9, 0)


def test_rest_is_not_held_back_at_night():
    got = plan("2026-05-08T22:00:00+00:00", "2026-05-09T22:30:00+00:00", channel="rest")
    assert got[0].due_at == utc("2026-05-09T22:30:00+00:00")


def test_times_without_an_offset_are_refused():
    with pytest.raises(ValueError):
        schedule.plan(datetime(2026, 5, 1, 12), utc("2026-05-01T12:00:00+00:00"), S, "rest")
