"""POST /api/v1/treatments bodies: each bad input gets its own clear reason."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.checkins import config
from bot.checkins.request import InvalidRequest, validate

NOW = datetime(2026, 5, 10, 12, 0, tzinfo=timezone.utc)
S = config.load()
GOOD = {
    "sender_id": "patient-1",
    "channel": "rest",
    "treated_at": "2026-05-09T11:00:00+00:00",
    "treatment": "mesotherapy",
}


def reason(body) -> str:
    with pytest.raises(InvalidRequest) as exc:
        validate(body, NOW, S)
    assert exc.value.reason == str(exc.value)
    return exc.value.reason


def with_(**changes):
    body = dict(GOOD)
    for k, v in changes.items():
        if v is ...:
            body.pop(k)
        else:
            body[k] = v
    return body


def test_a_good_body():
    req = validate(GOOD, NOW, S)
    assert (req.sender_id, req.channel, req.treatment) == ("patient-1", "rest", "mesotherapy")
    assert req.treated_at == datetime(2026, 5, 9, 11, tzinfo=timezone.utc)


@pytest.mark.parametrize("channel", config.CHANNELS)
def test_every_contract_channel_is_accepted(channel):
    assert validate(with_(channel=channel), NOW, S).channel == channel


def test_z_and_other_offsets_are_accepted():
    assert validate(with_(treated_at="2026-05-09T11:00:00Z"), NOW, S).treated_at == datetime(
        2026, 5, 9, 11, tzinfo=timezone.utc
    )
    req = validate(with_(treated_at="2026-05-09T07:00:00-04:00"), NOW, S)
    assert req.treated_at.utcoffset().total_seconds() == -4 * 3600


def test_names_are_trimmed_and_treatment_case_is_ignored():
    req = validate(with_(sender_id="  p-2 ", treatment="Mesotherapy"), NOW, S)
    assert (req.sender_id, req.treatment) == ("p-2", "mesotherapy")


@pytest.mark.parametrize(
    "body, expected",
    [
        (None, "the body must be a JSON object"),
        ([GOOD], "the body must be a JSON object"),
        ("sender_id=1", "the body must be a JSON object"),
        (with_(sender_id=...), "sender_id is missing"),
        (with_(channel=...), "channel is missing"),
        (with_(treated_at=...), "treated_at is missing"),
        (with_(treatment=...), "treatment is missing"),
        (with_(sender_id=None), "sender_id is missing"),
        (with_(sender_id=12345), "sender_id must be a string, not int"),
        (with_(sender_id=["a"]), "sender_id must be a string, not list"),
        (with_(sender_id="   "), "sender_id is empty"),
        (with_(sender_id="two words"), "sender_id must not contain spaces or control characters"),
        (with_(sender_id="a\x00b"), "sender_id must not contain spaces or control characters"),
        (with_(sender_id="a\u202eb"), "sender_id must not contain spaces or control characters"),
        (with_(sender_id="x" * 129), "sender_id is longer than 128 characters"),
        (
            with_(channel="sms"),
            "channel must be one of rest, socketio, telegram, twilio_whatsapp, whatsapp_cloud",
        ),
        (with_(channel="REST"), "channel must be one of"),
        (with_(channel=True), "channel must be a string, not bool"),
        (with_(treated_at="2026-05-09 11:00"), "treated_at needs a UTC offset"),
        (with_(treated_at="2026-05-09"), "treated_at needs a UTC offset"),
        (with_(treated_at="yesterday"), "treated_at 'yesterday' is not an ISO-8601 time"),
        (with_(treated_at="2026-02-30T10:00:00+00:00"), "is not an ISO-8601 time"),
        (with_(treated_at="2026-05-09T11:00:00+25:00"), "is not an ISO-8601 time"),
        (with_(treated_at=1715252400), "treated_at must be a string, not int"),
        (with_(treated_at="9" * 500), "treated_at is not an ISO-8601 time"),
        (with_(treated_at="2026-05-10T13:00:00+00:00"), "treated_at is 60 minutes in the future"),
        (with_(treated_at="2026-05-11T00:00:00+00:00"), "treated_at is 12 hours in the future"),
        (with_(treated_at="2026-05-13T12:00:00+00:00"), "treated_at is 3 days in the future"),
        (
            with_(treated_at="0001-01-01T00:00:00+00:00"),
            "ago; check-ins are only scheduled for treatments of the last 35 days",
        ),
        (with_(treated_at="9999-12-31T23:59:59+00:00"), "in the future"),
        (with_(treatment="botox"), "treatment must be one of mesotherapy"),
        (with_(treatment=""), "treatment is empty"),
        (
            with_(patient_name="Ana"),
            "unknown field 'patient_name'; the fields are sender_id, "
            "channel, treated_at, treatment",
        ),
    ],
)
def test_bad_input_gets_a_clear_reason(body, expected):
    assert expected in reason(body)


def test_a_little_clock_skew_is_forgiven():
    assert validate(with_(treated_at="2026-05-10T12:04:00+00:00"), NOW, S)
    assert "in the future" in reason(with_(treated_at="2026-05-10T12:06:00+00:00"))


def test_markup_sql_and_other_scripts_are_plain_ids():
    for sid in ("<script>alert(1)</script>", "1';drop_table_checkins;--", "患者-7", "😀"):
        assert validate(with_(sender_id=sid), NOW, S).sender_id == sid
