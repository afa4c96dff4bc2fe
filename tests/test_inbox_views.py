"""The inbox's plain parts: transcripts, time and label formatting, the WhatsApp
window, redirects after sign-in, template escaping."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta, timezone

import pytest

from bot import whatsapp_window
from bot.channels import whatsapp_send
from bot.inbox import present, tickets, web
from bot.inbox.transcript import Transcript, channel_of, from_events, read_transcript
from tests.fakes.trackers import rasa_api

XSS = "<script>alert(1)</script>"


# ------------------------------------------------------------ transcripts


@pytest.fixture
def rasa(http_server, tracker, monkeypatch):
    """A fake Rasa HTTP API over the test's tracker store, on RASA_PORT."""
    server = http_server(rasa_api(tracker))
    server.clear()
    monkeypatch.setenv("RASA_PORT", str(server.port))
    monkeypatch.setenv("RASA_AUTH_TOKEN", "t0ken")
    return server


def read(cid, **kw):
    return asyncio.run(read_transcript(cid, **kw))


def test_an_unknown_conversation_has_no_transcript(rasa):
    t = read("anyone")  # Rasa answers with a new session it does not store
    assert not t.exists and t.messages == [] and t.last_id == 0 and not t.error
    assert rasa.requests[-1].path == "/conversations/anyone/tracker"
    assert rasa.requests[-1].query == {"include_events": ["ALL"], "token": ["t0ken"]}


def test_transcript_kinds_order_and_channel(tracker, rasa):
    now = time.time()
    tracker.user("c1", "hello", now - 60, channel="telegram")
    tracker.bot("c1", "Hi, how can I help?", now - 59, buttons=["Prices", "Talk to a person"])
    tracker.add("c1", {"event": "action", "name": "action_listen", "timestamp": now - 58})
    tracker.slot("c1", "handoff_active", True, now - 50)
    tracker.bot("c1", "This is Sam from the clinic", now - 40, staff="sam")
    tracker.slot("c1", "handoff_active", False, now - 30)
    tracker.user("c2", "another conversation", now)
    t = read("c1")
    assert [m["kind"] for m in t.messages] == ["user", "bot", "system", "staff", "system"]
    assert t.messages[1]["buttons"] == ["Prices", "Talk to a person"]
    assert t.messages[3]["author"] == "sam"
    assert "held for staff" in t.messages[2]["text"]
    assert "handed back" in t.messages[4]["text"]
    assert channel_of(t) == "telegram"
    assert t.last_user_at() == pytest.approx(now - 60)
    assert t.last_id == 6  # the sixth event of the conversation
    newer = read("c1", after_id=t.messages[2]["id"])
    assert [m["kind"] for m in newer.messages] == ["staff", "system"]


def test_transcript_survives_odd_events():
    t = from_events(
        [
            {"event": "user", "text": None},
            {"event": "bot", "text": None},
            "not an event",
            None,
            [1, 2],
            {"event": "user", "timestamp": "x"},
            {"event": "bot", "data": "x", "metadata": [1], "text": 5},
        ]
    )
    assert [m["text"] for m in t.messages] == ["", "", "", "5"]
    assert [m["at"] for m in t.messages] == [None] * 4


def test_long_transcript_keeps_the_newest():
    t = from_events([{"event": "user", "text": f"message {i}"} for i in range(30)], limit=10)
    assert t.truncated and len(t.messages) == 10
    assert t.messages[-1]["text"] == "message 29"


def test_an_image_without_text_is_named():
    t = from_events([{"event": "bot", "text": None, "data": {"image": "https://x/y.png"}}])
    assert t.messages[0]["text"] == "[image] https://x/y.png"


def test_odd_ids_are_harmless(tracker, rasa):
    tracker.user("c1", "hello")
    assert not read("c1' or '1'='1").exists
    assert read("c1").exists


def test_while_rasa_is_down_the_transcript_comes_from_the_tracker_store(tracker, rasa):
    tracker.user("c1", "my lip is swelling")
    rasa.reply(0)  # Rasa drops the connection
    t = read("c1")
    assert t.exists and t.messages[0]["text"] == "my lip is swelling" and not t.error


def test_an_id_a_url_cannot_carry_is_read_from_the_tracker_store(tracker, rasa):
    cid = "+44 7700/900 123"
    tracker.user(cid, "is this normal")
    t = read(cid)
    assert [m["text"] for m in t.messages] == ["is this normal"]
    assert rasa.requests == []  # never sent to Rasa, where it would be another conversation


def test_rasa_refusing_is_said(tracker, rasa):
    tracker.user("c1", "hello")
    rasa.reply(401, {"message": "nope"})
    t = read("c1")
    assert not t.exists and "RASA_AUTH_TOKEN" in t.error


# ------------------------------------------------------------ presentation


def test_age():
    now = datetime(2025, 11, 21, 12, 0, tzinfo=timezone.utc)
    assert present.age((now - timedelta(seconds=20)).isoformat(), now) == "just now"
    assert present.age((now - timedelta(minutes=12)).isoformat(), now) == "12 min"
    assert present.age((now - timedelta(minutes=185)).isoformat(), now) == "3 h 5 min"
    assert present.age((now - timedelta(hours=2)).isoformat(), now) == "2 h"
    assert present.age((now - timedelta(hours=52)).isoformat(), now) == "2 d 4 h"
    assert present.age(None) == "" and present.age("garbage") == ""


def test_times_in_the_clinic_zone():
    # 21 Jul 2025 11:30 UTC is 12:30 in London (summer time)
    assert present.when("2025-07-21T11:30:00+00:00") == "21 Jul 2025, 12:30"
    assert (
        present.when(datetime(2025, 1, 5, 9, 0, tzinfo=timezone.utc).timestamp())
        == "05 Jan 2025, 09:00"
    )
    assert present.when(None) == "" and present.when("nonsense") == ""


def test_labels():
    assert present.priority_label("emergency") == "Emergency"
    assert present.channel_label("whatsapp_cloud") == "WhatsApp"
    assert present.channel_label(None) == "unknown"
    assert present.sign_label("spreading_redness") in (
        "spreading redness",
        present.sign_labels().get("spreading_redness"),
    )
    assert present.question_label("blood_thinners") == "Blood thinners"
    assert present.answer_text(True) == "yes" and present.answer_text(None) == "-"
    assert (
        present.audit_text({"action": "ticket_updated", "detail": {"status": "resolved"}})
        == "set the status to resolved"
    )
    assert (
        present.audit_text({"action": "ticket_updated", "detail": {"assigned_to": ""}})
        == "unassigned it"
    )
    assert present.audit_text({"action": "something_new"}) == "something new"


# ------------------------------------------------------------ WhatsApp window


def window(channel, last_inbound, template=None, monkeypatch=None):
    if monkeypatch:
        if template:
            monkeypatch.setenv("WHATSAPP_TEMPLATE_NAME", template)
        else:
            monkeypatch.delenv("WHATSAPP_TEMPLATE_NAME", raising=False)
    contact = {"channel": channel, "last_inbound_at": last_inbound} if channel else None
    return tickets.whatsapp_window({"channel": "socketio"}, contact, Transcript(exists=False))


def test_whatsapp_window(data_dir, monkeypatch):
    recent = (datetime.now(timezone.utc) - timedelta(hours=2)).isoformat()
    old = (datetime.now(timezone.utc) - timedelta(hours=30)).isoformat()
    assert not window("socketio", old, monkeypatch=monkeypatch)["applies"]
    assert not window(None, old, monkeypatch=monkeypatch)["applies"]
    w = window("whatsapp", recent, monkeypatch=monkeypatch)
    assert w["applies"] and not w["closed"]
    w = window("whatsapp", old, monkeypatch=monkeypatch)
    assert w["closed"] and w["template"] is None
    w = window("whatsapp", old, "clinic_followup", monkeypatch)
    assert w["closed"] and w["template"] == "clinic_followup"
    w = window("whatsapp", None, monkeypatch=monkeypatch)
    assert w["closed"]


def test_twilio_whatsapp_has_its_own_template_setting(data_dir, monkeypatch):
    monkeypatch.setenv("TWILIO_TEMPLATE_CONTENT_SID", "HX123")
    old = (datetime.now(timezone.utc) - timedelta(hours=30)).isoformat()
    w = tickets.whatsapp_window(
        {"channel": "twilio_whatsapp"},
        {"channel": "twilio_whatsapp", "last_inbound_at": old},
        Transcript(exists=False),
    )
    assert w["closed"] and w["template"] == "HX123"
    assert w["setting"] == "TWILIO_TEMPLATE_CONTENT_SID"


def test_whatsapp_window_agrees_with_the_channel(data_dir, monkeypatch):
    """One rule (bot.whatsapp_window) on one record (contacts): with no contact row the
    channel refuses free text, so the inbox says closed too, whatever the transcript shows."""
    monkeypatch.delenv("WHATSAPP_TEMPLATE_NAME", raising=False)
    t = Transcript(exists=True, messages=[{"id": 1, "kind": "user", "at": time.time() - 60}])
    w = tickets.whatsapp_window({"channel": "whatsapp"}, None, t)
    assert w["applies"] and w["closed"]
    assert whatsapp_send.window_open("nobody-on-record") is False
    just_now = datetime.now(timezone.utc) - timedelta(minutes=1)
    past_a_day = datetime.now(timezone.utc) - timedelta(hours=24, seconds=1)
    for last, open_ in ((just_now, True), (past_a_day, False)):
        contact = {"channel": "whatsapp", "last_inbound_at": last.isoformat()}
        assert tickets.whatsapp_window({}, contact, t)["closed"] is not open_
        assert whatsapp_window.is_open(last.isoformat()) is open_


# ------------------------------------------------------------ small helpers


@pytest.mark.parametrize(
    "value,expected",
    [
        ("/tickets/T-1", "/tickets/T-1"),
        ("/?status=open", "/?status=open"),
        ("https://evil.example", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("", "/"),
        (None, "/"),
        ("/x\r\nSet-Cookie: a=b", "/"),
        ("/" + "a" * 600, "/"),
    ],
)
def test_safe_next(value, expected):
    assert web.safe_next(value) == expected


def test_templates_escape_patient_text():
    html = web.ENV.get_template("_transcript.html").render(
        transcript=from_events([{"event": "user", "text": XSS}]), ticket={"id": "T-1"}
    )
    assert XSS not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = web.ENV.get_template("_transcript.html").render(
        transcript=Transcript(exists=False, error=f"Rasa said {XSS}"), ticket={"id": "T-1"}
    )
    assert XSS not in html and "Transcript unavailable" in html


def test_every_template_autoescapes():
    assert web.ENV.autoescape is True
    for name in web.ENV.list_templates():
        assert web.ENV.get_template(name) is not None


def test_no_inline_scripts_or_styles():
    for path in web.TEMPLATES.glob("*.html"):
        text = path.read_text()
        assert "<script>" not in text and " onclick=" not in text and "<style" not in text
        assert "style=" not in text, path.name
        assert "http://" not in text and "https://" not in text, path.name  # no CDN


def test_payloads_are_valid_rasa_events():
    """What the inbox posts parses as Rasa 3.6 events (the staff name kept as metadata)."""
    from rasa.shared.core.events import BotUttered, Event, SlotSet

    from bot.inbox import rasa_client

    reply = Event.from_parameters(rasa_client.staff_reply_event("Hello", "ana"))
    assert isinstance(reply, BotUttered) and reply.metadata == {"staff": "ana"}
    assert reply.as_dict()["metadata"] == {"staff": "ana"}  # kept in the tracker store
    slot, line = [Event.from_parameters(e) for e in rasa_client.handback_events("back")]
    assert isinstance(slot, SlotSet) and slot.key == "handoff_active" and slot.value is False
    assert isinstance(line, BotUttered) and line.text == "back"
