"""bot.retention: records and transcripts older than the period go; the rest stays."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot import config, retention, store

DAY = 86400


# ``data_dir`` and ``db`` come from conftest.py.


def _tracker(path: Path, rows) -> None:
    conn = sqlite3.connect(str(path))
    conn.execute("create table events (id INTEGER PRIMARY KEY, sender_id TEXT, "
                 "type_name TEXT, timestamp REAL, intent_name TEXT, action_name TEXT, "
                 "data TEXT)")
    conn.executemany("insert into events (sender_id, type_name, timestamp, data) "
                     "values (?, 'user', ?, ?)",
                     [(s, ts, json.dumps({"text": "hi"})) for s, ts in rows])
    conn.commit()
    conn.close()


def _events(path: Path):
    conn = sqlite3.connect(str(path))
    rows = conn.execute("select sender_id, timestamp from events order by id").fetchall()
    conn.close()
    return rows


def _age(db, table, row_id, days):
    old = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
    db.execute(f"update {table} set created_at = ? where id = ?", [old, row_id])


def test_run_purges_records_and_old_transcripts(db, data_dir):
    now = time.time()
    _tracker(data_dir / "tracker.db", [("old", now - 40 * DAY), ("old", now - 31 * DAY),
                                       ("new", now - 29 * DAY), ("new", now - 60)])
    old = store.save_prescreen("old", "rest", {}, "eligible", [], store.now(), db=db)
    _age(db, "prescreen_records", old["id"], 31)
    new = store.save_prescreen("new", "rest", {}, "eligible", [], store.now(), db=db)
    t = store.create_ticket("old", "rest", "routine", "r", db=db)
    store.update_ticket(t["id"], "ana", status="resolved", db=db)
    _age(db, "tickets", t["id"], 31)
    still_open = store.create_ticket("old", "rest", "urgent", "r", db=db)
    _age(db, "tickets", still_open["id"], 31)

    result = retention.run(30, db=db)

    assert result == {"prescreen_records": 1, "tickets": 1, "transcript_events": 2}
    assert [s for s, _ in _events(data_dir / "tracker.db")] == ["new", "new"]
    assert store.get_prescreen(old["id"], db=db) is None
    assert store.get_prescreen(new["id"], db=db) is not None
    assert store.get_ticket(t["id"], db=db) is None
    assert store.get_ticket(still_open["id"], db=db) is not None  # open: kept
    assert retention.run(30, db=db) == {"prescreen_records": 0, "tickets": 0,
                                        "transcript_events": 0}


def test_run_uses_the_clinic_period_by_default(db, data_dir):
    days = int(config.clinic().get("retention_days", 90))
    now = time.time()
    _tracker(data_dir / "tracker.db", [("a", now - (days + 1) * DAY),
                                       ("b", now - (days - 1) * DAY)])
    assert retention.run(db=db)["transcript_events"] == 1
    assert [s for s, _ in _events(data_dir / "tracker.db")] == ["b"]


def test_missing_tracker_db_is_harmless_and_not_created(db, data_dir):
    assert retention.run(30, db=db)["transcript_events"] == 0
    assert not (data_dir / "tracker.db").exists()


def test_tracker_db_without_events_table(db, data_dir):
    sqlite3.connect(str(data_dir / "tracker.db")).close()
    assert retention.run(30, db=db)["transcript_events"] == 0


def test_delete_transcript_only_that_conversation(data_dir):
    now = time.time()
    path = data_dir / "tracker.db"
    _tracker(path, [("me", now), ("you", now), ("me", now - 5)])
    assert retention.delete_transcript("me") == 2
    assert [s for s, _ in _events(path)] == ["you"]
    assert retention.delete_transcript("me") == 0
    assert retention.delete_transcript("x", tracker_db=data_dir / "none.db") == 0
    assert not (data_dir / "none.db").exists()


def test_command_line(data_dir):
    """`make purge` runs ``python -m bot.retention``: it prints the counts as JSON."""
    out = subprocess.run([sys.executable, "-m", "bot.retention", "--days", "30"],
                         cwd=config.ROOT, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "BOT_DATA_DIR": str(data_dir)})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"prescreen_records": 0, "tickets": 0,
                                      "transcript_events": 0}
    assert (data_dir / "clinic.db").exists()
