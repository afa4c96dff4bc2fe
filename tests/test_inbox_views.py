"""The inbox's plain parts: transcripts, time and label formatting, the WhatsApp
window, redirects after sign-in, the reconciler hook, template escaping."""
from __future__ import annotations

import importlib.machinery
import sys
import time
import types
from datetime import datetime, timedelta, timezone

import pytest

from bot.inbox import app as inbox_app
from bot.inbox import present
from bot.inbox.transcript import Transcript, channel_of, read_transcript

XSS = "<script>alert(1)</script>"


# ------------------------------------------------------------ transcripts

def test_no_tracker_file_means_no_transcript(data_dir):
    t = read_transcript("anyone")
    assert not t.exists and t.messages == [] and t.last_id == 0


def test_a_tracker_without_the_events_table(data_dir):
    (data_dir / "tracker.db").write_bytes(b"")
    assert not read_transcript("anyone").exists


def test_transcript_kinds_order_and_channel(tracker):
    now = time.time()
    tracker.user("c1", "hello", now - 60, channel="telegram")
    tracker.bot("c1", "Hi, how can I help?", now - 59, buttons=["Prices", "Talk to a person"])
    tracker.add("c1", {"event": "action", "name": "action_listen", "timestamp": now - 58})
    tracker.slot("c1", "handoff_active", True, now - 50)
    tracker.bot("c1", "This is Sam from the clinic", now - 40, staff="sam")
    tracker.slot("c1", "handoff_active", False, now - 30)
    tracker.user("c2", "another conversation", now)
    t = read_transcript("c1")
    assert [m["kind"] for m in t.messages] == ["user", "bot", "system", "staff", "system"]
    assert t.messages[1]["buttons"] == ["Prices", "Talk to a person"]
    assert t.messages[3]["author"] == "sam"
    assert "held for staff" in t.messages[2]["text"]
    assert "handed back" in t.messages[4]["text"]
    assert channel_of(t) == "telegram"
    assert t.last_user_at() == pytest.approx(now - 60)
    newer = read_transcript("c1", after_id=t.messages[2]["id"])
    assert [m["kind"] for m in newer.messages] == ["staff", "system"]


def test_transcript_survives_odd_rows(tracker):
    tracker.add("c1", {"event": "user", "text": None})
    with tracker._conn() as conn:
        conn.execute("insert into events (sender_id, type_name, timestamp, data) values "
                     "('c1', 'bot', 1.0, 'not json'), ('c1', 'user', null, '[1, 2]')")
    t = read_transcript("c1")
    assert [m["text"] for m in t.messages] == ["", "", ""]


def test_long_transcript_keeps_the_newest(tracker):
    for i in range(30):
        tracker.user("c1", f"message {i}")
    t = read_transcript("c1", limit=10)
    assert t.truncated and len(t.messages) == 10
    assert t.messages[-1]["text"] == "message 29"


def test_transcript_sql_in_ids_is_harmless(tracker):
    tracker.user("c1", "hello")
    assert not read_transcript("c1' or '1'='1").exists
    assert read_transcript("c1").exists


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
    assert present.when(datetime(2025, 1, 5, 9, 0, tzinfo=timezone.utc).timestamp()) == \
        "05 Jan 2025, 09:00"
    assert present.when(None) == "" and present.when("nonsense") == ""


def test_labels():
    assert present.priority_label("emergency") == "Emergency"
    assert present.channel_label("whatsapp_cloud") == "WhatsApp"
    assert present.channel_label(None) == "unknown"
    assert present.sign_label("spreading_redness") in ("spreading redness",
                                                       present.sign_labels().get("spreading_redness"))
    assert present.question_label("blood_thinners") == "Blood thinners"
    assert present.answer_text(True) == "yes" and present.answer_text(None) == "-"
    assert present.audit_text({"action": "ticket_updated",
                               "detail": {"status": "resolved"}}) == "set the status to resolved"
    assert present.audit_text({"action": "ticket_updated",
                               "detail": {"assigned_to": ""}}) == "unassigned it"
    assert present.audit_text({"action": "something_new"}) == "something new"


# ------------------------------------------------------------ WhatsApp window

def window(channel, last_inbound, template=None, monkeypatch=None):
    if monkeypatch:
        if template:
            monkeypatch.setenv("WHATSAPP_TEMPLATE_NAME", template)
        else:
            monkeypatch.delenv("WHATSAPP_TEMPLATE_NAME", raising=False)
    contact = {"channel": channel, "last_inbound_at": last_inbound} if channel else None
    return inbox_app.whatsapp_window({"channel": "socketio"}, contact, Transcript(exists=False))


def test_whatsapp_window(data_dir, monkeypatch):
    recent = (datetime.now(timezone.utc) - timedelta(hours=2)).isoformat()
    old = (datetime.now(timezone.utc) - timedelta(hours=30)).isoformat()
    assert not window("socketio", old, monkeypatch=monkeypatch)["applies"]
    assert not window(None, old, monkeypatch=monkeypatch)["applies"]
    w = window("whatsapp_cloud", recent, monkeypatch=monkeypatch)
    assert w["applies"] and not w["closed"]
    w = window("whatsapp_cloud", old, monkeypatch=monkeypatch)
    assert w["closed"] and w["template"] is None
    w = window("whatsapp_cloud", old, "clinic_followup", monkeypatch)
    assert w["closed"] and w["template"] == "clinic_followup"
    w = window("whatsapp_cloud", None, monkeypatch=monkeypatch)
    assert w["closed"]


def test_twilio_whatsapp_has_its_own_template_setting(data_dir, monkeypatch):
    monkeypatch.setenv("TWILIO_TEMPLATE_CONTENT_SID", "HX123")
    old = (datetime.now(timezone.utc) - timedelta(hours=30)).isoformat()
    w = inbox_app.whatsapp_window({"channel": "twilio_whatsapp"},
                                  {"channel": "twilio_whatsapp", "last_inbound_at": old},
                                  Transcript(exists=False))
    assert w["closed"] and w["template"] == "HX123"
    assert w["setting"] == "TWILIO_TEMPLATE_CONTENT_SID"


def test_whatsapp_window_falls_back_to_the_transcript(data_dir, monkeypatch):
    monkeypatch.delenv("WHATSAPP_TEMPLATE_NAME", raising=False)
    t = Transcript(exists=True, messages=[{"id": 1, "kind": "user", "at": time.time() - 60}])
    w = inbox_app.whatsapp_window({"channel": "whatsapp_cloud"}, None, t)
    assert w["applies"] and not w["closed"]


# ------------------------------------------------------------ small helpers

@pytest.mark.parametrize("value,expected", [
    ("/tickets/T-1", "/tickets/T-1"), ("/?status=open", "/?status=open"),
    ("https://evil.example", "/"), ("//evil.example", "/"), ("/\\evil.example", "/"),
    ("", "/"), (None, "/"), ("/x\r\nSet-Cookie: a=b", "/"), ("/" + "a" * 600, "/")])
def test_safe_next(value, expected):
    assert inbox_app.safe_next(value) == expected


def test_reconcile_is_called_when_the_module_exists(monkeypatch):
    calls = []
    fake = types.ModuleType("bot.reconcile")
    fake.__spec__ = importlib.machinery.ModuleSpec("bot.reconcile", None)
    fake.sweep = lambda: calls.append(1)
    monkeypatch.setitem(sys.modules, "bot.reconcile", fake)
    inbox_app.run_reconcile()
    assert calls == [1]


def test_reconcile_absent_is_fine(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    inbox_app.run_reconcile()


def test_templates_escape_patient_text(tracker):
    tracker.user("c1", XSS)
    html = inbox_app.ENV.get_template("_transcript.html").render(
        transcript=read_transcript("c1"), ticket={"id": "T-1"})
    assert XSS not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_every_template_autoescapes():
    assert inbox_app.ENV.autoescape is True
    for name in inbox_app.ENV.list_templates():
        assert inbox_app.ENV.get_template(name) is not None


def test_no_inline_scripts_or_styles():
    for path in inbox_app.TEMPLATES.glob("*.html"):
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
    assert reply.as_dict()["metadata"] == {"staff": "ana"}   # kept in the tracker store
    slot, line = [Event.from_parameters(e) for e in rasa_client.handback_events("back")]
    assert isinstance(slot, SlotSet) and slot.key == "handoff_active" and slot.value is False
    assert isinstance(line, BotUttered) and line.text == "back"
