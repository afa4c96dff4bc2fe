"""Retention: delete what is older than the clinic's retention period.

`make purge` runs this (a clinic would run it daily from cron). The period is
``retention_days`` in the clinic config. Pre-screen records and resolved
tickets go through the store; transcripts are deleted from Rasa's tracker
store.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import time
from typing import Dict, Optional

from bot import config, store


def purge_transcripts(days: int, tracker_db=None) -> int:
    """Delete tracker events older than ``days`` days; returns rows deleted."""
    path = tracker_db or config.tracker_db_path()
    try:  # mode=rw: a missing transcript file is not created here
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=10)
    except sqlite3.Error:
        return 0
    try:
        with conn:
            cur = conn.execute("delete from events where timestamp < ?",
                               [time.time() - days * 86400])
            return cur.rowcount
    except sqlite3.OperationalError:
        return 0  # no events table yet
    finally:
        conn.close()


def delete_transcript(conversation_id: str, tracker_db=None) -> int:
    path = tracker_db or config.tracker_db_path()
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=10)
    except sqlite3.Error:
        return 0
    try:
        with conn:
            return conn.execute("delete from events where sender_id = ?",
                                [conversation_id]).rowcount
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def run(days: Optional[int] = None, db=None, tracker_db=None) -> Dict[str, int]:
    days = int(days if days is not None else config.clinic().get("retention_days", 90))
    result = store.purge_older_than(days, db=db)
    result["transcript_events"] = purge_transcripts(days, tracker_db)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--days", type=int, help="override the configured retention period")
    a = ap.parse_args()
    print(json.dumps(run(a.days)))


if __name__ == "__main__":
    main()
