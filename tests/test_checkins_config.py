"""knowledge/checkins.yml: the shipped schedule, and clear errors for a broken file."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from bot.checkins import config
from bot.checkins.__main__ import main as cli
from tests.fakes.checkins import DEFAULT, FACTS, settings_with


def error_of(data, clinic=FACTS) -> str:
    with pytest.raises(config.CheckinConfigError) as exc:
        config.parse(data, clinic=clinic)
    return str(exc.value)


def test_shipped_file_loads_with_the_clinic_facts():
    s = config.load()
    assert s.tz.key == "Europe/London"  # from clinic.yml: checkins.yml says null
    for c in s.schedule:
        text = s.message(c.kind)
        assert "{{" not in text and "}}" not in text


def test_default_schedule_is_24h_72h_7d_then_a_next_session_reminder():
    s = config.load()
    assert [(c.kind, str(c.after)) for c in s.schedule][:3] == [
        ("checkin_24h", "24h"),
        ("checkin_72h", "72h"),
        ("checkin_7d", "7d"),
    ]
    last = s.schedule[-1]
    assert last.kind == "next_session" and last.after.unit == "d" and last.after.amount > 7
    assert not last.expects_reply
    assert s.facts["booking_url"] in s.message("next_session")


def test_symptom_checkins_ask_one_short_question_with_quick_replies():
    s = config.load()
    for c in s.schedule:
        if not c.expects_reply:
            continue
        text = s.message(c.kind)
        assert text.count("?") == 1 and text.endswith("?"), text
        assert len(text) < 200
        titles = [b["title"] for b in s.buttons(c.kind)]
        assert titles == ["All fine", "Redness or swelling", "Something worries me"]
        assert all(len(t) <= config.MAX_QUICK_REPLY_CHARS for t in titles)


def test_quick_reply_payload_defaults_to_its_title():
    s = settings_with(
        checkins=[
            {
                "kind": "a",
                "after": "1h",
                "message": "How are you?",
                "quick_replies": [{"title": "Fine"}, {"title": "Bad", "payload": "it hurts"}],
            }
        ]
    )
    assert s.buttons("a") == [
        {"title": "Fine", "payload": "Fine"},
        {"title": "Bad", "payload": "it hurts"},
    ]


def test_quiet_hours_channels_leave_rest_out_by_default():
    s = config.load()
    assert s.quiet_hours_for("rest") is None
    for channel in ("socketio", "telegram", "twilio_whatsapp", "whatsapp_cloud"):
        assert s.quiet_hours_for(channel) is not None


def test_weeks_are_seven_calendar_days():
    assert config.Offset.parse("3w") == config.Offset(21, "d")
    assert config.Offset.parse(" 24 h ") == config.Offset(24, "h")


@pytest.mark.parametrize("bad", ["3 days", "0h", "-1d", "1.5d", "", "7", "1m", None, [1]])
def test_bad_durations_are_named(bad):
    data = copy.deepcopy(DEFAULT)
    data["checkins"][1]["after"] = bad
    msg = error_of(data)
    assert "checkins -> 1 -> after" in msg


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda d: d["quiet_hours"].update(start=1260), "is not a time like"),  # unquoted 21:00
        (lambda d: d["quiet_hours"].update(end="25:00"), "is not a time like"),
        (lambda d: d["quiet_hours"].update(end="21:00"), "start and end are the same"),
        (lambda d: d["quiet_hours"].update(channels=["sms"]), "unknown channel 'sms'"),
        (lambda d: d["checkins"].append(copy.deepcopy(d["checkins"][0])), "appears twice"),
        (lambda d: d["checkins"].reverse(), "must come later than"),
        (lambda d: d["checkins"][0].update(after="168h"), "must come later than"),
        (lambda d: d["checkins"][2].update(after="72h"), "must come later than"),
        (lambda d: d["checkins"][0].update(kind="Day One"), "kind"),
        (
            lambda d: d["checkins"][0]["quick_replies"].append({"title": "Four"}),
            "at most 3 quick replies",
        ),
        (
            lambda d: d["checkins"][0]["quick_replies"][1].update(title="Some redness or swelling"),
            "quick_replies -> 1 -> title",
        ),
        (lambda d: d["checkins"][0]["quick_replies"][1].update(title="all fine"), "same title"),
        (lambda d: d["checkins"][0].update(message="Hi {{clinic.fax}}?"), "clinic.fax"),
        (lambda d: d["checkins"][0].update(message="Hi {{patient.name}}?"), "unknown placeholder"),
        (lambda d: d["checkins"][0].update(message="x" * 600), "keep it under"),
        (lambda d: d["checkins"][0].update(colour="blue"), "extra fields not permitted"),
        (lambda d: d.update(checkins=[]), "at least one check-in"),
        (lambda d: d["opt_out"].update(alone=["unsubscribe"]), "`stop` must be"),
        (lambda d: d["opt_out"].update(reply="Call {{clinic.nope}}"), "opt_out -> reply"),
        (lambda d: d.update(timezone="Mars/Olympus"), "unknown timezone 'Mars/Olympus'"),
        (lambda d: d["registration"].update(treatments=[]), "at least one treatment"),
        (lambda d: d.pop("registration"), "registration: field required"),
    ],
)
def test_mistakes_stop_the_load_with_a_clear_reason(change, expected):
    data = copy.deepcopy(DEFAULT)
    change(data)
    msg = error_of(data)
    assert expected in msg
    assert msg.startswith("knowledge/checkins.yml: ")


def test_no_timezone_anywhere_is_an_error():
    facts = {k: v for k, v in FACTS.items() if k != "timezone"}
    assert "timezone: not set here" in error_of(copy.deepcopy(DEFAULT), clinic=facts)


def test_own_timezone_wins_over_the_clinic_one():
    assert settings_with(timezone="America/New_York").tz.key == "America/New_York"


def test_quiet_hours_can_be_switched_off():
    s = settings_with(quiet_hours=None)
    assert s.quiet_hours_for("telegram") is None


def test_file_errors(tmp_path: Path):
    with pytest.raises(config.CheckinConfigError, match="file not found"):
        config.load(tmp_path / "missing.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("checkins: [\n", encoding="utf-8")
    with pytest.raises(config.CheckinConfigError, match="not valid YAML"):
        config.load(bad)
    bad.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(config.CheckinConfigError, match="expected a mapping"):
        config.load(bad)


def test_cli_check_and_plan(capsys, tmp_path: Path):
    assert cli(["check"]) == 0
    assert "checkin_24h" in capsys.readouterr().out
    assert (
        cli(
            [
                "plan",
                "--treated-at",
                "2026-03-27T20:30:00+00:00",
                "--now",
                "2026-03-28T21:00:00Z",
                "--channel",
                "telegram",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "checkin_24h    Sun 2026-03-29 09:00 BST  (late: at once)" in out
    bad = tmp_path / "bad.yml"
    bad.write_text("timezone: 3\n", encoding="utf-8")
    assert cli(["--file", str(bad), "check"]) == 1
    assert "bad.yml" in capsys.readouterr().err
