"""bot.reconcile: symptom reports the action server missed still get a ticket.

A temporary ``tracker.db`` with the schema of Rasa's SQLTrackerStore stands in
for the transcripts the Rasa server writes.
"""
from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

from bot import escalation, notify, reconcile, store


# ``data_dir`` (a temporary BOT_DATA_DIR) and ``db`` come from conftest.py.

@pytest.fixture(autouse=True)
def no_alerts(monkeypatch) -> None:
    monkeypatch.setattr(notify, "alert_staff", lambda *a, **k: None)


class Tracker:
    """A stand-in for Rasa's tracker.db: the ``events`` table and nothing else."""

    def __init__(self, path: Path) -> None:
        self.path = path
        conn = sqlite3.connect(str(path))
        conn.execute("create table events (id INTEGER PRIMARY KEY, sender_id TEXT, "
                     "type_name TEXT, timestamp REAL, intent_name TEXT, "
                     "action_name TEXT, data TEXT)")
        conn.commit()
        conn.close()

    def add(self, sender: str, type_name: str, data: Any, ts: Optional[float] = None,
            intent: Optional[str] = None, action: Optional[str] = None) -> None:
        conn = sqlite3.connect(str(self.path))
        conn.execute("insert into events (sender_id, type_name, timestamp, intent_name, "
                     "action_name, data) values (?, ?, ?, ?, ?, ?)",
                     [sender, type_name, ts if ts is not None else time.time() - 30,
                      intent, action,
                      data if isinstance(data, str) or data is None else json.dumps(data)])
        conn.commit()
        conn.close()

    def user(self, sender: str, intent: str, message_id: str, level: Optional[str] = None,
             signs: List[str] = (), ts: Optional[float] = None, channel="telegram") -> None:
        parse: Dict[str, Any] = {
            "intent": {"name": intent, "confidence": 0.98},
            "entities": [{"entity": "red_flag", "value": s, "start": 0, "end": 3,
                          "extractor": "RedFlagDetector"} for s in signs],
            "text": "what the patient wrote",
        }
        if level:
            parse["triage"] = {"level": level}
        ts = ts if ts is not None else time.time() - 30
        self.add(sender, "user", {"event": "user", "timestamp": ts, "text": "...",
                                  "parse_data": parse, "message_id": message_id,
                                  "input_channel": channel}, ts=ts, intent=intent)


@pytest.fixture
def rasa_tracker(data_dir) -> Tracker:
    return Tracker(data_dir / "tracker.db")


def _sweep(db, tracker: Optional[Tracker] = None, **kw):
    kw.setdefault("grace_seconds", 0)
    kw.setdefault("tell_rasa", False)
    return reconcile.sweep(db=db, tracker_db=tracker.path if tracker else None, **kw)


def test_missed_emergency_gets_one_ticket(db, rasa_tracker):
    rasa_tracker.user("p1", "report_emergency", "mid-1", level="emergency",
                 signs=["vision_change"])
    assert _sweep(db, rasa_tracker) == 1
    tickets = store.list_tickets(db=db)
    assert len(tickets) == 1
    t = tickets[0]
    assert t["priority"] == "emergency"
    assert t["conversation_id"] == "p1"
    assert t["channel"] == "telegram"
    assert t["episode_key"] == "mid-1"
    assert t["signs"] == ["vision_change"]
    assert t["source"] == "reconciler"
    assert "vision change" in t["reason"]
    assert _sweep(db, rasa_tracker) == 0  # the cursor moved on
    assert db["tickets"].count == 1


def test_emergency_intent_wins_even_without_triage_block(db, rasa_tracker):
    rasa_tracker.user("p1", "report_emergency", "mid-1", signs=["vision_change"])
    assert _sweep(db, rasa_tracker) == 1
    assert store.list_tickets(db=db)[0]["priority"] == "emergency"


def test_cursor_survives_a_restart(db, rasa_tracker, data_dir):
    rasa_tracker.user("p1", "report_emergency", "mid-1", level="emergency")
    assert _sweep(db, rasa_tracker) == 1
    store.delete_patient_data("p1", db=db)  # even with the ticket gone...
    again = store.open_db()
    assert _sweep(again, rasa_tracker) == 0  # ...the event is not processed twice
    again.close()


def test_event_already_covered_by_a_ticket(db, rasa_tracker):
    store.create_ticket("p1", "telegram", "emergency", "by the action", ["vision_change"],
                        episode_key="mid-1", db=db)
    rasa_tracker.user("p1", "report_emergency", "mid-1", level="emergency",
                 signs=["vision_change"])
    assert _sweep(db, rasa_tracker) == 0
    assert db["tickets"].count == 1
    assert store.list_tickets(db=db)[0]["source"] == "bot"


def test_recent_ticket_without_message_id_covers_the_event(db, rasa_tracker):
    store.create_ticket("p1", "telegram", "emergency", "by the action", [], db=db)
    rasa_tracker.user("p1", "report_emergency", None, level="emergency", ts=time.time() - 0.5)
    assert _sweep(db, rasa_tracker) == 0
    assert db["tickets"].count == 1


def test_lower_ticket_does_not_cover_an_emergency(db, rasa_tracker):
    store.create_ticket("p1", "telegram", "routine", "earlier", [], episode_key="old",
                        db=db)
    rasa_tracker.user("p1", "report_emergency", "mid-2", level="emergency")
    assert _sweep(db, rasa_tracker) == 1
    assert store.open_ticket_for("p1", db=db)["priority"] == "emergency"


@pytest.mark.parametrize("level", ["urgent", "routine"])
def test_symptom_report_gets_a_ticket_at_its_level(db, rasa_tracker, level):
    rasa_tracker.user("p1", "report_symptom", "mid-1", level=level, signs=["swelling"])
    assert _sweep(db, rasa_tracker) == 1
    assert store.list_tickets(db=db)[0]["priority"] == level


@pytest.mark.parametrize("intent,level", [
    ("faq", None), ("faq", "emergency"), ("greet", None), ("report_symptom", "none"),
    ("report_symptom", None), ("nlu_fallback", "urgent")])
def test_messages_that_need_no_ticket(db, rasa_tracker, intent, level):
    rasa_tracker.user("p1", intent, "mid-1", level=level)
    assert _sweep(db, rasa_tracker) == 0
    assert db["tickets"].count == 0


def test_only_user_events_are_read(db, rasa_tracker):
    rasa_tracker.add("p1", "action", {"event": "action", "name": "utter_emergency_advice",
                                 "parse_data": {"intent": {"name": "report_emergency"}}},
                action="utter_emergency_advice")
    rasa_tracker.add("p1", "bot", {"event": "bot", "text": "report_emergency"})
    assert _sweep(db, rasa_tracker) == 0


def test_young_events_wait_for_the_grace_period(db, rasa_tracker):
    rasa_tracker.user("p1", "report_emergency", "mid-1", level="emergency", ts=time.time())
    assert _sweep(db, rasa_tracker, grace_seconds=60) == 0
    assert _sweep(db, rasa_tracker, grace_seconds=0) == 1


def test_young_event_is_not_skipped_by_an_older_one_written_later(db, rasa_tracker):
    """Rasa writes a conversation's events after the message is handled, so a
    higher id can carry an older timestamp; the young one must not be lost."""
    now = time.time()
    rasa_tracker.user("young", "report_emergency", "mid-y", level="emergency", ts=now)
    rasa_tracker.user("old", "report_emergency", "mid-o", level="emergency", ts=now - 60)
    first = _sweep(db, rasa_tracker, grace_seconds=30)
    second = _sweep(db, rasa_tracker, grace_seconds=0)
    assert first + second == 2
    assert {t["conversation_id"] for t in store.list_tickets(db=db)} == {"young", "old"}


def test_several_conversations_and_bad_rows(db, rasa_tracker):
    rasa_tracker.add("p0", "user", "{not json")
    rasa_tracker.add("p0", "user", None)
    rasa_tracker.add("p0", "user", "[1, 2]")
    rasa_tracker.add("p0", "user", {"event": "user", "parse_data": None})
    rasa_tracker.add("p0", "user", {"event": "user", "parse_data": ["report_emergency"]})
    rasa_tracker.user("p1", "report_emergency", "m1", level="emergency")
    rasa_tracker.user("p2", "report_symptom", "m2", level="urgent")
    rasa_tracker.user("p3", "faq", "m3")
    rasa_tracker.user("p1", "report_emergency", "m4", level="emergency")  # same episode again
    assert _sweep(db, rasa_tracker) == 2
    assert sorted(t["conversation_id"] for t in store.list_tickets(db=db)) == ["p1", "p2"]


def test_missing_tracker_db_is_harmless(db, data_dir):
    assert reconcile.sweep(db=db, tracker_db=data_dir / "nope.db", grace_seconds=0,
                           tell_rasa=False) == 0
    assert not (data_dir / "nope.db").exists()  # read-only: nothing created


def test_tracker_db_without_events_table_is_harmless(db, data_dir):
    path = data_dir / "empty.db"
    sqlite3.connect(str(path)).close()
    assert reconcile.sweep(db=db, tracker_db=path, grace_seconds=0, tell_rasa=False) == 0


def test_default_tracker_path_is_in_bot_data_dir(db, data_dir):
    Tracker(data_dir / "tracker.db").user("p1", "report_emergency", "m1", level="emergency")
    assert reconcile.sweep(db=db, grace_seconds=0, tell_rasa=False) == 1


def test_sweep_replays_the_spool(db, rasa_tracker, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(store, "create_ticket",
                  lambda *a, **k: (_ for _ in ()).throw(sqlite3.OperationalError("locked")))
        assert escalation.escalate("p9", "rest", "urgent", "r", episode_key="x",
                                   db=db) is None
    assert _sweep(db, rasa_tracker) == 1
    assert store.open_ticket_for("p9", db=db)["priority"] == "urgent"


def test_tell_rasa_failure_is_harmless(db, rasa_tracker, monkeypatch):
    monkeypatch.setenv("RASA_PORT", "9")  # discard port on loopback: refused
    calls = []
    real = reconcile._tell_rasa
    monkeypatch.setattr(reconcile, "_tell_rasa", lambda s, t: (calls.append(t), real(s, t)))
    rasa_tracker.user("p1", "report_emergency", "m1", level="emergency")
    assert _sweep(db, rasa_tracker, tell_rasa=True) == 1
    assert calls == [store.list_tickets(db=db)[0]["id"]]


@pytest.mark.parametrize("parse,level", [
    ({"intent": {"name": "report_emergency"}}, "emergency"),
    ({"intent": {"name": "report_symptom"}, "triage": {"level": "urgent"}}, "urgent"),
    ({"intent": {"name": "report_symptom"}, "triage": {"level": "routine"}}, "routine"),
    # DIET's intent with the detector's emergency level: the level wins
    ({"intent": {"name": "report_symptom"}, "triage": {"level": "emergency"}}, "emergency"),
    ({"intent": {"name": "report_symptom"}, "triage": {"level": "none"}}, None),
    ({"intent": {"name": "faq"}}, None),
    ({}, None),
    ({"intent": None, "triage": None}, None),
])
def test_level_of(parse, level):
    assert reconcile.level_of(parse) == level


def test_answers_inside_the_prescreen_form_are_not_reports(db, rasa_tracker):
    # "I've got a cold sore at the moment" answers the skin question of the
    # pre-screen: the RedFlagDetector calls it urgent, but it is no report
    # after treatment, and the action path does not escalate it either.
    rasa_tracker.add("p1", "active_loop", {"event": "active_loop", "name": "prescreen_form"})
    rasa_tracker.user("p1", "report_symptom", "mid-1", level="urgent", signs=["cold_sore"])
    rasa_tracker.add("p2", "active_loop", {"event": "active_loop", "name": "prescreen_form"})
    rasa_tracker.add("p2", "active_loop", {"event": "active_loop", "name": None})
    rasa_tracker.user("p2", "report_symptom", "mid-2", level="urgent", signs=["cold_sore"])
    assert _sweep(db, rasa_tracker) == 1
    assert [t["conversation_id"] for t in store.list_tickets(db=db)] == ["p2"]


def test_an_emergency_inside_the_prescreen_form_still_counts(db, rasa_tracker):
    rasa_tracker.add("p1", "active_loop", {"event": "active_loop", "name": "prescreen_form"})
    rasa_tracker.user("p1", "report_emergency", "mid-1", level="emergency")
    assert _sweep(db, rasa_tracker) == 1
