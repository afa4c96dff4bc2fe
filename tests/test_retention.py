"""bot.retention: records and transcripts older than the period go; the rest stays."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

from bot import config, rasa_gateway, retention, store

DAY = 86400


# ``data_dir``, ``db`` and ``tracker`` (writes through Rasa's tracker store) come
# from conftest.py.


def _write(tracker, rows) -> None:
    for sender, ts in rows:
        tracker.user(sender, "hi", at=ts)


def _events(tracker):
    return [(e.sender_id, e.timestamp) for e in tracker.gateway.events_after(0)]


def _age(db, table, row_id, days):
    old = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
    db.execute(f"update {table} set created_at = ? where id = ?", [old, row_id])


def test_run_purges_records_and_old_transcripts(db, tracker):
    now = time.time()
    _write(
        tracker,
        [
            ("old", now - 40 * DAY),
            ("old", now - 31 * DAY),
            ("new", now - 29 * DAY),
            ("new", now - 60),
        ],
    )
    old = store.save_prescreen("old", "rest", {}, "eligible", [], store.now(), db=db)
    _age(db, "prescreen_records", old["id"], 31)
    new = store.save_prescreen("new", "rest", {}, "eligible", [], store.now(), db=db)
    t = store.create_ticket("old", "rest", "routine", "r", db=db)
    store.update_ticket(t["id"], "ana", status="resolved", db=db)
    _age(db, "tickets", t["id"], 31)
    still_open = store.create_ticket("old", "rest", "urgent", "r", db=db)
    _age(db, "tickets", still_open["id"], 31)

    result = retention.run(30, db=db)

    assert result == {
        "prescreen_records": 1,
        "tickets": 1,
        "transcript_events": 2,
        "checkin_treatments": 0,
        "checkin_checkins": 0,
    }
    assert [s for s, _ in _events(tracker)] == ["new", "new"]
    assert tracker.gateway.conversation_ids() == ["new"]
    assert store.get_prescreen(old["id"], db=db) is None
    assert store.get_prescreen(new["id"], db=db) is not None
    assert store.get_ticket(t["id"], db=db) is None
    assert store.get_ticket(still_open["id"], db=db) is not None  # open: kept
    assert retention.run(30, db=db) == {
        "prescreen_records": 0,
        "tickets": 0,
        "transcript_events": 0,
        "checkin_treatments": 0,
        "checkin_checkins": 0,
    }


def test_run_uses_the_clinic_period_by_default(db, tracker):
    days = int(config.clinic().get("retention_days", 90))
    now = time.time()
    _write(tracker, [("a", now - (days + 1) * DAY), ("b", now - (days - 1) * DAY)])
    assert retention.run(db=db)["transcript_events"] == 1
    assert [s for s, _ in _events(tracker)] == ["b"]


def test_missing_tracker_db_is_harmless_and_not_created(db, data_dir):
    assert retention.run(30, db=db)["transcript_events"] == 0
    assert not (data_dir / "tracker.db").exists()


def test_a_tracker_file_without_events_is_fine(db, data_dir):
    (data_dir / "tracker.db").write_bytes(b"")
    assert retention.run(30, db=db)["transcript_events"] == 0


def test_purge_goes_through_the_gateway_it_is_given(db, tracker):
    """Whatever store endpoints.yml names: retention asks the gateway, not a file."""
    calls = []

    class Gateway:
        def purge_before(self, timestamp):
            calls.append(timestamp)
            return 7

    assert retention.run(30, db=db, gateway=Gateway())["transcript_events"] == 7
    assert calls and abs(calls[0] - (time.time() - 30 * DAY)) < 60


def test_command_line(data_dir):
    """`make purge` runs ``python -m bot.retention``: it prints the counts as JSON."""
    out = subprocess.run(
        [sys.executable, "-m", "bot.retention", "--days", "30"],
        cwd=config.ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "BOT_DATA_DIR": str(data_dir)},
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {
        "prescreen_records": 0,
        "tickets": 0,
        "transcript_events": 0,
        "checkin_treatments": 0,
        "checkin_checkins": 0,
    }
    assert (data_dir / "clinic.db").exists()
    assert not (data_dir / "tracker.db").exists()  # nothing to purge: not created


def test_the_gateway_is_the_one_in_endpoints_yml(data_dir):
    gateway = rasa_gateway.tracker_store()
    assert gateway.sqlite_file == data_dir / "tracker.db"
