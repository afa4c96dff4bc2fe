"""bot.reconcile: symptom reports the action server missed still get a ticket.

Conversations are written through Rasa's own tracker store (``TrackerWriter``,
SQLite in a temporary BOT_DATA_DIR; one test also on a real PostgreSQL), and
the sweep reads them through ``bot.rasa_gateway`` as it does in the worker.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from typing import Any

import pytest

from bot import escalation, notify, rasa_gateway, reconcile, store
from bot.rasa_gateway import StoredEvent
from tests.fakes.trackers import TrackerWriter

# ``data_dir`` (a temporary BOT_DATA_DIR) and ``db`` come from conftest.py.


@pytest.fixture(autouse=True)
def no_alerts(monkeypatch) -> None:
    monkeypatch.setattr(notify, "alert_staff", lambda *a, **k: None)


class Tracker(TrackerWriter):
    """Rasa's tracker store with the patient messages the reconciler looks for."""

    def report(
        self,
        sender: str,
        intent: str,
        message_id: str | None,
        level: str | None = None,
        signs: list[str] = (),
        ts: float | None = None,
        channel: str = "telegram",
    ) -> None:
        parse: dict[str, Any] = {
            "intent": {"name": intent, "confidence": 0.98},
            "entities": [
                {
                    "entity": "red_flag",
                    "value": s,
                    "start": 0,
                    "end": 3,
                    "extractor": "RedFlagDetector",
                }
                for s in signs
            ],
            "text": "what the patient wrote",
        }
        if level:
            parse["triage"] = {"level": level}
        event = {
            "event": "user",
            "timestamp": ts if ts is not None else time.time() - 30,
            "text": "what the patient wrote",
            "parse_data": parse,
            "input_channel": channel,
        }
        if message_id:
            event["message_id"] = message_id
        self.add(sender, event)

    def form(self, sender: str, name: str | None) -> None:
        self.add(sender, {"event": "active_loop", "name": name, "timestamp": time.time() - 40})


@pytest.fixture
def rasa_tracker(data_dir) -> Tracker:
    return Tracker(data_dir)


def _sweep(db, tracker: Tracker | None = None, **kw):
    kw.setdefault("grace_seconds", 0)
    kw.setdefault("tell_rasa", False)
    kw.setdefault("settle_seconds", 0)
    return reconcile.sweep(db=db, tracker=tracker.gateway if tracker else None, **kw)


def test_missed_emergency_gets_one_ticket(db, rasa_tracker):
    rasa_tracker.report(
        "p1", "report_emergency", "mid-1", level="emergency", signs=["vision_change"]
    )
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
    rasa_tracker.report("p1", "report_emergency", "mid-1", signs=["vision_change"])
    assert _sweep(db, rasa_tracker) == 1
    assert store.list_tickets(db=db)[0]["priority"] == "emergency"


def test_cursor_survives_a_restart(db, rasa_tracker, data_dir):
    rasa_tracker.report("p1", "report_emergency", "mid-1", level="emergency")
    assert _sweep(db, rasa_tracker) == 1
    store.delete_patient_data("p1", db=db)  # even with the ticket gone...
    again = store.open_db()
    assert _sweep(again, rasa_tracker) == 0  # ...the event is not processed twice
    again.close()


def test_event_already_covered_by_a_ticket(db, rasa_tracker):
    store.create_ticket(
        "p1",
        "telegram",
        "emergency",
        "by the action",
        ["vision_change"],
        episode_key="mid-1",
        db=db,
    )
    rasa_tracker.report(
        "p1", "report_emergency", "mid-1", level="emergency", signs=["vision_change"]
    )
    assert _sweep(db, rasa_tracker) == 0
    assert db["tickets"].count == 1
    assert store.list_tickets(db=db)[0]["source"] == "bot"


def test_recent_ticket_without_message_id_covers_the_event(db, rasa_tracker):
    store.create_ticket("p1", "telegram", "emergency", "by the action", [], db=db)
    rasa_tracker.report("p1", "report_emergency", None, level="emergency", ts=time.time() - 0.5)
    assert _sweep(db, rasa_tracker) == 0
    assert db["tickets"].count == 1


def test_lower_ticket_does_not_cover_an_emergency(db, rasa_tracker):
    store.create_ticket("p1", "telegram", "routine", "earlier", [], episode_key="old", db=db)
    rasa_tracker.report("p1", "report_emergency", "mid-2", level="emergency")
    assert _sweep(db, rasa_tracker) == 1
    assert store.open_ticket_for("p1", db=db)["priority"] == "emergency"


@pytest.mark.parametrize("level", ["urgent", "routine"])
def test_symptom_report_gets_a_ticket_at_its_level(db, rasa_tracker, level):
    rasa_tracker.report("p1", "report_symptom", "mid-1", level=level, signs=["swelling"])
    assert _sweep(db, rasa_tracker) == 1
    assert store.list_tickets(db=db)[0]["priority"] == level


@pytest.mark.parametrize(
    "intent,level",
    [
        ("faq", None),
        ("faq", "emergency"),
        ("greet", None),
        ("report_symptom", "none"),
        ("report_symptom", None),
        ("nlu_fallback", "urgent"),
    ],
)
def test_messages_that_need_no_ticket(db, rasa_tracker, intent, level):
    rasa_tracker.report("p1", intent, "mid-1", level=level)
    assert _sweep(db, rasa_tracker) == 0
    assert db["tickets"].count == 0


def test_only_user_events_are_read(db, rasa_tracker):
    rasa_tracker.add(
        "p1", {"event": "action", "name": "utter_emergency_advice", "timestamp": time.time() - 30}
    )
    rasa_tracker.add(
        "p1", {"event": "bot", "text": "report_emergency", "timestamp": time.time() - 30}
    )
    assert _sweep(db, rasa_tracker) == 0


def test_young_events_wait_for_the_grace_period(db, rasa_tracker):
    rasa_tracker.report("p1", "report_emergency", "mid-1", level="emergency", ts=time.time())
    assert _sweep(db, rasa_tracker, grace_seconds=60) == 0
    assert _sweep(db, rasa_tracker, grace_seconds=0) == 1


def test_young_event_is_not_skipped_by_an_older_one_written_later(db, rasa_tracker):
    """Rasa writes a conversation's events after the message is handled, so a
    higher id can carry an older timestamp; the young one must not be lost."""
    now = time.time()
    rasa_tracker.report("young", "report_emergency", "mid-y", level="emergency", ts=now)
    rasa_tracker.report("old", "report_emergency", "mid-o", level="emergency", ts=now - 60)
    first = _sweep(db, rasa_tracker, grace_seconds=30)
    second = _sweep(db, rasa_tracker, grace_seconds=0)
    assert first + second == 2
    assert {t["conversation_id"] for t in store.list_tickets(db=db)} == {"young", "old"}


def test_several_conversations(db, rasa_tracker):
    rasa_tracker.report("p1", "report_emergency", "m1", level="emergency")
    rasa_tracker.report("p2", "report_symptom", "m2", level="urgent")
    rasa_tracker.report("p3", "faq", "m3")
    rasa_tracker.report("p1", "report_emergency", "m4", level="emergency")  # same episode again
    assert _sweep(db, rasa_tracker) == 2
    assert sorted(t["conversation_id"] for t in store.list_tickets(db=db)) == ["p1", "p2"]


class StubStore:
    """Stored events as the gateway hands them over, odd ones included."""

    place = "sqlite"

    def __init__(self, events: list[StoredEvent]) -> None:
        self.stored = events

    def events_after(self, after_id: int, types=("user",), limit: int = 500):
        return [e for e in self.stored if e.id > after_id][:limit]

    def active_loop_before(self, conversation_id: str, event_id: int):
        return None


def test_odd_stored_events_are_passed_over(db):
    """Rows another program wrote, or a JSON the gateway could not read (``{}``)."""
    old = time.time() - 30
    odd = [
        {},
        {"event": "user", "parse_data": None},
        {"event": "user", "parse_data": [1]},
        {"event": "user", "parse_data": {"intent": "report_emergency"}},
        {
            "event": "user",
            "parse_data": {"intent": {"name": "report_symptom"}, "triage": ["urgent"]},
        },
    ]
    events = [StoredEvent(i + 1, "p0", "user", old, e) for i, e in enumerate(odd)]
    events.append(
        StoredEvent(
            9,
            "p1",
            "user",
            None,
            {"event": "user", "parse_data": {"intent": {"name": "report_emergency"}}},
        )
    )  # no timestamp: old enough
    assert (
        reconcile.sweep(
            db=db, tracker=StubStore(events), grace_seconds=0, tell_rasa=False, settle_seconds=0
        )
        == 1
    )
    assert [t["conversation_id"] for t in store.list_tickets(db=db)] == ["p1"]
    assert reconcile._cursor(db, reconcile._keys(StubStore([]))) == 9


def test_a_missing_tracker_file_is_harmless_and_not_created(db, data_dir, tmp_path):
    elsewhere = tmp_path / "no-tracker-here"
    elsewhere.mkdir()
    gw = rasa_gateway.tracker_store(overrides={"BOT_DATA_DIR": str(elsewhere)})
    assert reconcile.sweep(db=db, tracker=gw, grace_seconds=0, tell_rasa=False) == 0
    assert not (elsewhere / "tracker.db").exists()  # nothing created


def test_an_empty_tracker_file_is_harmless(db, data_dir):
    sqlite3.connect(str(data_dir / "tracker.db")).close()
    assert _sweep(db) == 0


def test_the_default_store_is_the_one_endpoints_yml_names(db, data_dir):
    Tracker(data_dir).report("p1", "report_emergency", "m1", level="emergency")
    assert reconcile.sweep(db=db, grace_seconds=0, tell_rasa=False, settle_seconds=0) == 1


def test_a_store_that_cannot_be_read_is_a_warning(db, caplog):
    class Down(StubStore):
        def events_after(self, *a, **k):
            raise rasa_gateway.TrackerStoreUnavailable("not reachable")

    with caplog.at_level("WARNING"):
        assert reconcile.sweep(db=db, tracker=Down([]), grace_seconds=0, tell_rasa=False) == 0
    assert "cannot read Rasa's tracker store" in caplog.text


def test_sweep_replays_the_spool(db, rasa_tracker, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(
            store,
            "create_ticket",
            lambda *a, **k: (_ for _ in ()).throw(sqlite3.OperationalError("locked")),
        )
        assert escalation.escalate("p9", "rest", "urgent", "r", episode_key="x", db=db) is None
    assert _sweep(db, rasa_tracker) == 1
    assert store.open_ticket_for("p9", db=db)["priority"] == "urgent"


def test_tell_rasa_failure_is_harmless(db, rasa_tracker, monkeypatch):
    monkeypatch.setenv("RASA_PORT", "9")  # discard port on loopback: refused
    calls = []
    real = reconcile._tell_rasa
    monkeypatch.setattr(reconcile, "_tell_rasa", lambda s, t: (calls.append(t), real(s, t)))
    rasa_tracker.report("p1", "report_emergency", "m1", level="emergency")
    assert _sweep(db, rasa_tracker, tell_rasa=True) == 1
    assert calls == [store.list_tickets(db=db)[0]["id"]]


@pytest.mark.parametrize(
    "parse,level",
    [
        ({"intent": {"name": "report_emergency"}}, "emergency"),
        ({"intent": {"name": "report_symptom"}, "triage": {"level": "urgent"}}, "urgent"),
        ({"intent": {"name": "report_symptom"}, "triage": {"level": "routine"}}, "routine"),
        # DIET's intent with the detector's emergency level: the level wins
        ({"intent": {"name": "report_symptom"}, "triage": {"level": "emergency"}}, "emergency"),
        ({"intent": {"name": "report_symptom"}, "triage": {"level": "none"}}, None),
        ({"intent": {"name": "faq"}}, None),
        ({}, None),
        ({"intent": None, "triage": None}, None),
    ],
)
def test_level_of(parse, level):
    assert reconcile.level_of(parse) == level


def test_answers_inside_the_prescreen_form_are_not_reports(db, rasa_tracker):
    # "I've got a cold sore at the moment" answers the skin question of the
    # pre-screen: the RedFlagDetector calls it urgent, but it is no report
    # after treatment, and the action path does not escalate it either.
    rasa_tracker.form("p1", "prescreen_form")
    rasa_tracker.report("p1", "report_symptom", "mid-1", level="urgent", signs=["cold_sore"])
    rasa_tracker.form("p2", "prescreen_form")
    rasa_tracker.form("p2", None)
    rasa_tracker.report("p2", "report_symptom", "mid-2", level="urgent", signs=["cold_sore"])
    assert _sweep(db, rasa_tracker) == 1
    assert [t["conversation_id"] for t in store.list_tickets(db=db)] == ["p2"]


def test_an_emergency_inside_the_prescreen_form_still_counts(db, rasa_tracker):
    rasa_tracker.form("p1", "prescreen_form")
    rasa_tracker.report("p1", "report_emergency", "mid-1", level="emergency")
    assert _sweep(db, rasa_tracker) == 1


# ------------------------------------------------------------ several writers, several stores


def test_a_lower_id_seen_late_is_not_skipped(db, monkeypatch):
    """Two Rasa replicas on one PostgreSQL: id 1 is taken first but committed
    after id 2 is visible. The cursor waits for the frontier to settle."""
    old = time.time() - 60

    def report(i, sender):
        return StoredEvent(
            i,
            sender,
            "user",
            old,
            {
                "event": "user",
                "message_id": f"m{i}",
                "input_channel": "rest",
                "parse_data": {"intent": {"name": "report_emergency"}},
            },
        )

    tracker = StubStore([report(2, "b")])  # 1 is not committed yet
    clock = [time.time()]
    monkeypatch.setattr(time, "time", lambda: clock[0])

    def sweep():
        return reconcile.sweep(
            db=db, tracker=tracker, grace_seconds=0, tell_rasa=False, settle_seconds=30
        )

    assert sweep() == 1  # b is recorded at once...
    clock[0] += 5
    tracker.stored.insert(0, report(1, "a"))  # ...and then 1 commits
    assert sweep() == 1  # the cursor had not passed it
    clock[0] += 31
    assert sweep() == 0  # the frontier settled: the cursor moves on
    assert reconcile._cursor(db, reconcile._keys(tracker)) == 2
    assert sorted(t["conversation_id"] for t in store.list_tickets(db=db)) == ["a", "b"]


def test_each_store_has_its_own_cursor(db, rasa_tracker):
    rasa_tracker.report("p1", "report_emergency", "m1", level="emergency")
    assert _sweep(db, rasa_tracker) == 1
    assert reconcile._keys(rasa_tracker.gateway) == {
        "cursor": "reconcile_cursor",
        "frontier": "reconcile_frontier",
    }

    class Postgres(StubStore):
        place = "sql:postgresql://db.example:5432/bot"

    other = Postgres(
        [
            StoredEvent(
                1,
                "q1",
                "user",
                time.time() - 60,
                {
                    "event": "user",
                    "message_id": "n1",
                    "parse_data": {"intent": {"name": "report_emergency"}},
                },
            )
        ]
    )
    # ids start again at 1 in the new store: its own cursor, not SQLite's
    assert (
        reconcile.sweep(db=db, tracker=other, grace_seconds=0, tell_rasa=False, settle_seconds=0)
        == 1
    )
    assert (
        reconcile._keys(other)["cursor"] == "reconcile_cursor:sql:postgresql://db.example:5432/bot"
    )


@pytest.mark.slow
def test_missed_emergency_on_postgresql(db, data_dir, tmp_path, postgres_url):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: SQL\n  url: ${TRACKER_STORE_URL}\n")
    gw = rasa_gateway.tracker_store(endpoints, overrides={"TRACKER_STORE_URL": postgres_url})
    assert gw.place.startswith("sql:postgresql://127.0.0.1:") and "@" not in gw.place
    sender = f"tg-{uuid.uuid4().hex[:10]}"
    Tracker(gateway=gw).report(
        sender, "report_emergency", "m-pg", level="emergency", signs=["vision_change"]
    )
    assert (
        reconcile.sweep(db=db, tracker=gw, grace_seconds=0, tell_rasa=False, settle_seconds=0) >= 1
    )
    ticket = store.open_ticket_for(sender, db=db)
    assert ticket["priority"] == "emergency" and ticket["source"] == "reconciler"
